import { userErrorType } from '@omni/platform';

/** The codes inventory's mutations answer in `userErrors`. */
export const InventoryUserError = userErrorType('Inventory', 'stock, location, reservation or transfer', [
  'ALREADY_SHIPPED',
  'DUPLICATE_LINE',
  'EMPTY_REQUEST',
  'INSUFFICIENT_STOCK',
  'INVALID_COORDINATES',
  'INVALID_LINE',
  'INVALID_NAME',
  'INVALID_NOTE',
  'INVALID_ORDER',
  'INVALID_QUANTITY',
  'INVALID_SKU',
  'LOCATION_CLOSED',
  'NEGATIVE_QUANTITY',
  'NO_ACTIVE_RESERVATION',
  'SAME_LOCATION',
  'TRANSFER_ALREADY_RECEIVED',
  'UNKNOWN_LOCATION',
  'UNKNOWN_TRANSFER',
]);
