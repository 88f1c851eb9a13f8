/**
 * Tracing: with the OpenTelemetry SDK started (here into memory; OTEL_EXPORTER_OTLP_ENDPOINT in a
 * deployment), one query through the gateway makes spans in the gateway and in the subgraphs it
 * calls over HTTP, all in one trace (W3C traceparent on the subgraph fetch).
 */
import { startInMemoryTracing, stopTracing } from '@omni/platform/tracing';
import type { TestSystem } from './harness';

// Before anything loads http, graphql or pg.
const exporter = startInMemoryTracing();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startTestSystem } = require('./harness') as typeof import('./harness');

describe('tracing', () => {
  let t: TestSystem;

  beforeAll(async () => {
    t = await startTestSystem({ transport: 'http' });
  });
  afterAll(async () => {
    await t?.close();
    await stopTracing();
  });

  // Jest loads modules through its own registry, where OpenTelemetry cannot patch node:http,
  // graphql or pg: the subgraphs' server spans are checked with real processes (README, Tracing).
  // What the gateway makes here, through undici's diagnostics channel and Apollo's own spans:
  it('traces a query in the gateway: its plan, and each subgraph fetch as an HTTP client span in the same trace', async () => {
    exporter.reset();
    await t.client.request('query TracedLookup { customerLookup(email: "nobody@example.com") { id } locations { id } }');
    const spans = exporter.getFinishedSpans();
    const request = spans.find((span) => span.name === 'gateway.request');
    expect(request?.attributes['graphql.operation.name']).toBe('TracedLookup');
    const traceId = request!.spanContext().traceId;
    const inTrace = spans.filter((span) => span.spanContext().traceId === traceId);
    const fetched = inTrace.filter((span) => span.name === 'gateway.fetch').map((span) => span.attributes.service);
    expect(fetched.sort()).toEqual(['crm', 'inventory']);
    // The HTTP calls to the subgraphs (they carry the traceparent header): children in this trace.
    const clientPorts = inTrace.filter((span) => span.kind === 2).map((span) => span.attributes['server.port']);
    for (const name of ['crm', 'inventory']) {
      expect(clientPorts).toContain(Number(new URL(t.system.endpoints.get(name)!.url).port));
    }
  });
});
