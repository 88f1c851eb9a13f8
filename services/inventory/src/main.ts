import { runServiceProcess } from '@omni/platform';
import { inventoryService } from './index';

runServiceProcess(inventoryService, 4003);
