/**
 * OpenTelemetry tracing, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set. It must start before
 * http, pg and graphql are loaded, so this module imports nothing of the platform that loads
 * them, and each process's main file imports `instrument` first (see instrument.ts).
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  InMemorySpanExporter,
  ParentBasedSampler,
  SamplingDecision,
  SimpleSpanProcessor,
  type Sampler,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

import { onTelemetryFlush } from './trace-context';

/** A trace starts at a request (or an event), never at the GraphQL parsing a process does at start. */
const rootSampler: Sampler = {
  shouldSample: (_context, _traceId, name) => ({
    decision: name.startsWith('graphql.') ? SamplingDecision.NOT_RECORD : SamplingDecision.RECORD_AND_SAMPLED,
  }),
  toString: () => 'NoGraphqlRoots',
};

/** Paths whose requests make no spans: probes and scrapes every few seconds. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export interface TracingOptions {
  /** `service.name` of the spans (OTEL_SERVICE_NAME overrides it). */
  serviceName: string;
  /** Where spans go; default: the OTLP/HTTP exporter configured by the OTEL_EXPORTER_OTLP_* variables. */
  spanProcessors?: SpanProcessor[];
}

let sdk: NodeSDK | null = null;

/** The instrumentations: incoming and outgoing HTTP (node:http, undici and fetch), GraphQL execution, PostgreSQL. */
function instrumentations() {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.has((req.url ?? '').split('?')[0]!),
    }),
    // The gateway's subgraph fetcher and the peers' fetch: traceparent goes out on every call.
    new UndiciInstrumentation(),
    new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
    // Only within a request or an event: not every poll of the outbox relay and the consumers.
    new PgInstrumentation({ requireParentSpan: true }),
  ];
}

/** Starts tracing for this process (once). */
export function startTracing(options: TracingOptions): void {
  if (sdk) return;
  sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME || options.serviceName,
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : { traceExporter: new OTLPTraceExporter() }),
    sampler: new ParentBasedSampler({ root: rootSampler }),
    instrumentations: instrumentations(),
    // Traces only: metrics are Prometheus's (/metrics), logs are pino's.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  // The shutdown of a process (runServiceProcess, the gateway's main) sends what is buffered.
  onTelemetryFlush(stopTracing);
}

/** Starts tracing when OTEL_EXPORTER_OTLP_ENDPOINT (or its traces variant) is set; otherwise nothing. */
export function startTracingFromEnv(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return false;
  startTracing({ serviceName });
  return true;
}

/** Sends the spans still buffered and stops (on shutdown). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = null;
  await running?.shutdown().catch(() => undefined);
}

/** Tests: tracing into memory instead of an exporter; read the finished spans from what this returns. */
export function startInMemoryTracing(serviceName = 'omni-test'): InMemorySpanExporter {
  const exporter = new InMemorySpanExporter();
  startTracing({ serviceName, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return exporter;
}
