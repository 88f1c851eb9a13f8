// First: OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT) must start before http, pg and graphql load.
import '@omni/platform/dist/instrument';
import { runServiceProcess } from '@omni/platform';
import { inventoryService } from './index';

runServiceProcess(inventoryService);
