// First: OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT) must start before http, pg and graphql load.
import '@omni/platform/dist/instrument';
import { runServiceProcess } from '@omni/platform';
import { ordersService } from './index';
import { useDistributedWebhookDefaults } from './partners/webhooks';

// A process of its own is the distributed mode: webhooks go to public https URLs only.
useDistributedWebhookDefaults();
runServiceProcess(ordersService);
