import { exitOnConfigError, runServiceProcess } from '@omni/platform';
import { readCrmConfig } from './configuration';
import { crmService } from './index';

void exitOnConfigError(async () => {
  readCrmConfig();
  runServiceProcess(crmService, 4001);
});
