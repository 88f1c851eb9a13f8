import { runServiceProcess } from '@omni/platform';
import { crmService } from './index';

runServiceProcess(crmService, 4001);
