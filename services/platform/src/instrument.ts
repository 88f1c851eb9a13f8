/**
 * Imported first by every process's main file (`import '@omni/platform/dist/instrument'`), before
 * anything loads http, pg or graphql: starts OpenTelemetry tracing when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set. The service name is OTEL_SERVICE_NAME, else the folder of
 * the main script (`services/orders/dist/main.js`: `orders`; `gateway/dist/main.js`: `gateway`).
 */
import { startTracingFromEnv } from './tracing';

const script = process.argv[1] ?? '';
const name = /services[\\/]([\w-]+)[\\/]/.exec(script)?.[1] ?? (/gateway[\\/]/.test(script) ? 'gateway' : 'omni');
startTracingFromEnv(name);
