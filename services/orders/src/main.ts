import { runServiceProcess } from '@omni/platform';
import { ordersService } from './index';

runServiceProcess(ordersService, 4004, ['catalog', 'crm', 'inventory', 'loyalty']);
