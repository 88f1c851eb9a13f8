/**
 * The trace context an event carries from the request that wrote it to its consumers. Only the
 * OpenTelemetry API: without a started SDK (tracing.ts) every call here is a no-op.
 */
import { context, propagation, trace, type Context, type Span } from '@opentelemetry/api';
import { withTimeout } from './health';

let flush: (() => Promise<void>) | null = null;

/** Registered by tracing.ts when the SDK starts: how to send the spans still buffered. */
export function onTelemetryFlush(send: () => Promise<void>): void {
  flush = send;
}

/** Sends the buffered spans before the process exits (2 s at most); nothing when tracing is off. */
export async function flushTelemetry(): Promise<void> {
  if (flush) await withTimeout(flush(), 2_000).catch(() => undefined);
}

/** The W3C traceparent of the active span, to carry in an event; undefined when nothing is traced. */
export function currentTraceparent(): string | undefined {
  if (!trace.getActiveSpan()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

const tracer = trace.getTracer('omni-events');

/**
 * Runs `work` in a span that continues the trace of `traceparent` (the request that wrote the
 * event), so a consumer's database work joins that trace. Without tracing this is just `work()`.
 */
export function inEventSpan<T>(name: string, traceparent: string | undefined, work: () => Promise<T>): Promise<T> {
  const parent: Context = traceparent ? propagation.extract(context.active(), { traceparent }) : context.active();
  return tracer.startActiveSpan(name, { attributes: { 'messaging.system': 'omni-events' } }, parent, async (span: Span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: 2 });
      throw error;
    } finally {
      span.end();
    }
  });
}
