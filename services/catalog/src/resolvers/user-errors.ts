import { userErrorType } from '@omni/platform';

/** The codes catalog's mutations answer in `userErrors`. */
export const CatalogUserError = userErrorType('Catalog', 'product, price or promotion', [
  'CODE_TAKEN',
  'CURRENCY_MISMATCH',
  'CURRENCY_REQUIRED',
  'DISCONTINUED_SKU',
  'DUPLICATE_SKU',
  'EMPTY_CART',
  'INVALID_CODE',
  'INVALID_CURRENCY',
  'INVALID_DATES',
  'INVALID_NAME',
  'INVALID_PRICE',
  'INVALID_QUANTITY',
  'INVALID_SKU',
  'INVALID_TIER',
  'INVALID_VALUE',
  'NO_VARIANTS',
  'PRICE_INCONSISTENT',
  'SKU_TAKEN',
  'UNKNOWN_PRODUCT',
  'UNKNOWN_SKU',
]);
