import type { Logger } from '../logger';
import type { EventBus } from './bus';
import { InProcessBus } from './in-process-bus';
import { NatsBus } from './nats-bus';

/** NATS JetStream when a URL is given (connecting in the background), the in-process bus otherwise. */
export function openBus(options: { natsUrl?: string; namespace?: string; log: Logger }): EventBus {
  if (!options.natsUrl) return new InProcessBus(options.log);
  const nats = new NatsBus({ url: options.natsUrl, namespace: options.namespace, log: options.log });
  nats.start();
  return nats;
}
