// First: OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT) must start before http, pg and graphql load.
import '@omni/platform/dist/instrument';
import { exitOnConfigError, runServiceProcess } from '@omni/platform';
import { loyaltyService } from './index';
import { readLoyaltySettings, useLoyaltySettings } from './settings';

void exitOnConfigError(async () => {
  // Distributed: GIFT_CARD_SECRET is required (the development one is public).
  useLoyaltySettings(readLoyaltySettings(process.env, { distributed: true }));
  runServiceProcess(loyaltyService);
});
