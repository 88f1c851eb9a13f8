import {
  assertCanSeeCustomer,
  attempt,
  Channel,
  DateScalar,
  defineLoader,
  groupedByKey,
  isoDate,
  Money,
  MoneyInput,
  Role,
  type ServiceContext,
  UserError,
} from '@omni/platform';
import DataLoader from 'dataloader';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { In } from 'typeorm';
import { removePaymentMethod, savedMethod, savePaymentMethod, setDefaultPaymentMethod } from '../commands/payment-methods';
import {
  buyShoppingList,
  listView,
  purchaseHistory,
  setShoppingListItem,
  skipShoppingListFill,
  type ShoppingListItemView,
} from '../commands/shopping-list';
import { topUpWallet } from '../commands/wallet';
import { AUTO_FILL_NOTICE_DAYS } from '../domain/shopping-list';
import { MAX_TOP_UP_CENTS, MIN_TOP_UP_CENTS } from '../domain/wallet';
import { Cart } from '../entities/cart';
import { SavedPaymentMethod, ShoppingListItemRow, WalletTopUp } from '../entities/shopper';
import { CustomerRef, ExternalPaymentInput, VariantRef } from './order.resolver';
import { OrderUserError } from './user-errors';

const paymentMethodsByCustomer = defineLoader(
  'paymentMethodsByCustomer',
  (ctx) =>
    new DataLoader<string, SavedPaymentMethod[]>(async (ids) => {
      const rows = await ctx.db
        .getRepository(SavedPaymentMethod)
        .find({ where: { customerId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } });
      return groupedByKey(ids, rows, (m) => m.customerId);
    }),
);

/** Each customer's list: the rows she keeps and her purchases, two statements for every customer asked. */
const shoppingListByCustomer = defineLoader(
  'shoppingListByCustomer',
  (ctx) =>
    new DataLoader<string, ShoppingListItemView[]>(async (ids) => {
      const today = isoDate();
      const [rows, history] = await Promise.all([
        ctx.db.getRepository(ShoppingListItemRow).findBy({ customerId: In([...ids]) }),
        purchaseHistory(ctx.db.manager, ids, today),
      ]);
      const rowsOf = groupedByKey(ids, rows, (r) => r.customerId);
      return ids.map((id, i) => listView(id, rowsOf[i]!, history.get(id)!, today));
    }),
);

@ObjectType({ description: 'One item on the shopping list: kept by the shopper, or learned from what she buys again and again.' })
export class ShoppingListItem {
  @Field({ description: 'The SKU.' })
  sku!: string;

  @Field(() => Int, { description: 'Units to buy (for a learned item: the units she bought last time).' })
  quantity!: number;

  @Field({ description: 'True: a replenishment order is placed each time the item comes due (see `nextDueOn`).' })
  autoFill!: boolean;

  @Field(() => Int, {
    nullable: true,
    description:
      'Days between two purchases: the shopper’s own interval, else the typical one learned from her purchases in every channel; null: neither is known yet.',
  })
  intervalDays!: number | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Auto-filled: the date of the next replenishment order. Otherwise: when she will want it again (last purchase plus the interval). Null: not known (never bought twice, or not bought for three intervals).',
  })
  nextDueOn!: string | null;

  @Field({ description: 'Due: `nextDueOn` is today or past.' })
  due!: boolean;

  @Field({
    description: 'True when the shopper put it on the list (or changed it); false for an item only learned from her purchases.',
  })
  addedByShopper!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'The typical days between her purchases of it (the median gap); null: bought on fewer than two days.',
  })
  learnedIntervalDays!: number | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The last day she bought it, in any channel, in the past year; null: not bought.',
  })
  lastPurchasedOn!: string | null;

  @Field(() => Int, { description: 'How many days in the past year she bought it on (several orders on one day count once).' })
  purchaseDays!: number;

  @Field({ description: 'True for a regular buyer: three or more purchases, every gap within half the typical interval.' })
  regular!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Auto-filled: why the last replenishment order could not be placed (retried on the next run); null when it was.',
  })
  lastAutoFillFailure!: string | null;

  static of(v: ShoppingListItemView): ShoppingListItem {
    return Object.assign(new ShoppingListItem(), {
      sku: v.sku,
      quantity: v.quantity,
      autoFill: v.autoFill,
      intervalDays: v.intervalDays,
      nextDueOn: v.nextDueOn,
      due: v.due,
      addedByShopper: v.addedByShopper,
      learnedIntervalDays: v.learned?.intervalDays ?? null,
      lastPurchasedOn: v.lastPurchasedOn,
      purchaseDays: v.learned?.purchaseDays ?? 0,
      regular: v.learned?.regular ?? false,
      lastAutoFillFailure: v.row?.autoFill ? v.row.lastFailure : null,
    });
  }
}

@ObjectType({
  description: "The shopper's shopping list: what she keeps on it, and what it learned from her purchases in every channel.",
})
export class ShoppingList {
  @Field(() => [ShoppingListItem], { description: 'Every item: due ones first, then by due date.' })
  items!: ShoppingListItem[];

  @Field(() => [ShoppingListItem], { description: 'Only the items due today or earlier.' })
  dueItems!: ShoppingListItem[];
}

@InputType({ description: 'Money added to the shopper’s wallet (store credit), paid with a card.' })
export class TopUpWalletInput {
  @Field(() => ID, { description: 'The shopper (a shopper may name only themself).' })
  customerId!: string;

  @Field(() => MoneyInput, {
    description: `How much, in integer minor units: ${MIN_TOP_UP_CENTS} to ${MAX_TOP_UP_CENTS} (INVALID_AMOUNT). The wallet holds at most 1,000,000 (WALLET_LIMIT_EXCEEDED).`,
  })
  amount!: MoneyInput;

  @Field(() => ExternalPaymentInput, {
    nullable: true,
    description:
      'A card through a payment provider. `manual` and `cash` only for staff taking the money themselves (PAYMENT_METHOD_NOT_ALLOWED for shoppers). Give this or `paymentMethodId`.',
  })
  payment?: ExternalPaymentInput | null;

  @Field(() => ID, { nullable: true, description: "Instead of `payment`: one of the shopper's saved payment methods." })
  paymentMethodId?: string | null;

  @Field({
    description:
      'A key of your choosing per top-up (at most 100 characters): a retry with the same key adds the money once and answers as the first call did; the key with another request is IDEMPOTENCY_KEY_REUSED.',
  })
  idempotencyKey!: string;
}

@ObjectType({ description: 'The result of `topUpWallet`.' })
export class TopUpWalletPayload {
  @Field(() => Money, {
    nullable: true,
    description:
      'The wallet after the top-up (available to spend); null on a userError, or while the credit is still being made (topUp.status CAPTURED).',
  })
  storeCredit!: Money | null;

  @Field(() => WalletTopUp, { nullable: true, description: 'The top-up; null on a userError.' })
  topUp!: WalletTopUp | null;

  @Field(() => [OrderUserError], {
    description:
      'Why nothing was added: INVALID_AMOUNT, INVALID_CURRENCY, INVALID_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_REUSED, UNKNOWN_CUSTOMER, PAYMENT_CONFLICT, UNKNOWN_PAYMENT_PROVIDER, PAYMENT_METHOD_NOT_ALLOWED, INVALID_PAYMENT_TOKEN, UNKNOWN_PAYMENT_METHOD, CARD_EXPIRED, PAYMENT_DECLINED (nothing charged), PAYMENT_FAILED (nothing charged), PAYMENT_PROVIDER_UNAVAILABLE (retry with the same key), WALLET_LIMIT_EXCEEDED (the payment was refunded).',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'A payment method the shopper tokenized at a payment provider, to save (never a card number).' })
export class SavePaymentMethodInput {
  @Field(() => ID, { description: 'The shopper (a shopper may name only themself).' })
  customerId!: string;

  @Field({ description: 'The provider that issued the token, e.g. `test` or `stripe` (not `manual` or `cash`).' })
  provider!: string;

  @Field({
    description: "The provider's reusable token (at most 200 characters), e.g. a Stripe PaymentMethod id. Never returned.",
  })
  token!: string;

  @Field({ description: 'The brand the provider reports, e.g. `visa` (at most 20 characters).' })
  brand!: string;

  @Field({ description: 'The last four digits of the card number.' })
  last4!: string;

  @Field(() => Int, { nullable: true, description: 'Expiry month, 1 to 12; null with expiryYear: it does not expire.' })
  expiryMonth?: number | null;

  @Field(() => Int, { nullable: true, description: 'Expiry year, four digits.' })
  expiryYear?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Make it the default method (the first one saved always is).' })
  makeDefault?: boolean | null;
}

@ObjectType({ description: 'The result of a saved-payment-method mutation.' })
export class PaymentMethodsPayload {
  @Field(() => SavedPaymentMethod, {
    nullable: true,
    description: 'The method saved or changed; null on a userError and after a removal.',
  })
  paymentMethod!: SavedPaymentMethod | null;

  @Field(() => [SavedPaymentMethod], {
    nullable: true,
    description: "The shopper's methods after the change; null on a userError.",
  })
  paymentMethods!: SavedPaymentMethod[] | null;

  @Field(() => [OrderUserError], { description: 'Why nothing changed; each mutation lists its codes.' })
  userErrors!: UserError[];
}

@InputType({ description: 'One item of a shopping list, as the shopper wants it.' })
export class ShoppingListItemInput {
  @Field(() => ID, { description: 'The shopper (a shopper may name only themself).' })
  customerId!: string;

  @Field({ description: 'The SKU (UNKNOWN_SKU, DISCONTINUED_SKU).' })
  sku!: string;

  @Field(() => Int, { description: 'Units, 0 to 999; 0 removes the item (a learned item then stays off the list).' })
  quantity!: number;

  @Field(() => Boolean, {
    nullable: true,
    description: `true: place a replenishment order each time it comes due (paid from the wallet, then the default saved method; the shopper is told ${AUTO_FILL_NOTICE_DAYS} days ahead and may skip). null: unchanged.`,
  })
  autoFill?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Her own interval in days, 1 to 365; null: the interval learned from her purchases (INTERVAL_REQUIRED for auto-fill when there is none).',
  })
  intervalDays?: number | null;
}

@ObjectType({ description: 'The result of a shopping list mutation.' })
export class ShoppingListItemPayload {
  @Field(() => ShoppingListItem, {
    nullable: true,
    description: 'The item after the change; null on a userError or when it was removed.',
  })
  item!: ShoppingListItem | null;

  @Field(() => [OrderUserError], { description: 'Why nothing changed; each mutation lists its codes.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Buy my list: the shopping list becomes a cart.' })
export class BuyShoppingListInput {
  @Field(() => ID, { description: 'The shopper (a shopper may name only themself).' })
  customerId!: string;

  @Field(() => Channel, { description: 'The channel of the cart; prices follow it.' })
  channel!: Channel;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only the items due today or earlier; null or false: every item she keeps on the list.',
  })
  onlyDue?: boolean | null;
}

@ObjectType({ description: 'The result of `buyShoppingList`.' })
export class BuyShoppingListPayload {
  @Field(() => Cart, {
    nullable: true,
    description: 'A new cart with the items, priced as any cart; check it out as usual. Null on a userError.',
  })
  cart!: Cart | null;

  @Field(() => [String], { description: 'SKUs on the list left out because they are no longer sold.' })
  skippedSkus!: string[];

  @Field(() => [OrderUserError], { description: 'UNKNOWN_CUSTOMER, EMPTY_LIST.' })
  userErrors!: UserError[];
}

/** A saved method the caller may act on (FORBIDDEN when it is another shopper's), or UNKNOWN_PAYMENT_METHOD. */
async function ownMethod(ctx: ServiceContext, id: string): Promise<SavedPaymentMethod> {
  const method = await savedMethod(ctx, id, ['id']);
  assertCanSeeCustomer(ctx.caller, method.customerId);
  return method;
}

@Resolver(() => ShoppingListItem)
export class ShoppingListItemResolver {
  @FieldResolver(() => VariantRef, { nullable: true, description: 'The variant from the catalog (its product, price, stock).' })
  variant(@Root() item: ShoppingListItem): VariantRef {
    return { sku: item.sku };
  }
}

@Resolver(() => CustomerRef)
export class CustomerShopperAppResolver {
  @FieldResolver(() => [SavedPaymentMethod], {
    description:
      "The shopper's saved payment methods, oldest first (brand, last four, expiry; never the token). The shopper and staff.",
  })
  paymentMethods(@Root() customer: CustomerRef, @Ctx() ctx: ServiceContext): Promise<SavedPaymentMethod[]> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    return paymentMethodsByCustomer(ctx).load(customer.id);
  }

  @FieldResolver(() => SavedPaymentMethod, {
    nullable: true,
    description: 'The default saved payment method (pays auto-filled orders); null when none is saved.',
  })
  async defaultPaymentMethod(@Root() customer: CustomerRef, @Ctx() ctx: ServiceContext): Promise<SavedPaymentMethod | null> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    return (await paymentMethodsByCustomer(ctx).load(customer.id)).find((m) => m.isDefault) ?? null;
  }

  @FieldResolver(() => ShoppingList, {
    description:
      'The shopping list: what she keeps on it and what it learned from her purchases in every channel. The shopper and staff.',
  })
  async shoppingList(@Root() customer: CustomerRef, @Ctx() ctx: ServiceContext): Promise<ShoppingList> {
    assertCanSeeCustomer(ctx.caller, customer.id);
    const items = (await shoppingListByCustomer(ctx).load(customer.id)).map((v) => ShoppingListItem.of(v));
    return { items, dueItems: items.filter((i) => i.due) };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => TopUpWalletPayload, {
    description:
      "Adds money to the shopper's wallet (store credit, spent at checkout in every channel with `useStoreCredit`), paid through a payment provider: captured, then credited; refunded if the wallet cannot take it. The shopper, or staff for them. " +
      'userErrors: INVALID_AMOUNT, INVALID_CURRENCY, INVALID_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_REUSED, UNKNOWN_CUSTOMER, PAYMENT_CONFLICT, UNKNOWN_PAYMENT_PROVIDER, PAYMENT_METHOD_NOT_ALLOWED, INVALID_PAYMENT_TOKEN, UNKNOWN_PAYMENT_METHOD, CARD_EXPIRED, PAYMENT_DECLINED, PAYMENT_FAILED, PAYMENT_PROVIDER_UNAVAILABLE, WALLET_LIMIT_EXCEEDED.',
  })
  async topUpWallet(
    @Arg('input', () => TopUpWalletInput, { description: 'The shopper, the amount, how it is paid and the idempotency key.' })
    input: TopUpWalletInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<TopUpWalletPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => topUpWallet(ctx, input));
    return {
      storeCredit: result?.storeCredit ? Money.of(result.storeCredit.cents, result.storeCredit.currency) : null,
      topUp: result?.topUp ?? null,
      userErrors,
    };
  }

  @Authorized(Role.CUSTOMER)
  @Mutation(() => PaymentMethodsPayload, {
    description:
      'The shopper saves a payment method tokenized at a provider (token and display data only; the first is the default). ' +
      'userErrors: UNKNOWN_CUSTOMER, UNKNOWN_PAYMENT_PROVIDER, PAYMENT_METHOD_NOT_ALLOWED, INVALID_PAYMENT_TOKEN, CARD_NUMBER_REFUSED, INVALID_BRAND, INVALID_LAST4, INVALID_EXPIRY, CARD_EXPIRED, TOO_MANY_PAYMENT_METHODS.',
  })
  async savePaymentMethod(
    @Arg('input', () => SavePaymentMethodInput, {
      description: 'The shopper, the provider token and what identifies it to a person.',
    })
    input: SavePaymentMethodInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<PaymentMethodsPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => savePaymentMethod(ctx, input));
    return {
      paymentMethod: result,
      paymentMethods:
        result &&
        (await ctx.db
          .getRepository(SavedPaymentMethod)
          .find({ where: { customerId: result.customerId }, order: { createdAt: 'ASC', id: 'ASC' } })),
      userErrors,
    };
  }

  @Authorized(Role.CUSTOMER, Role.CSR)
  @Mutation(() => PaymentMethodsPayload, {
    description:
      'Makes a saved method the default (the shopper, or a CSR for them). userErrors: UNKNOWN_PAYMENT_METHOD, CARD_EXPIRED.',
  })
  async setDefaultPaymentMethod(
    @Arg('id', () => ID, { description: 'The saved method (`SavedPaymentMethod.id`).' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<PaymentMethodsPayload> {
    const { result, userErrors } = await attempt(async () => setDefaultPaymentMethod(ctx, await ownMethod(ctx, id)));
    return {
      paymentMethod: result,
      paymentMethods:
        result &&
        (await ctx.db
          .getRepository(SavedPaymentMethod)
          .find({ where: { customerId: result.customerId }, order: { createdAt: 'ASC', id: 'ASC' } })),
      userErrors,
    };
  }

  @Authorized(Role.CUSTOMER, Role.CSR)
  @Mutation(() => PaymentMethodsPayload, {
    description:
      'Forgets a saved method (the shopper, or a CSR for them); when it was the default, the newest one left becomes the default. userErrors: UNKNOWN_PAYMENT_METHOD.',
  })
  async removePaymentMethod(
    @Arg('id', () => ID, { description: 'The saved method (`SavedPaymentMethod.id`).' }) id: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<PaymentMethodsPayload> {
    const { result, userErrors } = await attempt(async () => removePaymentMethod(ctx, await ownMethod(ctx, id)));
    return { paymentMethod: null, paymentMethods: result, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => ShoppingListItemPayload, {
    description:
      'Adds, changes or removes (quantity 0) one shopping list item, and switches its auto-fill on or off. The shopper, or staff for them. ' +
      'userErrors: UNKNOWN_CUSTOMER, UNKNOWN_SKU, DISCONTINUED_SKU, INVALID_QUANTITY, INVALID_INTERVAL, INTERVAL_REQUIRED, TOO_MANY_ITEMS.',
  })
  async setShoppingListItem(
    @Arg('input', () => ShoppingListItemInput, { description: 'The shopper, the SKU, its quantity and auto-fill.' })
    input: ShoppingListItemInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<ShoppingListItemPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => setShoppingListItem(ctx, { ...input, channel: ctx.channel }));
    return { item: result && result.row && result.row.quantity > 0 ? ShoppingListItem.of(result) : null, userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => ShoppingListItemPayload, {
    description:
      "Skips an auto-filled item's next replenishment order: it moves one interval on. The shopper, or staff for them. userErrors: UNKNOWN_SKU, NOT_AUTO_FILLED, CONCURRENT_CHANGE.",
  })
  async skipShoppingListAutoFill(
    @Arg('customerId', () => ID, { description: 'The shopper (a shopper may name only themself).' }) customerId: string,
    @Arg('sku', { description: 'The auto-filled item.' }) sku: string,
    @Ctx() ctx: ServiceContext,
  ): Promise<ShoppingListItemPayload> {
    assertCanSeeCustomer(ctx.caller, customerId);
    const { result, userErrors } = await attempt(() => skipShoppingListFill(ctx, customerId, sku));
    return { item: result && ShoppingListItem.of(result), userErrors };
  }

  @Authorized(Role.CUSTOMER, Role.ASSOCIATE, Role.CSR)
  @Mutation(() => BuyShoppingListPayload, {
    description:
      "Buy my list: a new cart with the shopper's list items (all, or only the due ones), ready to check out. The shopper, or staff for them. userErrors: UNKNOWN_CUSTOMER, EMPTY_LIST.",
  })
  async buyShoppingList(
    @Arg('input', () => BuyShoppingListInput, { description: 'The shopper, the channel, and which items.' })
    input: BuyShoppingListInput,
    @Ctx() ctx: ServiceContext,
  ): Promise<BuyShoppingListPayload> {
    assertCanSeeCustomer(ctx.caller, input.customerId);
    const { result, userErrors } = await attempt(() => buyShoppingList(ctx, input));
    return { cart: result?.cart ?? null, skippedSkus: result?.skipped ?? [], userErrors };
  }
}
