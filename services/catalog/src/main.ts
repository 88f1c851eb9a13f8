import { runServiceProcess } from '@omni/platform';
import { catalogService } from './index';

runServiceProcess(catalogService, 4002);
