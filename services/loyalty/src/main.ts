import { exitOnConfigError, runServiceProcess } from '@omni/platform';
import { loyaltyService } from './index';
import { readLoyaltySettings, useLoyaltySettings } from './settings';

void exitOnConfigError(async () => {
  // Distributed: GIFT_CARD_SECRET is required (the development one is public).
  useLoyaltySettings(readLoyaltySettings(process.env, { distributed: true }));
  runServiceProcess(loyaltyService, 4005, ['crm']);
});
