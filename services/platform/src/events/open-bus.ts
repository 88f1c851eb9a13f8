import type { Logger } from '../logger';
import type { EventBus } from './bus';
import { InProcessBus } from './in-process-bus';
import { NatsBus } from './nats-bus';

export interface OpenBusOptions {
  natsUrl?: string;
  /** NATS credentials (or in the URL): the distributed mode requires them. */
  natsUser?: string;
  natsPassword?: string;
  namespace?: string;
  /** Signs and verifies every event (default: the public development secret). */
  eventSecret?: string;
  log: Logger;
}

/** NATS JetStream when a URL is given (connecting in the background), the in-process bus otherwise. */
export function openBus(options: OpenBusOptions): EventBus {
  if (!options.natsUrl) return new InProcessBus(options.log, options.eventSecret);
  const nats = new NatsBus({
    url: options.natsUrl,
    user: options.natsUser,
    password: options.natsPassword,
    namespace: options.namespace,
    eventSecret: options.eventSecret,
    log: options.log,
  });
  nats.start();
  return nats;
}
