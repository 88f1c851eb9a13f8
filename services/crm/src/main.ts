// First: OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT) must start before http, pg and graphql load.
import '@omni/platform/dist/instrument';
import { exitOnConfigError, runServiceProcess } from '@omni/platform';
import { readCrmConfig } from './configuration';
import { crmService } from './index';

void exitOnConfigError(async () => {
  readCrmConfig();
  runServiceProcess(crmService);
});
