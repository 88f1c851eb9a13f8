import { runServiceProcess } from '@omni/platform';
import { loyaltyService } from './index';

runServiceProcess(loyaltyService, 4005, ['crm']);
