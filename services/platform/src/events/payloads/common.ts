import { z } from 'zod';

/** Building blocks of the payload schemas. */

/** An id, a SKU, an order or card number: never empty. */
export const Id = z.string().min(1);

/** ISO 4217, as every amount carries it. */
export const Currency = z.string().length(3);

/** Minor units of a currency. */
export const Cents = z.number().int().nonnegative();

/** A count of units. */
export const Units = z.number().int().nonnegative();
