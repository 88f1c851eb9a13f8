/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A postal address. */
export type AddressInput = {
  /** City, 1 to 100 characters. */
  city: string;
  /** ISO 3166-1 alpha-2 country code, e.g. `DE`. */
  country: string;
  /** Latitude in decimal degrees (-90..90); null: unknown (give both or neither). */
  lat?: number | null | undefined;
  /** Street and number, 1 to 200 characters. */
  line1: string;
  /** Longitude in decimal degrees (-180..180); null: unknown. */
  lng?: number | null | undefined;
  /** Postal code, at most 20 characters. */
  postalCode: string;
};

/** The next step of one fulfillment. */
export type AdvanceFulfillmentInput = {
  /** The step taken; it must follow from the fulfillment's status. */
  action: FulfillmentAction;
  /** The fulfillment (`Fulfillment.id`). */
  fulfillmentId: string | number;
  /** Required to SHIP. */
  trackingNumber?: string | null | undefined;
};

/** How many shoppers a store takes for one kind of appointment, per slot. */
export type AppointmentCapacityInput = {
  /** Shoppers per slot, 0 to 500; 0 stops new bookings (existing ones stay). */
  capacityPerSlot: number;
  /** When the last slot of a day ends by, HH:MM (UTC, up to 24:00); null: 24:00. */
  closesAt?: string | null | undefined;
  /** The kind of appointment this capacity is for. */
  kind: AppointmentKind;
  /** The store (`Location.id`, a STORE). */
  locationId: string | number;
  /** When the first slot of a day starts, HH:MM (UTC), on a slot boundary; null: midnight. */
  opensAt?: string | null | undefined;
  /** Minutes a slot lasts, 5 to 480 and a divisor of a day (15, 30, 60...); slots start every that many minutes from midnight UTC. */
  slotMinutes: number;
};

/** What a shopper books a store for. */
export type AppointmentKind =
  /** Personal advice: styling, a product choice, a wedding list. */
  | 'CONSULTATION'
  /** A fitting with an associate (clothes, shoes, tailoring). */
  | 'FITTING'
  /** A time to collect an order at the counter. */
  | 'PICKUP_SLOT';

/** Where an appointment stands. */
export type AppointmentStatus =
  /** Booked: holds one place of its slot. */
  | 'BOOKED'
  /** Cancelled by the shopper or staff; its place went back to the slot. */
  | 'CANCELLED'
  /** The shopper arrived and an associate checked them in. */
  | 'CHECKED_IN';

/** A named property of a product or variant, e.g. { name: "color", value: "navy" }. */
export type AttributeInput = {
  /** The attribute, e.g. `color` or `size` (at most 100 characters). */
  name: string;
  /** Its value as text (at most 200 characters); a measure with its unit, e.g. `80 cm`, is searchable by range. */
  value: string;
};

/** A birthday: month and day, and the year when the shopper gives it. */
export type BirthdayInput = {
  /** Day of the month (29 February is greeted on 28 February in other years). */
  day: number;
  /** Month, 1 to 12. */
  month: number;
  /** Year of birth, optional (1900 to this year). */
  year?: number | null | undefined;
};

/** A place to book in a slot of a store. */
export type BookAppointmentInput = {
  /** Where the shopper booked (app, web, store, contact center). */
  channel: Channel;
  /** Who the appointment is for (`Customer.id`); a shopper books only for themselves. */
  customerId: string | number;
  /** What the appointment is for; the store must offer it. */
  kind: AppointmentKind;
  /** The store (`Location.id`). */
  locationId: string | number;
  /** The start of a slot (UTC instant), as `Location.appointmentSlots` lists them. */
  startsAt: string;
};

/** The window an engagement cap counts in (UTC calendar periods). */
export type CapPeriod =
  /** A calendar day (UTC). */
  | 'DAY'
  /** A calendar month (UTC). */
  | 'MONTH'
  /** A calendar week, Monday to Sunday (UTC). */
  | 'WEEK'
  /** A calendar year (UTC). */
  | 'YEAR';

/** Where a cart stands. */
export type CartStatus =
  /** Open, but untouched for longer than the abandonment window (it can still be checked out). */
  | 'ABANDONED'
  /** Turned into an order; it can no longer change. */
  | 'CHECKED_OUT'
  /** Being filled; it can be changed and checked out. */
  | 'OPEN';

/** Every code a product, price or promotion mutation can answer in `userErrors`. New codes may be added: treat an unknown one as a generic failure. */
export type CatalogErrorCode =
  /** Another promotion uses this coupon code. */
  | 'CODE_TAKEN'
  /** Amounts in different currencies meet: a price, basket, gift card or store credit in another currency than the rest, with no conversion rate configured. */
  | 'CURRENCY_MISMATCH'
  /** An amount off names its currency. */
  | 'CURRENCY_REQUIRED'
  /** The SKU is no longer sold. */
  | 'DISCONTINUED_SKU'
  /** The same SKU appears twice in one request. */
  | 'DUPLICATE_SKU'
  /** A basket to price has at least one line. */
  | 'EMPTY_CART'
  /** A promotion is for a segment or for one customer, not both; each is an id of 1 to 36 characters. */
  | 'INVALID_AUDIENCE'
  /** A market's price list applies to every channel of the market: give a market or a channel, not both. */
  | 'INVALID_CHANNEL'
  /** A coupon code is 3 to 40 letters, digits, `-` or `_`. */
  | 'INVALID_CODE'
  /** A country is an ISO 3166-1 alpha-2 code. */
  | 'INVALID_COUNTRY'
  /** The currency is not an ISO 4217 code. */
  | 'INVALID_CURRENCY'
  /** A promotion ends after it starts. */
  | 'INVALID_DATES'
  /** A market code is 2 to 20 letters, digits, `-` or `_`. */
  | 'INVALID_MARKET'
  /** A name is required, within its length limit (see the field), without control characters. */
  | 'INVALID_NAME'
  /** A price is a whole number of minor units (cents), zero or more. */
  | 'INVALID_PRICE'
  /** A quantity is a whole number above zero. */
  | 'INVALID_QUANTITY'
  /** The SKU is not well formed. */
  | 'INVALID_SKU'
  /** The loyalty tier is not one of the program tiers. */
  | 'INVALID_TIER'
  /** A discount is a whole number above zero (a percentage at most 100). */
  | 'INVALID_VALUE'
  /** The market named is not the market of the store or pickup location: a store sells in its own market. */
  | 'MARKET_MISMATCH'
  /** The SKU has no price in the market's currency (prices are never converted): add it to the market's price list. */
  | 'NOT_SOLD_IN_MARKET'
  /** A product has at least one variant. */
  | 'NO_VARIANTS'
  /** A channel price differs from the base price, and the retailer's policy does not allow that channel its own price. */
  | 'PRICE_INCONSISTENT'
  /** The SKU belongs to another product. */
  | 'SKU_TAKEN'
  /** No location has this id. */
  | 'UNKNOWN_LOCATION'
  /** No market has this code. */
  | 'UNKNOWN_MARKET'
  /** No product has this id. */
  | 'UNKNOWN_PRODUCT'
  /** No product has this SKU. */
  | 'UNKNOWN_SKU';

/** A sales or service channel. */
export type Channel =
  /** The contact center (CSR console). */
  | 'CALL_CENTER'
  /** A self-service kiosk in a store. */
  | 'KIOSK'
  /** A third-party marketplace selling on our behalf. */
  | 'MARKETPLACE'
  /** The retailer's mobile app. */
  | 'MOBILE_APP'
  /** A partner integration calling the API with a partner token. */
  | 'PARTNER'
  /** Social commerce (shops inside social networks). */
  | 'SOCIAL'
  /** A physical store: its associates, tills and POS. */
  | 'STORE'
  /** The web store. */
  | 'WEB';

/** How to turn a cart into an order: fulfillment and tenders. */
export type CheckoutInput = {
  /** The cart (`Cart.id`). */
  cartId: string | number;
  /** Required for a guest cart: how the guest finds the order again. */
  email?: string | null | undefined;
  /** How the shopper gets the goods: ship, pick up in store or carry out. */
  fulfillment: FulfillmentRequestInput;
  /** Gift cards to spend, in this order. */
  giftCardCodes?: Array<string> | null | undefined;
  /** A key of your choosing, unique per attempt (at most 100 characters): a retry with the same key answers with the first result instead of acting twice. */
  idempotencyKey: string;
  /** Pays what the other tenders leave. */
  payment?: ExternalPaymentInput | null | undefined;
  /** Instead of `payment`: one of the shopper's saved payment methods (`SavedPaymentMethod.id`) pays what the other tenders leave. Only the shopper and staff serving them (PAYMENT_METHOD_NOT_ALLOWED otherwise); UNKNOWN_PAYMENT_METHOD, CARD_EXPIRED, PAYMENT_CONFLICT (both given). */
  paymentMethodId?: string | number | null | undefined;
  /** Loyalty points to spend, at most: a point pays the point value of the order's currency (loyalty's `loyaltyCurrencies`; 0.01 of the currency without settings), and only the points needed are taken; null: none. */
  redeemPoints?: number | null | undefined;
  /** true: spend the shopper's store credit first; null or false: do not. */
  useStoreCredit?: boolean | null | undefined;
};

/** A way CRM reaches the customer directly. */
export type ContactChannel =
  /** E-mail. */
  | 'EMAIL'
  /** Push notification to the mobile app. */
  | 'PUSH'
  /** Text message to the phone number. */
  | 'SMS';

/** A partner API client to register. */
export type CreateApiClientInput = {
  /** A name for people, 1 to 200 characters. */
  name: string;
  /** The partner its tokens act for (the `partner_id` claim). */
  partnerId: string;
  /** Of orders:read, orders:write, webhooks:manage, catalog:read, inventory:read. */
  scopes: Array<string>;
};

/** A new cart. */
export type CreateCartInput = {
  /** The channel the cart is created in; prices follow it. */
  channel: Channel;
  /** The shopper it belongs to (a shopper may name only themself); null: a guest cart. */
  customerId?: string | number | null | undefined;
  /** The market the shopper buys in (`Market.code`, e.g. `DE`): the cart is priced from its price list and in its currency (UNKNOWN_MARKET when there is none). Null: the default market (the variants' own prices). */
  market?: string | null | undefined;
};

/** A new promotion: automatic, or a coupon when `code` is given. */
export type CreatePromotionInput = {
  /** Empty or absent: every channel. */
  channels?: Array<Channel> | null | undefined;
  /** A coupon code; without one the promotion applies automatically. */
  code?: string | null | undefined;
  /** Currency of an AMOUNT_OFF value (defaults to the minimum subtotal currency). */
  currency?: string | null | undefined;
  /** A personal offer: only this customer gets it, in every channel where they are identified. Not with `segmentId`. */
  customerId?: string | number | null | undefined;
  /** When it stops applying (after `startsAt`); null: never. */
  endsAt?: string | null | undefined;
  /** PERCENT_OFF or AMOUNT_OFF: how `value` is read. */
  kind: PromotionKind;
  /** The cart subtotal (minor units) needed to qualify; null: any cart. */
  minSubtotal?: MoneyInput | null | undefined;
  /** Lowest loyalty tier that qualifies: BRONZE, SILVER, GOLD or PLATINUM. */
  minTier?: string | null | undefined;
  /** Shown to shoppers on a discounted cart, e.g. "Summer sale" (at most 200 characters). */
  name: string;
  /** Only members of this CRM segment (`Segment.id`, from `defineSegment`) get it, in every channel; null: everyone. */
  segmentId?: string | number | null | undefined;
  /** When it starts to apply; null: now. */
  startsAt?: string | null | undefined;
  /** Percent (1..100) for PERCENT_OFF, minor units for AMOUNT_OFF. */
  value: number;
};

/** A return of shipped lines of one order. */
export type CreateReturnInput = {
  /** The channel the return is opened in (any: buy anywhere, return anywhere). */
  channel: Channel;
  /** How an exchange's replacement reaches the shopper; by default shipped to their first address. */
  exchangeFulfillment?: FulfillmentRequestInput | null | undefined;
  /** A key of your choosing, unique per attempt (at most 100 characters): a retry with the same key answers with the first result instead of acting twice. */
  idempotencyKey: string;
  /** The lines and units returned, each with a reason. */
  lines: Array<ReturnLineInput>;
  /** The store an IN_STORE return is brought to. */
  locationId?: string | number | null | undefined;
  /** MAIL (a return label is issued) or IN_STORE. */
  method: ReturnMethod;
  /** The order (`Order.id`). */
  orderId: string | number;
  /** What the shopper gets back: REFUND, STORE_CREDIT or EXCHANGE. */
  resolution: ReturnResolution;
};

/** A new replenishment subscription. */
export type CreateSubscriptionInput = {
  /** The channel its orders are placed in. */
  channel: Channel;
  /** The shopper (a shopper may name only themself). */
  customerId: string | number;
  /** How each run's order is fulfilled. */
  fulfillment: FulfillmentRequestInput;
  /** Days between two runs, at least 1. */
  intervalDays: number;
  /** Several SKUs, each once (instead of sku and quantity). */
  lines?: Array<SubscriptionLineInput> | null | undefined;
  /** One of the shopper's saved payment methods (`SavedPaymentMethod.id`) that pays each order (after store credit, when used); null: paid on delivery or pickup. UNKNOWN_PAYMENT_METHOD, CARD_EXPIRED. */
  paymentMethodId?: string | number | null | undefined;
  /** Units per run of a single-SKU subscription; default 1. */
  quantity?: number | null | undefined;
  /** One SKU (or `lines` for several). */
  sku?: string | null | undefined;
  /** The date of the first run (YYYY-MM-DD), today or later. */
  startOn: string;
  /** true: pay each order from the shopper's store credit first; null: no. */
  useStoreCredit?: boolean | null | undefined;
};

/** An endpoint to receive order, return, refund, stock and customer events. */
export type CreateWebhookSubscriptionInput = {
  /** ADMIN only: true to receive every order's events, not only the partner's own (default false). */
  allOrders?: boolean | null | undefined;
  /** ADMIN only: the partner it is for (a partner's token names its own). */
  partnerId?: string | null | undefined;
  /** The events to deliver, at least one. STOCK_CHANGED and CUSTOMER_MERGED need `allOrders: true` (ADMIN). */
  topics: Array<WebhookTopic>;
  /** http(s) URL the deliveries are POSTed to. */
  url: string;
};

/** Every code a customer, consent, case or timeline mutation can answer in `userErrors`. New codes may be added: treat an unknown one as a generic failure. */
export type CustomerErrorCode =
  /** The case already belongs to another customer. */
  | 'CASE_HAS_CUSTOMER'
  /** Only a resolved case can be reopened. */
  | 'CASE_NOT_RESOLVED'
  /** The case is resolved: reopen it first. */
  | 'CASE_RESOLVED'
  /** A customer with this e-mail address exists. */
  | 'CUSTOMER_EXISTS'
  /** The customer was merged into another; act on the survivor. */
  | 'CUSTOMER_MERGED'
  /** This e-mail address, phone number or card belongs to another customer. */
  | 'IDENTITY_TAKEN'
  /** The action does not apply to an existing case. */
  | 'INVALID_ACTION'
  /** A postal address lacks a required part; `field` names it. */
  | 'INVALID_ADDRESS'
  /** An agent is 1 to 100 characters. */
  | 'INVALID_AGENT'
  /** An answer is 1 to 10,000 characters of text (line breaks allowed, no control characters). */
  | 'INVALID_ANSWER'
  /** An assignee is 1 to 100 characters. */
  | 'INVALID_ASSIGNEE'
  /** An attachment has a file name and a size in bytes (0 or more); at most 50 per message. */
  | 'INVALID_ATTACHMENT'
  /** A birthday is a real month and day (and an optional past year); 30 February is refused. */
  | 'INVALID_BIRTHDAY'
  /** A message has text: 1 character or more (an agent reply at most 9,999), or at least one attachment. */
  | 'INVALID_BODY'
  /** Each category is 1 to 100 characters of text; at most 20. */
  | 'INVALID_CATEGORY'
  /** A country is an ISO 3166-1 alpha-2 code. */
  | 'INVALID_COUNTRY'
  /** A number of days outside its range (e.g. a win-back after 7 to 3,650 days of inactivity), or given where it does not apply. */
  | 'INVALID_DAYS'
  /** A description is at most 2,000 characters. */
  | 'INVALID_DESCRIPTION'
  /** Not an e-mail address. */
  | 'INVALID_EMAIL'
  /** A provider's message id is 1 to 200 characters of text. */
  | 'INVALID_EXTERNAL_ID'
  /** The identifier is not valid for its kind (e.g. a loyalty card or social handle with characters it cannot hold). */
  | 'INVALID_IDENTITY'
  /** This kind of touchpoint cannot be recorded here (orders record their own). */
  | 'INVALID_KIND'
  /** Give both latitude and longitude, or neither. */
  | 'INVALID_LOCATION'
  /** A name is required, within its length limit (see the field), without control characters. */
  | 'INVALID_NAME'
  /** A note is required where the action needs one, and within its length limit (see the field). */
  | 'INVALID_NOTE'
  /** The offer a message grants is not valid; `field` names the part (kind, value, days valid). */
  | 'INVALID_OFFER'
  /** Not a phone number (E.164, or national in the default country). */
  | 'INVALID_PHONE'
  /** A product id is 1 to 64 characters. */
  | 'INVALID_PRODUCT'
  /** A resolution is 1 to 2,000 characters. */
  | 'INVALID_RESOLUTION'
  /** The earn rule is not valid; `field` names the part. */
  | 'INVALID_RULE'
  /** The sender is an e-mail address, a phone number or a social handle. */
  | 'INVALID_SENDER'
  /** A subject is 1 to 200 characters. */
  | 'INVALID_SUBJECT'
  /** A summary is 1 to 200 characters. */
  | 'INVALID_SUMMARY'
  /** Each tag is 1 to 50 characters of text; at most 20. */
  | 'INVALID_TAG'
  /** A message template lacks its subject or body, or one is too long. */
  | 'INVALID_TEMPLATE'
  /** An interaction cannot happen in the future. */
  | 'INVALID_TIME'
  /** Not an IANA time zone (e.g. `Europe/Berlin`, `America/New_York`). */
  | 'INVALID_TIME_ZONE'
  /** A title is one line of 1 to 200 characters. */
  | 'INVALID_TITLE'
  /** These messages are always sent (e.g. order confirmations); they cannot be turned off. */
  | 'OPT_OUT_NOT_ALLOWED'
  /** A customer cannot be merged into itself. */
  | 'SAME_CUSTOMER'
  /** Say where the customer decided (the consent source). */
  | 'SOURCE_REQUIRED'
  /** The customer has no address with this id. */
  | 'UNKNOWN_ADDRESS'
  /** No such help article (or it is not shown on that channel). */
  | 'UNKNOWN_ARTICLE'
  /** No support case has this id. */
  | 'UNKNOWN_CASE'
  /** No customer has this id. */
  | 'UNKNOWN_CUSTOMER'
  /** No such message on any support case. */
  | 'UNKNOWN_MESSAGE'
  /** No segment has this id. */
  | 'UNKNOWN_SEGMENT'
  /** The raw e-mail cannot be read as an RFC 5322 message (or it has no From address, or is over 10 MB). */
  | 'UNREADABLE_EMAIL';

/** A segment to define, or to redefine when one of that name (case-insensitive) exists. */
export type DefineSegmentInput = {
  /** The name, 1 to 100 characters; unique regardless of case. */
  name: string;
  /** Who belongs: at least one condition. */
  rule: SegmentRuleInput;
};

/** What earns points. */
export type EarnTrigger =
  /** An engagement recorded with `recordEngagement` (review, share, check-in...). */
  | 'ENGAGEMENT'
  /** An order placed (points are earned on what was paid). */
  | 'PURCHASE';

/** A way a member engages with the brand outside a purchase. */
export type EngagementKind =
  /** Opened the app or checked in at a store. */
  | 'APP_CHECK_IN'
  /** Wrote a product review. */
  | 'PRODUCT_REVIEW'
  /** Referred a new customer. */
  | 'REFERRAL'
  /** Shared a product or post on a social network. */
  | 'SOCIAL_SHARE'
  /** Answered a survey. */
  | 'SURVEY';

/** A card or cash payment through a payment provider. */
export type ExternalPaymentInput = {
  /** `manual` (a payment taken elsewhere: a card terminal, a marketplace), `cash`, or a configured provider. */
  provider: string;
  /** The provider's token for the payment method (never a card number). */
  token: string;
};

/** brand, category, price ("1000-5000" in minor units) or any attribute name such as color or size. */
export type FacetFilterInput = {
  /** The facet to filter on, as `Facet.name` returns it. */
  name: string;
  /** Products with any of these values match (OR within a facet; facets combine with AND). */
  values: Array<string>;
};

/** A step staff take on a fulfillment. */
export type FulfillmentAction =
  /** The shopper collected the goods (to COLLECTED). */
  | 'COLLECT'
  /** The carrier delivered the shipment (SHIPPED to DELIVERED). */
  | 'DELIVER'
  /** The goods are packed (PICKING to PACKED). */
  | 'PACK'
  /** Staff started picking the goods (PENDING to PICKING). */
  | 'PICK'
  /** Ready at the store for the shopper (to READY_FOR_PICKUP). */
  | 'READY_FOR_PICKUP'
  /** Ship to store: the pickup store received the goods sent from the source location. */
  | 'RECEIVE'
  /** Handed to the carrier, with a tracking number (to SHIPPED). */
  | 'SHIP';

/** How the shopper wants the goods. */
export type FulfillmentRequestInput = {
  /** Required for SHIP: where to deliver. */
  address?: ShippingAddressInput | null | undefined;
  /** A requested delivery date (YYYY-MM-DD), in the future; null: as soon as possible. */
  deliveryDate?: string | null | undefined;
  /** Required for PICKUP_IN_STORE (and CARRY_OUT): the store (`Location.id`). */
  pickupLocationId?: string | number | null | undefined;
  /** SHIP, PICKUP_IN_STORE or CARRY_OUT. */
  type: FulfillmentType;
};

/** Where a fulfillment stands. */
export type FulfillmentStatus =
  /** Will not happen: its lines were cancelled. */
  | 'CANCELLED'
  /** Collected by the shopper (or carried out). */
  | 'COLLECTED'
  /** Delivered by the carrier. */
  | 'DELIVERED'
  /** Ship to store: sent from the source location, on its way to the pickup store. */
  | 'IN_TRANSIT'
  /** Packed, waiting for the carrier or the pickup shelf. */
  | 'PACKED'
  /** Routed to a location, not started. */
  | 'PENDING'
  /** Staff are picking the goods. */
  | 'PICKING'
  /** Waiting for the shopper at the store. */
  | 'READY_FOR_PICKUP'
  /** Ship to store: arrived at the pickup store, not yet ready for the shopper. */
  | 'RECEIVED'
  /** With the carrier (see `trackingNumber`). */
  | 'SHIPPED';

/** How goods reach the shopper. */
export type FulfillmentType =
  /** Taken by the shopper at the till, right away. */
  | 'CARRY_OUT'
  /** Collected by the shopper at a store (click and collect). */
  | 'PICKUP_IN_STORE'
  /** Shipped to an address by a carrier. */
  | 'SHIP';

/** A gift card sold as a product: a card handed over or shipped, or one sent by e-mail. */
export type GiftCardKind =
  /** An e-gift card: its code is e-mailed to the recipient. */
  | 'EGIFT'
  /** A plastic card, handed over in store or shipped with the order. */
  | 'PHYSICAL';

/** A help article to create or change. */
export type HelpArticleInput = {
  /** The answer, plain text, 1 to 10,000 characters (line breaks kept). */
  answer: string;
  /** Catalog categories it is about (as in `Product.categoryPath`), at most 20 of 1 to 100 characters; null: none. */
  categories?: Array<string> | null | undefined;
  /** The channels it is shown on; null or empty: every channel. */
  channels?: Array<Channel> | null | undefined;
  /** The article to change; null: create a new one. */
  id?: string | number | null | undefined;
  /** Catalog product ids it is about, at most 50; null: none. */
  productIds?: Array<string | number> | null | undefined;
  /** true: shown to everyone on its channels; false: a draft. Null: a new article is a draft, a changed one keeps its state. */
  published?: boolean | null | undefined;
  /** Tags, at most 20 of 1 to 50 characters (stored lower case); null: none. */
  tags?: Array<string> | null | undefined;
  /** The question or topic, one line of 1 to 200 characters. */
  title: string;
};

/** Identifier kinds a customer can be known by. */
export type IdentityKind =
  /** An app install or device id. */
  | 'DEVICE'
  /** An e-mail address. */
  | 'EMAIL'
  /** A loyalty card number. */
  | 'LOYALTY_CARD'
  /** A marketplace's buyer id. */
  | 'MARKETPLACE'
  /** A phone number (E.164). */
  | 'PHONE'
  /** A social network account id. */
  | 'SOCIAL';

/** An attachment of an inbound message: only its name, type and size are kept. */
export type InboundAttachmentInput = {
  /** Its MIME type, at most 100 characters; null: unknown. */
  contentType?: string | null | undefined;
  /** The file name, 1 to 255 characters. */
  filename: string;
  /** Its size in bytes, 0 or more. */
  size: number;
};

/** A shopper's message from an e-mail provider's inbound hook or a social connector. */
export type InboundMessageInput = {
  /** Its attachments (names and sizes), at most 50; null: none. */
  attachments?: Array<InboundAttachmentInput> | null | undefined;
  /** true: sent automatically (an auto-reply, a bulk mailing): recorded, but a new case it opens is not acknowledged, so two robots never answer each other. Default false. */
  automatic?: boolean | null | undefined;
  /** What was written, plain text. The quoted original of a reply ("On ... wrote:", `>` lines) and the signature are cut; more than 20,000 characters are cut too. */
  body: string;
  /** The channel it came through (SOCIAL for a social network, CALL_CENTER for the service mailbox, ...). */
  channel: Channel;
  /** The provider's id of the message (an e-mail's Message-ID), at most 200 characters: delivering it again changes nothing and answers the same case. Null: none. */
  externalId?: string | null | undefined;
  /** The sender: an e-mail address (`dana@example.com` or `Dana Reyes <dana@example.com>`), a phone number, or a social handle (`@dana.builds`). Matched to a customer by identity. */
  from: string;
  /** What `from` is (EMAIL, PHONE or SOCIAL) when the guess would be wrong; null: guessed from its form. */
  fromKind?: IdentityKind | null | undefined;
  /** When it was received; null: now. Not in the future. */
  receivedAt?: string | null | undefined;
  /** The case reference of our own message it answers (`SupportCase.replyToken`, with or without `[ref:…]`); null: looked for in the subject, `to` and body, else a new case is opened. */
  replyToken?: string | null | undefined;
  /** The subject line (cut to 200 characters); null: none (a social message). */
  subject?: string | null | undefined;
  /** The address it was sent to (`support+<replyToken>@…` names the case); null: not given. */
  to?: string | null | undefined;
};

/** What kind of touchpoint an interaction is. */
export type InteractionKind =
  /** A store appointment was booked, moved, cancelled or checked in (recorded by CRM itself). */
  | 'APPOINTMENT'
  /** A live chat with an agent. */
  | 'CHAT'
  /** A conversation with a chatbot. */
  | 'CHATBOT'
  /** An e-mail from or to the shopper. */
  | 'EMAIL'
  /** An order was cancelled, with its new total (recorded by CRM itself). */
  | 'ORDER_CANCELLED'
  /** An order was changed, with its new total (recorded by CRM itself). */
  | 'ORDER_MODIFIED'
  /** An order was placed (recorded by CRM itself). */
  | 'ORDER_PLACED'
  /** A phone call with the contact center. */
  | 'PHONE_CALL'
  /** A push notification the retailer sent. */
  | 'PUSH_NOTIFICATION'
  /** A return arrived (recorded by CRM itself). */
  | 'RETURN_RECEIVED'
  /** A product review. */
  | 'REVIEW'
  /** An SMS the retailer sent. */
  | 'SMS'
  /** A post or message on a social network. */
  | 'SOCIAL_POST'
  /** A visit to a store. */
  | 'STORE_VISIT';

/** Every code a stock, location, reservation or transfer mutation can answer in `userErrors`. New codes may be added: treat an unknown one as a generic failure. */
export type InventoryErrorCode =
  /** The shopper already holds a place in this slot. */
  | 'ALREADY_BOOKED'
  /** The shopper was checked in; the appointment can no longer change. */
  | 'ALREADY_CHECKED_IN'
  /** The line has already shipped, so it can no longer be changed, cancelled or reserved again. */
  | 'ALREADY_SHIPPED'
  /** The appointment was cancelled. */
  | 'APPOINTMENT_CANCELLED'
  /** The appointment changed meanwhile; reload it and try again. */
  | 'APPOINTMENT_CHANGED'
  /** The same line id appears twice in one request. */
  | 'DUPLICATE_LINE'
  /** The request names no lines. */
  | 'EMPTY_REQUEST'
  /** Not enough units on hand (beyond what is reserved and the safety stock) at the location. */
  | 'INSUFFICIENT_STOCK'
  /** Places per slot are a whole number from 0 (no bookings) to the maximum. */
  | 'INVALID_CAPACITY'
  /** Latitude must be within ±90 and longitude within ±180. */
  | 'INVALID_COORDINATES'
  /** Opening hours are two times of day, `HH:MM` (UTC) on slot boundaries, opening before closing. */
  | 'INVALID_HOURS'
  /** A line lacks its line id. */
  | 'INVALID_LINE'
  /** A name is required, within its length limit (see the field), without control characters. */
  | 'INVALID_NAME'
  /** A note is required where the action needs one, and within its length limit (see the field). */
  | 'INVALID_NOTE'
  /** An order id is required. */
  | 'INVALID_ORDER'
  /** A quantity is a whole number above zero. */
  | 'INVALID_QUANTITY'
  /** The SKU is not well formed. */
  | 'INVALID_SKU'
  /** A slot lasts a number of minutes within the allowed range that divides a day (15, 30, 60, 90, 120, ...). */
  | 'INVALID_SLOT_MINUTES'
  /** A start is a date and time on a slot boundary. */
  | 'INVALID_START'
  /** The location is closed and takes no reservations or transfers. */
  | 'LOCATION_CLOSED'
  /** A quantity cannot be negative. */
  | 'NEGATIVE_QUANTITY'
  /** The location is a warehouse: appointments are booked at stores. */
  | 'NOT_A_STORE'
  /** The store takes no appointments of this kind. */
  | 'NOT_OFFERED'
  /** The order line has no active reservation to consume or release. */
  | 'NO_ACTIVE_RESERVATION'
  /** Check-in opens shortly before the appointment and closes shortly after its start. */
  | 'OUTSIDE_CHECK_IN_WINDOW'
  /** The slot is outside the store's hours for this kind of appointment. */
  | 'OUTSIDE_OPENING_HOURS'
  /** A transfer goes to another location than it leaves. */
  | 'SAME_LOCATION'
  /** Every place of the slot is booked. */
  | 'SLOT_FULL'
  /** The slot has begun or passed, or is further ahead than bookings are taken. */
  | 'SLOT_IN_PAST'
  /** The transfer was received before. */
  | 'TRANSFER_ALREADY_RECEIVED'
  /** No appointment has this id (or it is not yours). */
  | 'UNKNOWN_APPOINTMENT'
  /** No customer has this id. */
  | 'UNKNOWN_CUSTOMER'
  /** No location has this id. */
  | 'UNKNOWN_LOCATION'
  /** No transfer has this id. */
  | 'UNKNOWN_TRANSFER';

/** A gift card sold at a till or by an agent, who has taken its payment. */
export type IssueGiftCardInput = {
  /** Its value, in integer minor units of an ISO currency: 1 up to the maximum card value (INVALID_AMOUNT). */
  amount: MoneyInput;
  /** Where it was sold; recorded on its issue entry. */
  channel: Channel;
  /** Makes a retry safe: the same key returns the same card, without its code; the key with another amount or currency is IDEMPOTENCY_KEY_REUSED. */
  idempotencyKey: string;
  /** The customer who bought it, if known (UNKNOWN_CUSTOMER otherwise). */
  purchaserCustomerId?: string | number | null | undefined;
};

/** What moved points on an account. */
export type LedgerKind =
  /** A correction by staff. */
  | 'ADJUSTMENT'
  /** Points spent on an order. */
  | 'BURN'
  /** Points earned by a purchase or an engagement. */
  | 'EARN'
  /** Points that expired. */
  | 'EXPIRY'
  /** Points given back when an order paid with them is refunded. */
  | 'REFUND'
  /** Earned points taken back (the order was cancelled or returned). */
  | 'REVERSAL';

/** An identifier to link to a customer. */
export type LinkIdentityInput = {
  /** Where the identifier was seen; the calling channel when not given. */
  channel?: Channel | null | undefined;
  /** The customer (a shopper may name only themself). */
  customerId: string | number;
  /** What the value is. */
  kind: IdentityKind;
  /** The identifier, e.g. an e-mail, a phone number in any notation, a card number (at most 254 characters). */
  value: string;
};

/** What a location does. */
export type LocationType =
  /** A store: sells over the counter, ships, and hands over pickup orders. */
  | 'STORE'
  /** A distribution center: ships orders and feeds stores; shoppers cannot collect there. */
  | 'WAREHOUSE';

/** Every code a loyalty, gift card or store credit mutation can answer in `userErrors`. New codes may be added: treat an unknown one as a generic failure. */
export type LoyaltyErrorCode =
  /** The customer is already a loyalty member. */
  | 'ALREADY_ENROLLED'
  /** Amounts in different currencies meet: a price, basket, gift card or store credit in another currency than the rest, with no conversion rate configured. */
  | 'CURRENCY_MISMATCH'
  /** This engagement already earned as often as its rule allows in the period. */
  | 'ENGAGEMENT_CAPPED'
  /** The hold was already spent. */
  | 'HOLD_CAPTURED'
  /** The hold was released; take a new hold. */
  | 'HOLD_RELEASED'
  /** The idempotency key was used before for a different request. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** The gift card or store credit balance does not cover the amount. */
  | 'INSUFFICIENT_FUNDS'
  /** The points balance (less points held) does not cover the points asked. */
  | 'INSUFFICIENT_POINTS'
  /** An amount is a whole number of minor units (cents) above zero. */
  | 'INVALID_AMOUNT'
  /** The currency is not an ISO 4217 code. */
  | 'INVALID_CURRENCY'
  /** An idempotency key is required, 1 to 100 printable characters. */
  | 'INVALID_IDEMPOTENCY_KEY'
  /** Points are a whole number, zero or more. */
  | 'INVALID_POINTS'
  /** A rate is a decimal above 0 and at most 1000000, with at most 9 decimals, e.g. `0.92`. */
  | 'INVALID_RATE'
  /** A reference the request needs (e.g. the top-up id) is missing or malformed. */
  | 'INVALID_REFERENCE'
  /** The earn rule is not valid; `field` names the part. */
  | 'INVALID_RULE'
  /** Name either a gift card code or a customer (store credit), not both or neither. */
  | 'INVALID_SOURCE'
  /** The customer is not a loyalty member. */
  | 'NOT_ENROLLED'
  /** No active earn rule rewards this engagement here, or it needs a staff or service caller. */
  | 'NO_EARN_RULE'
  /** This engagement needs proof: staff, or the service that saw it, records it; a shopper claims only an app check-in. */
  | 'PROOF_REQUIRED'
  /** No customer has this id. */
  | 'UNKNOWN_CUSTOMER'
  /** No gift card has this code. */
  | 'UNKNOWN_GIFT_CARD'
  /** No hold has this id. */
  | 'UNKNOWN_HOLD'
  /** No earn rule has this id. */
  | 'UNKNOWN_RULE'
  /** The wallet would hold more than its limit; nothing was added (a charge already taken is refunded). */
  | 'WALLET_LIMIT_EXCEEDED';

/** A membership tier, by lifetime points: BRONZE < SILVER < GOLD < PLATINUM. */
export type LoyaltyTier =
  /** The entry tier. */
  | 'BRONZE'
  /** The third tier. */
  | 'GOLD'
  /** The highest tier. */
  | 'PLATINUM'
  /** The second tier. */
  | 'SILVER';

/** Changes to an order that has not shipped. */
export type ModifyOrderInput = {
  /** Who makes the change, for the order history (e.g. a CSR name); null: the caller. */
  actor?: string | null | undefined;
  /** Per line: a new quantity (0 removes it) or another SKU. */
  changes: Array<OrderLineChangeInput>;
  /** The channel making the change (recorded in the order history). */
  channel: Channel;
  /** A new requested delivery date (YYYY-MM-DD); null: unchanged. */
  deliveryDate?: string | null | undefined;
  /** The order (`Order.id`). */
  orderId: string | number;
  /** Pays what the change adds when it costs more. */
  payment?: ExternalPaymentInput | null | undefined;
  /** A new shipping address; null: unchanged. */
  shippingAddress?: ShippingAddressInput | null | undefined;
};

/** An amount of money in minor units (cents) of an ISO 4217 currency. */
export type MoneyInput = {
  /** The amount in minor units of `currency`, e.g. 1999 for 19.99 EUR. */
  cents: number;
  /** ISO 4217 code, three upper-case letters, e.g. `EUR`. */
  currency: string;
};

/** A new support case. */
export type OpenSupportCaseInput = {
  /** Who opened it (CSR, associate); the caller when not given. */
  agent?: string | null | undefined;
  /** The channel it is opened in. */
  channel: Channel;
  /** The customer (a shopper may name only themself). */
  customerId: string | number;
  /** Details, at most 2000 characters; null: none. */
  description?: string | null | undefined;
  /** The order it is about; null: none. */
  orderId?: string | number | null | undefined;
  /** A one-line subject, 1 to 200 characters. */
  subject: string;
};

/** Every code a cart, checkout, order, return, subscription or partner mutation can answer in `userErrors`. New codes may be added: treat an unknown one as a generic failure. */
export type OrderErrorCode =
  /** A shipped order needs a shipping address: give one, or save one on the customer profile. */
  | 'ADDRESS_REQUIRED'
  /** The order is already cancelled. */
  | 'ALREADY_CANCELLED'
  /** The customer is already a loyalty member. */
  | 'ALREADY_ENROLLED'
  /** The line has already shipped, so it can no longer be changed, cancelled or reserved again. */
  | 'ALREADY_SHIPPED'
  /** The card has expired. */
  | 'CARD_EXPIRED'
  /** A card number was given: save the payment provider's token, never a card number. */
  | 'CARD_NUMBER_REFUSED'
  /** The cart belongs to another customer. */
  | 'CART_BELONGS_TO_ANOTHER'
  /** The cart was already checked out. */
  | 'CART_CHECKED_OUT'
  /** Another promotion uses this coupon code. */
  | 'CODE_TAKEN'
  /** The record changed meanwhile; reload it and try again. */
  | 'CONCURRENT_CHANGE'
  /** The wallet could not be credited; the payment is being refunded. */
  | 'CREDIT_FAILED'
  /** Amounts in different currencies meet: a price, basket, gift card or store credit in another currency than the rest, with no conversion rate configured. */
  | 'CURRENCY_MISMATCH'
  /** An amount off names its currency. */
  | 'CURRENCY_REQUIRED'
  /** Points and store credit belong to a signed-in (or named) customer. */
  | 'CUSTOMER_REQUIRED'
  /** The SKU is no longer sold. */
  | 'DISCONTINUED_SKU'
  /** The same gift card appears twice in one request. */
  | 'DUPLICATE_GIFT_CARD'
  /** The same line id appears twice in one request. */
  | 'DUPLICATE_LINE'
  /** The same SKU appears twice in one request. */
  | 'DUPLICATE_SKU'
  /** A guest checkout needs an e-mail address. */
  | 'EMAIL_REQUIRED'
  /** A basket to price has at least one line. */
  | 'EMPTY_CART'
  /** The shopping list has nothing to buy. */
  | 'EMPTY_LIST'
  /** An order has at least one line. */
  | 'EMPTY_ORDER'
  /** The request names no lines. */
  | 'EMPTY_REQUEST'
  /** A return has at least one line. */
  | 'EMPTY_RETURN'
  /** A subscription orders at least one SKU. */
  | 'EMPTY_SUBSCRIPTION'
  /** This engagement already earned as often as its rule allows in the period. */
  | 'ENGAGEMENT_CAPPED'
  /** An exchange names the SKU to send instead. */
  | 'EXCHANGE_SKU_REQUIRED'
  /** The hold was already spent. */
  | 'HOLD_CAPTURED'
  /** Points, a gift card or store credit could not be held for the order; nothing was taken. */
  | 'HOLD_FAILED'
  /** The hold was released; take a new hold. */
  | 'HOLD_RELEASED'
  /** The idempotency key was used before for a different request. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** The subscription is not active. */
  | 'INACTIVE_SUBSCRIPTION'
  /** The gift card or store credit balance does not cover the amount. */
  | 'INSUFFICIENT_FUNDS'
  /** The points balance (less points held) does not cover the points asked. */
  | 'INSUFFICIENT_POINTS'
  /** Not enough units on hand (beyond what is reserved and the safety stock) at the location. */
  | 'INSUFFICIENT_STOCK'
  /** Auto-fill needs an interval: give `intervalDays`, or buy the item twice first so it is learnt. */
  | 'INTERVAL_REQUIRED'
  /** An amount is a whole number of minor units (cents) above zero. */
  | 'INVALID_AMOUNT'
  /** A card brand is 1 to a few dozen characters. */
  | 'INVALID_BRAND'
  /** A coupon code is 3 to 40 letters, digits, `-` or `_`. */
  | 'INVALID_CODE'
  /** Latitude must be within ±90 and longitude within ±180. */
  | 'INVALID_COORDINATES'
  /** The coupon is unknown, expired, not for this basket, or not on this cart. */
  | 'INVALID_COUPON'
  /** The currency is not an ISO 4217 code. */
  | 'INVALID_CURRENCY'
  /** Name the shopper by customer id, or by e-mail or loyalty card, not several. */
  | 'INVALID_CUSTOMER_REFERENCE'
  /** A date is a real calendar date, `YYYY-MM-DD`. */
  | 'INVALID_DATE'
  /** A promotion ends after it starts. */
  | 'INVALID_DATES'
  /** The delivery date cannot be met: too early for the route, not a delivery day, or too far ahead. */
  | 'INVALID_DELIVERY_DATE'
  /** Not an e-mail address. */
  | 'INVALID_EMAIL'
  /** An expiry is a month (1-12) and a year, given together. */
  | 'INVALID_EXPIRY'
  /** An external reference is 1 to 100 printable characters. */
  | 'INVALID_EXTERNAL_REF'
  /** This fulfillment type is not allowed here (e.g. a recurring order ships or is picked up). */
  | 'INVALID_FULFILLMENT'
  /** An idempotency key is required, 1 to 100 printable characters. */
  | 'INVALID_IDEMPOTENCY_KEY'
  /** An interval is a whole number of days within the allowed range. */
  | 'INVALID_INTERVAL'
  /** The last four digits are exactly four digits. */
  | 'INVALID_LAST4'
  /** A line lacks its line id. */
  | 'INVALID_LINE'
  /** Give either a SKU and quantity, or lines, not both. */
  | 'INVALID_LINES'
  /** A name is required, within its length limit (see the field), without control characters. */
  | 'INVALID_NAME'
  /** A note is required where the action needs one, and within its length limit (see the field). */
  | 'INVALID_NOTE'
  /** An order id is required. */
  | 'INVALID_ORDER'
  /** A partner id is 1 to 100 characters. */
  | 'INVALID_PARTNER'
  /** A payment names a provider token. */
  | 'INVALID_PAYMENT_TOKEN'
  /** Points are a whole number, zero or more. */
  | 'INVALID_POINTS'
  /** A price is a whole number of minor units (cents), zero or more. */
  | 'INVALID_PRICE'
  /** A quantity is a whole number above zero. */
  | 'INVALID_QUANTITY'
  /** A reference the request needs (e.g. the top-up id) is missing or malformed. */
  | 'INVALID_REFERENCE'
  /** The earn rule is not valid; `field` names the part. */
  | 'INVALID_RULE'
  /** One of the scopes is unknown. */
  | 'INVALID_SCOPE'
  /** The SKU is not well formed. */
  | 'INVALID_SKU'
  /** Name either a gift card code or a customer (store credit), not both or neither. */
  | 'INVALID_SOURCE'
  /** A start date is today or later. */
  | 'INVALID_START_DATE'
  /** The loyalty tier is not one of the program tiers. */
  | 'INVALID_TIER'
  /** The fulfillment cannot take this step from its current status. */
  | 'INVALID_TRANSITION'
  /** The URL is not absolute http(s), carries credentials, is too long, or is refused by the network policy (e.g. a private address). */
  | 'INVALID_URL'
  /** A discount is a whole number above zero (a percentage at most 100). */
  | 'INVALID_VALUE'
  /** The line is cancelled. */
  | 'LINE_CANCELLED'
  /** The line has not shipped or been collected yet, so it cannot be returned. */
  | 'LINE_NOT_SHIPPED'
  /** The location is closed and takes no reservations or transfers. */
  | 'LOCATION_CLOSED'
  /** This action names the store it happens at. */
  | 'LOCATION_REQUIRED'
  /** The market named is not the market of the store or pickup location: a store sells in its own market. */
  | 'MARKET_MISMATCH'
  /** A quantity cannot be negative. */
  | 'NEGATIVE_QUANTITY'
  /** The order owes nothing. */
  | 'NOTHING_DUE'
  /** Only an active subscription can be paused. */
  | 'NOT_ACTIVE'
  /** The item is not auto-filled, so there is no order to skip. */
  | 'NOT_AUTO_FILLED'
  /** The customer is not a loyalty member. */
  | 'NOT_ENROLLED'
  /** No record has this id (or it is not yours). */
  | 'NOT_FOUND'
  /** Only a paused subscription can be resumed. */
  | 'NOT_PAUSED'
  /** A pick is recorded while the fulfillment is being picked or packed. */
  | 'NOT_PICKING'
  /** The SKU has no price in the market's currency (prices are never converted): add it to the market's price list. */
  | 'NOT_SOLD_IN_MARKET'
  /** The order line has no active reservation to consume or release. */
  | 'NO_ACTIVE_RESERVATION'
  /** The request changes nothing. */
  | 'NO_CHANGES'
  /** No active earn rule rewards this engagement here, or it needs a staff or service caller. */
  | 'NO_EARN_RULE'
  /** The order has no pickup waiting. */
  | 'NO_PICKUP_WAITING'
  /** Name at least one topic. */
  | 'NO_TOPICS'
  /** A product has at least one variant. */
  | 'NO_VARIANTS'
  /** The order is cancelled. */
  | 'ORDER_CANCELLED'
  /** No location (or not the chosen one) has enough stock for a line. */
  | 'OUT_OF_STOCK'
  /** Name the partner this is for. */
  | 'PARTNER_REQUIRED'
  /** Give either a payment or a saved payment method, not both. */
  | 'PAYMENT_CONFLICT'
  /** The payment provider declined the payment; nothing was charged. */
  | 'PAYMENT_DECLINED'
  /** The payment could not be taken (the request ended first, or the provider failed); nothing was charged. */
  | 'PAYMENT_FAILED'
  /** This payment method is not allowed for the caller here (e.g. a provider that charges nothing, or a partner naming a saved method). */
  | 'PAYMENT_METHOD_NOT_ALLOWED'
  /** The payment provider did not answer; nothing is settled yet: retry with the same idempotency key. */
  | 'PAYMENT_PROVIDER_UNAVAILABLE'
  /** Orders on this channel are paid in full at placement; the tenders given leave a balance. */
  | 'PAYMENT_REQUIRED'
  /** A pickup or ship-to-store order names its pickup location. */
  | 'PICKUP_LOCATION_REQUIRED'
  /** The location does not offer pickup. */
  | 'PICKUP_NOT_AVAILABLE'
  /** A channel price differs from the base price, and the retailer's policy does not allow that channel its own price. */
  | 'PRICE_INCONSISTENT'
  /** More units than were bought and not yet returned. */
  | 'RETURN_QUANTITY_EXCEEDED'
  /** The return window for this line has closed. */
  | 'RETURN_WINDOW_CLOSED'
  /** The API client is revoked. */
  | 'REVOKED'
  /** A transfer goes to another location than it leaves. */
  | 'SAME_LOCATION'
  /** The fulfillment is held for its chosen delivery date and cannot ship yet. */
  | 'SHIPMENT_HELD'
  /** The SKU belongs to another product. */
  | 'SKU_TAKEN'
  /** The subscription is cancelled. */
  | 'SUBSCRIPTION_CANCELLED'
  /** The list holds its maximum number of items. */
  | 'TOO_MANY_ITEMS'
  /** Too many lines in one request. */
  | 'TOO_MANY_LINES'
  /** The shopper has the maximum number of saved payment methods: remove one first. */
  | 'TOO_MANY_PAYMENT_METHODS'
  /** These topics concern the whole retailer, not one partner's orders: only a subscription ADMIN scopes to every order receives them. */
  | 'TOPIC_NEEDS_ALL_ORDERS'
  /** A shipment needs a tracking number. */
  | 'TRACKING_NUMBER_REQUIRED'
  /** The transfer was received before. */
  | 'TRANSFER_ALREADY_RECEIVED'
  /** The stock transfer to the pickup store has not been received yet. */
  | 'TRANSFER_NOT_RECEIVED'
  /** No cart has this id. */
  | 'UNKNOWN_CART'
  /** No customer has this id. */
  | 'UNKNOWN_CUSTOMER'
  /** No fulfillment has this id. */
  | 'UNKNOWN_FULFILLMENT'
  /** No gift card has this code. */
  | 'UNKNOWN_GIFT_CARD'
  /** No hold has this id. */
  | 'UNKNOWN_HOLD'
  /** No line on the order has this id. */
  | 'UNKNOWN_LINE'
  /** No location has this id. */
  | 'UNKNOWN_LOCATION'
  /** No market has this code. */
  | 'UNKNOWN_MARKET'
  /** No order has this id (or it is not yours). */
  | 'UNKNOWN_ORDER'
  /** No saved payment method of this shopper has this id. */
  | 'UNKNOWN_PAYMENT_METHOD'
  /** No payment provider has this name. */
  | 'UNKNOWN_PAYMENT_PROVIDER'
  /** No product has this id. */
  | 'UNKNOWN_PRODUCT'
  /** No return has this id. */
  | 'UNKNOWN_RETURN'
  /** No earn rule has this id. */
  | 'UNKNOWN_RULE'
  /** No product has this SKU. */
  | 'UNKNOWN_SKU'
  /** No subscription has this id. */
  | 'UNKNOWN_SUBSCRIPTION'
  /** No transfer has this id. */
  | 'UNKNOWN_TRANSFER'
  /** The wallet would hold more than its limit; nothing was added (a charge already taken is refunded). */
  | 'WALLET_LIMIT_EXCEEDED';

/** A change to one order line. */
export type OrderLineChangeInput = {
  /** The line (`OrderLine.id`). */
  lineId: string | number;
  /** 0 removes the line. */
  quantity?: number | null | undefined;
  /** Another SKU for the line (e.g. another size), at its current price; null: the same SKU. */
  sku?: string | null | undefined;
};

/** Units of one SKU to order. */
export type OrderLineInput = {
  /** A gift-card line's recipient: the codes are e-mailed there (default: the buyer). */
  giftCardRecipientEmail?: string | null | undefined;
  /** Units, at least 1. */
  quantity: number;
  /** The SKU. */
  sku: string;
};

/** Where an order line stands. */
export type OrderLineStatus =
  /** Cancelled before it shipped; refunded. */
  | 'CANCELLED'
  /** Delivered or collected. */
  | 'DELIVERED'
  /** Not shipped or collected yet. */
  | 'OPEN'
  /** Returned in full. */
  | 'RETURNED'
  /** Shipped, or handed over in store. */
  | 'SHIPPED';

/** Where an order stands as a whole. */
export type OrderStatus =
  /** Cancelled before anything shipped; its payments refunded. */
  | 'CANCELLED'
  /** Everything delivered or collected. */
  | 'COMPLETED'
  /** Some lines shipped or collected, others not yet. */
  | 'PARTIALLY_SHIPPED'
  /** Accepted; nothing shipped yet. */
  | 'PLACED'
  /** Every open line shipped or handed over. */
  | 'SHIPPED';

/** How (part of) an order was paid. */
export type PaymentMethod =
  /** A card, through a payment provider. */
  | 'CARD'
  /** Cash at a till. */
  | 'CASH'
  /** A gift card balance. */
  | 'GIFT_CARD'
  /** Loyalty points (1 point = 0.01 of the currency, unless loyalty sets another point value for the order's currency). */
  | 'POINTS'
  /** The shopper's store credit. */
  | 'STORE_CREDIT';

/** Where a payment stands. */
export type PaymentStatus =
  /** Held on the tender, not taken yet. */
  | 'AUTHORIZED'
  /** Taken. */
  | 'CAPTURED'
  /** Taken, part of it given back. */
  | 'PARTIALLY_REFUNDED'
  /** Given back in full. */
  | 'REFUNDED'
  /** The authorization was released; nothing was taken. */
  | 'VOIDED';

/** An order placed directly (POS, call center, partners, marketplaces), without a cart. */
export type PlaceOrderInput = {
  /** The channel it is placed in; prices follow it. */
  channel: Channel;
  /** Coupons, priced exactly as in a cart. */
  couponCodes?: Array<string> | null | undefined;
  /** Instead of customerId: the shopper by email or loyalty card. Nobody holding it places a guest order (reached at the email); the answer does not say which. */
  customer?: ShopperReferenceInput | null | undefined;
  /** The shopper (a shopper may name only themself); null: a guest order (or `customer` for partners). */
  customerId?: string | number | null | undefined;
  /** Your own reference for the order, e.g. a marketplace order number (at most 100 characters), unique per channel; find the order again with `orderByExternalRef`. */
  externalRef?: string | null | undefined;
  /** How the shopper gets the goods. */
  fulfillment: FulfillmentRequestInput;
  /** Gift cards to spend, in this order. */
  giftCardCodes?: Array<string> | null | undefined;
  /** A key of your choosing, unique per attempt (at most 100 characters): a retry with the same key answers with the first result instead of acting twice. */
  idempotencyKey: string;
  /** At least one line; each SKU once. */
  lines: Array<OrderLineInput>;
  /** The market the order is sold in (`Market.code`): its prices and currency. Null: the market of the pickup or carry-out store, else the default market. UNKNOWN_MARKET, or MARKET_MISMATCH when the store is in another market. */
  market?: string | null | undefined;
  /** Pays what the other tenders leave. */
  payment?: ExternalPaymentInput | null | undefined;
  /** Instead of `payment`: one of the shopper's saved payment methods (`SavedPaymentMethod.id`) pays what the other tenders leave. Only the shopper and staff serving them (PAYMENT_METHOD_NOT_ALLOWED otherwise); UNKNOWN_PAYMENT_METHOD, CARD_EXPIRED, PAYMENT_CONFLICT (both given). */
  paymentMethodId?: string | number | null | undefined;
  /** Points to redeem, at most (the customer's): a point pays the point value of the order's currency (loyalty's `loyaltyCurrencies`; 0.01 of the currency without settings), and only the points needed are taken. */
  redeemPoints?: number | null | undefined;
  /** Pay from the customer's store credit. */
  useStoreCredit?: boolean | null | undefined;
};

/** How a promotion discounts a cart. */
export type PromotionKind =
  /** A fixed amount off, in minor units of the promotion currency. */
  | 'AMOUNT_OFF'
  /** A percentage off the qualifying subtotal (`value` 1..100). */
  | 'PERCENT_OFF';

/** A numeric attribute in a range, e.g. { name: "width", max: 80, unit: "cm" }; bounds are inclusive. */
export type RangeFilterInput = {
  /** Inclusive upper bound in `unit`; null: no upper bound. */
  max?: number | null | undefined;
  /** Inclusive lower bound in `unit`; null: no lower bound. */
  min?: number | null | undefined;
  /** The attribute, e.g. width, depth, height or weight. */
  name: string;
  /** mm, cm, m, in, ft (lengths) or g, kg, lb, oz (weights); attributes written in another unit of the same kind are converted. */
  unit: string;
};

/** What arrived of a return, and where. */
export type ReceiveReturnInput = {
  /** Units received per returned line. */
  lines: Array<ReceiveReturnLineInput>;
  /** The store or warehouse receiving it (`Location.id`). */
  locationId: string | number;
  /** Pays the difference when an exchange's replacement costs more than what came back. */
  payment?: ExternalPaymentInput | null | undefined;
  /** The return (`Return.id`). */
  returnId: string | number;
};

/** Units received of one returned line. */
export type ReceiveReturnLineInput = {
  /** The order line (`OrderLine.id`). */
  orderLineId: string | number;
  /** Units received now, at least 1. */
  quantity: number;
  /** Back on sale at the receiving location; default true. */
  restockable?: boolean | null | undefined;
};

/** Something a member did that an ENGAGEMENT earn rule may reward. */
export type RecordEngagementInput = {
  /** Where it happened; a rule may be limited to channels. */
  channel: Channel;
  /** The member (NOT_ENROLLED when the customer has no loyalty account). */
  customerId: string | number;
  /** What they did; the active rule for it sets the points and the cap. */
  kind: EngagementKind;
  /** What was engaged with (review id, survey id...): rewarded once. */
  ref?: string | null | undefined;
};

/** A touchpoint to put on a customer's timeline. */
export type RecordInteractionInput = {
  /** The agent who handled it (at most 100 characters); null: none. */
  agent?: string | null | undefined;
  /** The channel it happened in. */
  channel: Channel;
  /** The customer. */
  customerId: string | number;
  /** What kind of touchpoint (not one CRM records itself, such as ORDER_PLACED). */
  kind: InteractionKind;
  /** When it happened; now when not given. */
  occurredAt?: string | null | undefined;
  /** The order it concerns; null: none. */
  orderId?: string | number | null | undefined;
  /** What happened, 1 to 2000 characters. */
  summary: string;
};

/** A product a customer looked at. */
export type RecordProductViewInput = {
  /** The channel they looked at it in. */
  channel: Channel;
  /** The customer (a shopper may name only themself). */
  customerId: string | number;
  /** The product (`Product.id`). */
  productId: string | number;
};

/** A customer to register. */
export type RegisterCustomerInput = {
  /** A first address for the address book; null: none. */
  address?: AddressInput | null | undefined;
  /** Month and day (and year) of birth, for the birthday greeting; null: not given (`setCustomerBirthday` later). */
  birthday?: BirthdayInput | null | undefined;
  /** The channel they register in. */
  channel: Channel;
  /** E-mail address (at most 254 characters), unique among customers. */
  email: string;
  /** First name, 1 to 100 characters. */
  firstName: string;
  /** Last name, 1 to 100 characters. */
  lastName: string;
  /** Contact channels the customer agrees to, given in `channel`. */
  marketingConsent?: Array<ContactChannel> | null | undefined;
  /** Phone number in any notation, stored in E.164; null: none. */
  phone?: string | null | undefined;
  /** IANA time zone the birthday greeting follows, e.g. Europe/Berlin; null: the retailer's (UTC). */
  timeZone?: string | null | undefined;
};

/** Where a replenishment subscription stands. */
export type ReplenishmentSubscriptionStatus =
  /** Places an order on each run date. */
  | 'ACTIVE'
  /** Ended for good. */
  | 'CANCELLED'
  /** No runs until resumed. */
  | 'PAUSED';

/** Units of one order line to return. */
export type ReturnLineInput = {
  /** Required for an EXCHANGE: the SKU sent instead. */
  exchangeSku?: string | null | undefined;
  /** The order line (`OrderLine.id`), shipped or collected. */
  orderLineId: string | number;
  /** Units to return, at least 1 and at most what was shipped and not returned yet. */
  quantity: number;
  /** Why, free text (at most 200 characters). */
  reason: string;
};

/** How the goods come back: by mail with a label, or to any store. */
export type ReturnMethod =
  /** Brought to any store. */
  | 'IN_STORE'
  /** Sent back by mail with the label issued. */
  | 'MAIL';

/** What a shopper gets back for a return. */
export type ReturnResolution =
  /** Another SKU instead (the difference refunded or charged). */
  | 'EXCHANGE'
  /** Money back to the original tenders. */
  | 'REFUND'
  /** Store credit for the value returned. */
  | 'STORE_CREDIT';

/** Where a return stands. */
export type ReturnStatus =
  /** Some of the units arrived. */
  | 'PARTIALLY_RECEIVED'
  /** Every unit arrived; the resolution was carried out. */
  | 'RECEIVED'
  /** Opened: the RMA and (by mail) the label exist; nothing has arrived yet. */
  | 'REQUESTED';

/** The conditions of a segment: a customer is a member when every condition given holds. */
export type SegmentRuleInput = {
  /** Bought a product under this category path, e.g. ["Apparel", "Shoes"] (a prefix; case-insensitive). */
  categoryPath?: Array<string> | null | undefined;
  /** Has used every one of these channels. */
  channels?: Array<Channel> | null | undefined;
  /** No order, visit or app check-in in any channel for at least this many days (1 to 3650). */
  inactiveForDays?: number | null | undefined;
  /** An RFM score value (`CustomerScore.value`) of at least this, 3 to 15. */
  minScore?: number | null | undefined;
  /** Net spend (orders in every channel minus cancellations and refunds) of at least this much within `spendWithinDays`, counting orders in its currency. */
  minSpend?: MoneyInput | null | undefined;
  /** Lowest loyalty tier: BRONZE, SILVER, GOLD or PLATINUM (members only). */
  minTier?: string | null | undefined;
  /** Bought within this many days (1 to 3650), in any channel. */
  purchasedWithinDays?: number | null | undefined;
  /** The window of `minSpend` in days, 1 to 3650; default 365. */
  spendWithinDays?: number | null | undefined;
};

/** A new price for one SKU. */
export type SetPriceInput = {
  /** No channel: the base price, for every channel without a price of its own. */
  channel?: Channel | null | undefined;
  /** A market code: the price goes into that market's price list, in the market's currency, for every channel of the market (no `channel` then). Null: the variant's own prices, in its own currency. */
  market?: string | null | undefined;
  /** The price in minor units: in the currency the variant is already priced in, or with `market` in the market's currency. */
  price: MoneyInput;
  /** The SKU to price. */
  sku: string;
};

/** A count of one SKU at one location. */
export type SetStockInput = {
  /** The location (`Location.id`). */
  locationId: string | number;
  /** Units counted on hand. */
  onHand: number;
  /** Units to keep back from sale; unchanged when omitted. */
  safetyStock?: number | null | undefined;
  /** The SKU counted. */
  sku: string;
};

/** A postal address to ship to. */
export type ShippingAddressInput = {
  /** City. */
  city: string;
  /** ISO 3166-1 alpha-2 country code, e.g. `DE`. */
  country: string;
  /** Latitude in decimal degrees, to route to the nearest location; null: routed by postal code. */
  lat?: number | null | undefined;
  /** Street and number (at most 200 characters). */
  line1: string;
  /** Longitude in decimal degrees; null: routed by postal code. */
  lng?: number | null | undefined;
  /** Postal code. */
  postalCode: string;
};

/** A shopper named by what a partner knows of them: an email or a loyalty card. */
export type ShopperReferenceInput = {
  /** The shopper's e-mail; null: use `loyaltyCardNumber`. */
  email?: string | null | undefined;
  /** The shopper's loyalty card number; null: use `email`. */
  loyaltyCardNumber?: string | null | undefined;
};

/** One item of a shopping list, as the shopper wants it. */
export type ShoppingListItemInput = {
  /** true: place a replenishment order each time it comes due (paid from the wallet, then the default saved method; the shopper is told 2 days ahead and may skip). null: unchanged. */
  autoFill?: boolean | null | undefined;
  /** The shopper (a shopper may name only themself). */
  customerId: string | number;
  /** Her own interval in days, 1 to 365; null: the interval learned from her purchases (INTERVAL_REQUIRED for auto-fill when there is none). */
  intervalDays?: number | null | undefined;
  /** Units, 0 to 999; 0 removes the item (a learned item then stays off the list). */
  quantity: number;
  /** The SKU (UNKNOWN_SKU, DISCONTINUED_SKU). */
  sku: string;
};

/** Where a transfer stands. */
export type StockTransferStatus =
  /** Left the source; on its way. */
  | 'IN_TRANSIT'
  /** Arrived and counted into the destination's stock. */
  | 'RECEIVED';

/** One SKU a subscription orders each run. */
export type SubscriptionLineInput = {
  /** Units per run, at least 1. */
  quantity: number;
  /** The SKU. */
  sku: string;
};

/** Where a support case stands. */
export type SupportCaseStatus =
  /** Assigned, being worked on. */
  | 'IN_PROGRESS'
  /** Opened, nobody assigned yet. */
  | 'OPEN'
  /** Resolved (it may be reopened). */
  | 'RESOLVED';

/** Money added to the shopper’s wallet (store credit), paid with a card. */
export type TopUpWalletInput = {
  /** How much, in integer minor units: 100 to 100000 (INVALID_AMOUNT). The wallet holds at most 1,000,000 (WALLET_LIMIT_EXCEEDED). */
  amount: MoneyInput;
  /** The shopper (a shopper may name only themself). */
  customerId: string | number;
  /** A key of your choosing per top-up (at most 100 characters): a retry with the same key adds the money once and answers as the first call did; the key with another request is IDEMPOTENCY_KEY_REUSED. */
  idempotencyKey: string;
  /** A card through a payment provider. `manual` and `cash` only for staff taking the money themselves (PAYMENT_METHOD_NOT_ALLOWED for shoppers). Give this or `paymentMethodId`. */
  payment?: ExternalPaymentInput | null | undefined;
  /** Instead of `payment`: one of the shopper's saved payment methods. */
  paymentMethodId?: string | number | null | undefined;
};

/** Units of one SKU to send from one location to another. */
export type TransferStockInput = {
  /** The source (`Location.id`): the units must be available there. */
  fromLocationId: string | number;
  /** Units to send, above zero. */
  quantity: number;
  /** The SKU to send. */
  sku: string;
  /** The destination (`Location.id`), another location. */
  toLocationId: string | number;
};

/** An earn rule. PURCHASE: a rate, a fixed bonus per order and/or a multiplier, for the products, channels, tier and dates it names. ENGAGEMENT: fixedPoints for one engagementKind, at most maxPerPeriod times per capPeriod. A rule that breaks these is INVALID_RULE on the field at fault. */
export type UpsertEarnRuleInput = {
  /** false keeps the rule but stops applying it. */
  active?: boolean;
  /** The UTC calendar period maxPerPeriod counts in. */
  capPeriod?: CapPeriod | null | undefined;
  /** Matches products whose category path starts with this. */
  categoryPath?: Array<string> | null | undefined;
  /** Only on these channels; empty or null: every channel. */
  channels?: Array<Channel> | null | undefined;
  /** Applies until this instant (null: no end). */
  endsAt?: string | null | undefined;
  /** ENGAGEMENT rules only: what it rewards. */
  engagementKind?: EngagementKind | null | undefined;
  /** Whole points, 0 to 1,000,000: a bonus per matching order (PURCHASE) or the reward (ENGAGEMENT, above 0). */
  fixedPoints?: number | null | undefined;
  /** Omit to create a rule; a default rule's id replaces that default. */
  id?: string | number | null | undefined;
  /** Engagement: at most this many rewards per capPeriod. */
  maxPerPeriod?: number | null | undefined;
  /** Only for members of this tier or above. */
  minTier?: LoyaltyTier | null | undefined;
  /** PURCHASE: multiplies the points of matching lines (above 0, at most 100); matching multipliers multiply. */
  multiplier?: number | null | undefined;
  /** Shown to staff; required. */
  name: string;
  /** PURCHASE: points per unit of currency paid (0 to 1000); per line the best matching rate applies. */
  pointsPerCurrencyUnit?: number | null | undefined;
  /** Applies from this instant (null: no start). */
  startsAt?: string | null | undefined;
  /** PURCHASE (orders placed) or ENGAGEMENT (recordEngagement). */
  trigger: EarnTrigger;
};

/** A location to create or update. */
export type UpsertLocationInput = {
  /** Ships online orders (default: warehouses do). */
  fulfillsOnline?: boolean | null | undefined;
  /** The location to replace; none creates one. */
  id?: string | number | null | undefined;
  /** Latitude in decimal degrees (-90..90). */
  lat: number;
  /** Longitude in decimal degrees (-180..180). */
  lng: number;
  /** Its name, 1 to 200 characters. */
  name: string;
  /** Operating; a closed location sells nothing (default: open). */
  open?: boolean | null | undefined;
  /** Offers pickup in store (default: stores do). */
  pickupEnabled?: boolean | null | undefined;
  /** WAREHOUSE or STORE. */
  type: LocationType;
};

/** A whole product with its variants. */
export type UpsertProductInput = {
  /** Attributes shared by every variant; null: none. */
  attributes?: Array<AttributeInput> | null | undefined;
  /** The brand (at most 100 characters); null: none. */
  brand?: string | null | undefined;
  /** Its category, root first, e.g. ["Apparel", "Tops"]; null: uncategorized. */
  categoryPath?: Array<string> | null | undefined;
  /** Long description, plain text; null: none. */
  description?: string | null | undefined;
  /** The product to replace; null: create a new one. */
  id?: string | number | null | undefined;
  /** The product name, 1 to 200 characters. */
  name: string;
  /** At least one variant, each SKU once, all priced in one currency. */
  variants: Array<VariantInput>;
};

/** One variant of a product being written. */
export type VariantInput = {
  /** What sets it apart, e.g. size and color; null: none. */
  attributes?: Array<AttributeInput> | null | undefined;
  /** Sell this variant as a gift card of its price. */
  giftCard?: GiftCardKind | null | undefined;
  /** Its base price in minor units. */
  price: MoneyInput;
  /** Its SKU (letters, digits, `-`, `_`, `.`; at most 64 characters), unique across products. */
  sku: string;
};

/** Where a webhook delivery stands. */
export type WebhookDeliveryStatus =
  /** Never sent (again): its subscription was deleted while it waited. */
  | 'CANCELLED'
  /** The receiver answered 2xx. */
  | 'DELIVERED'
  /** Gave up after the last attempt. */
  | 'FAILED'
  /** Not delivered yet; will be tried (again). */
  | 'PENDING';

/** What a webhook subscription receives. */
export type WebhookTopic =
  /** Two customer records became one (the duplicate id now means the survivor). Only for a subscription ADMIN scoped to every order (`allOrders`). */
  | 'CUSTOMER_MERGED'
  /** The shopper collected a pickup. */
  | 'FULFILLMENT_COLLECTED'
  /** A pickup is ready at the store. */
  | 'FULFILLMENT_READY_FOR_PICKUP'
  /** A shipment left, with its tracking number. */
  | 'FULFILLMENT_SHIPPED'
  /** An order was cancelled. */
  | 'ORDER_CANCELLED'
  /** An order was modified. */
  | 'ORDER_CHANGED'
  /** An order was placed. */
  | 'ORDER_PLACED'
  /** Money went back to an order's tenders (a cancellation, a return, a modification or an exchange): the amount, why, and each tender's part. */
  | 'REFUND_ISSUED'
  /** A return was opened. */
  | 'RETURN_CREATED'
  /** A return arrived. */
  | 'RETURN_RECEIVED'
  /** A stock level changed at a location (counts after the change, and what changed). Only for a subscription ADMIN scoped to every order (`allOrders`). */
  | 'STOCK_CHANGED';

export type Customer360QueryVariables = Exact<{
  id: string | number;
}>;


export type Customer360Query = { customer: { id: string, email: string, phone: string | null, firstName: string, lastName: string, channels: Array<Channel>, identities: Array<{ kind: IdentityKind, value: string, channel: Channel | null }>, addresses: Array<{ id: string, line1: string, city: string, postalCode: string, country: string, location: { lat: number, lng: number } | null }>, interactions: { totalCount: number, edges: Array<{ node: { id: string, channel: Channel | null, kind: InteractionKind, summary: string, occurredAt: string, agent: string | null, orderId: string | null } }> }, supportCases: Array<{ id: string, status: SupportCaseStatus, subject: string, channel: Channel, openedAt: string }>, recentlyViewed: Array<{ viewedAt: string, channel: Channel, product: { id: string, name: string } | null }>, orders: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, number: string, channel: Channel, status: OrderStatus, placedAt: string, total: { cents: number, currency: string }, lines: Array<{ id: string, sku: string, quantity: number, status: OrderLineStatus, unitPrice: { cents: number, currency: string }, variant: { sku: string, product: { name: string } } | null }>, fulfillments: Array<{ id: string, type: FulfillmentType, status: FulfillmentStatus, trackingNumber: string | null, promisedDate: string | null, location: { id: string, name: string, type: LocationType } | null }> } }> } | null, carts: Array<{ id: string, channel: Channel, status: CartStatus, updatedAt: string, lines: Array<{ sku: string, quantity: number, variant: { sku: string, product: { name: string }, availability: { totalAvailable: number } | null } | null }> }> | null, returns: Array<{ id: string, rmaNumber: string, status: ReturnStatus, method: ReturnMethod, resolution: ReturnResolution, refund: { cents: number, currency: string } }> | null, subscriptions: Array<{ id: string, status: ReplenishmentSubscriptionStatus, sku: string, quantity: number, intervalDays: number, nextRunOn: string }> | null, loyalty: { cardNumber: string, tier: LoyaltyTier, pointsBalance: number, lifetimePoints: number, ledger: { edges: Array<{ node: { id: string, kind: LedgerKind, points: number, reason: string, channel: Channel | null, occurredAt: string, orderId: string | null } }> } } | null, storeCredit: { cents: number, currency: string } | null, recommendations: Array<{ id: string, name: string }> | null } | null };

export type CustomerLookupQueryVariables = Exact<{
  email?: string | null | undefined;
  phone?: string | null | undefined;
  loyaltyCardNumber?: string | null | undefined;
}>;


export type CustomerLookupQuery = { customerLookup: { id: string, firstName: string, lastName: string, loyalty: { tier: LoyaltyTier, pointsBalance: number } | null } | null };

export type RegisterCustomerMutationVariables = Exact<{
  input: RegisterCustomerInput;
}>;


export type RegisterCustomerMutation = { registerCustomer: { customer: { id: string, email: string } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: CustomerErrorCode }> } };

export type LinkIdentityMutationVariables = Exact<{
  input: LinkIdentityInput;
}>;


export type LinkIdentityMutation = { linkIdentity: { customer: { id: string, identities: Array<{ kind: IdentityKind, value: string }> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: CustomerErrorCode }> } };

export type MergeCustomersMutationVariables = Exact<{
  survivorId: string | number;
  duplicateId: string | number;
}>;


export type MergeCustomersMutation = { mergeCustomers: { customer: { id: string, identities: Array<{ kind: IdentityKind, value: string }> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: CustomerErrorCode }> } };

export type RecordInteractionMutationVariables = Exact<{
  input: RecordInteractionInput;
}>;


export type RecordInteractionMutation = { recordInteraction: { interaction: { id: string, occurredAt: string } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: CustomerErrorCode }> } };

export type OpenSupportCaseMutationVariables = Exact<{
  input: OpenSupportCaseInput;
}>;


export type OpenSupportCaseMutation = { openSupportCase: { supportCase: { id: string, status: SupportCaseStatus } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: CustomerErrorCode }> } };

export type RecordProductViewMutationVariables = Exact<{
  input: RecordProductViewInput;
}>;


export type RecordProductViewMutation = { recordProductView: { userErrors: Array<{ field: Array<string> | null, message: string, code: CustomerErrorCode }> } };

export type UpsertProductMutationVariables = Exact<{
  input: UpsertProductInput;
}>;


export type UpsertProductMutation = { upsertProduct: { product: { id: string, name: string, variants: Array<{ sku: string }> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: CatalogErrorCode }> } };

export type SetPriceMutationVariables = Exact<{
  input: SetPriceInput;
}>;


export type SetPriceMutation = { setPrice: { variant: { sku: string, price: { cents: number, currency: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: CatalogErrorCode }> } };

export type SearchProductsQueryVariables = Exact<{
  query?: string | null | undefined;
  filters?: Array<FacetFilterInput> | FacetFilterInput | null | undefined;
  channel?: Channel | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchProductsQuery = { searchProducts: { totalCount: number, facets: Array<{ name: string, values: Array<{ value: string, count: number }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, brand: string | null, variants: Array<{ sku: string, attributes: Array<{ name: string, value: string }>, price: { cents: number, currency: string }, availability: { totalAvailable: number } | null }> } }> } };

export type ProductDetailQueryVariables = Exact<{
  id: string | number;
  channel: Channel;
  lat: number;
  lng: number;
}>;


export type ProductDetailQuery = { product: { id: string, name: string, description: string, categoryPath: Array<string>, attributes: Array<{ name: string, value: string }>, variants: Array<{ sku: string, attributes: Array<{ name: string, value: string }>, price: { cents: number, currency: string }, availability: { totalAvailable: number, nearby: Array<{ available: number, distanceKm: number, location: { id: string, name: string, type: LocationType } }> } | null }> } | null };

export type CreatePromotionMutationVariables = Exact<{
  input: CreatePromotionInput;
}>;


export type CreatePromotionMutation = { createPromotion: { promotion: { id: string, code: string | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: CatalogErrorCode }> } };

export type UpsertLocationMutationVariables = Exact<{
  input: UpsertLocationInput;
}>;


export type UpsertLocationMutation = { upsertLocation: { location: { id: string, name: string, type: LocationType } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: InventoryErrorCode }> } };

export type SetStockMutationVariables = Exact<{
  input: SetStockInput;
}>;


export type SetStockMutation = { setStock: { stock: { sku: string, onHand: number, reserved: number, available: number, location: { id: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: InventoryErrorCode }> } };

export type TransferStockMutationVariables = Exact<{
  input: TransferStockInput;
}>;


export type TransferStockMutation = { transferStock: { transfer: { id: string, status: StockTransferStatus } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: InventoryErrorCode }> } };

export type AvailabilityQueryVariables = Exact<{
  sku: string;
}>;


export type AvailabilityQuery = { variant: { sku: string, availability: { totalAvailable: number, byLocation: Array<{ onHand: number, reserved: number, available: number, location: { id: string, name: string, type: LocationType } }> } | null } | null };

export type CreateCartMutationVariables = Exact<{
  input: CreateCartInput;
}>;


export type CreateCartMutation = { createCart: { cart: { id: string, status: CartStatus } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type AddCartLineMutationVariables = Exact<{
  cartId: string | number;
  sku: string;
  quantity: number;
}>;


export type AddCartLineMutation = { addCartLine: { cart: { id: string, lines: Array<{ sku: string, quantity: number, unitPrice: { cents: number, currency: string } }>, subtotal: { cents: number, currency: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type ApplyCouponMutationVariables = Exact<{
  cartId: string | number;
  code: string;
}>;


export type ApplyCouponMutation = { applyCoupon: { cart: { id: string, discount: { cents: number, currency: string }, total: { cents: number, currency: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type CheckoutMutationVariables = Exact<{
  input: CheckoutInput;
}>;


export type CheckoutMutation = { checkout: { order: { id: string, number: string, status: OrderStatus, total: { cents: number, currency: string }, fulfillments: Array<{ id: string, type: FulfillmentType, status: FulfillmentStatus, promisedDate: string | null, location: { id: string, type: LocationType } | null, lines: Array<{ sku: string, quantity: number }> }> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type PlaceOrderMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type PlaceOrderMutation = { placeOrder: { order: { id: string, number: string, status: OrderStatus, channel: Channel, total: { cents: number, currency: string }, fulfillments: Array<{ id: string, type: FulfillmentType, location: { id: string } | null }> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type OrderByNumberQueryVariables = Exact<{
  number: string;
}>;


export type OrderByNumberQuery = { orderByNumber: { id: string, number: string, channel: Channel, status: OrderStatus, customer: { id: string, email: string, loyalty: { pointsBalance: number } | null } | null, lines: Array<{ id: string, sku: string, quantity: number, status: OrderLineStatus }>, fulfillments: Array<{ id: string, type: FulfillmentType, status: FulfillmentStatus, trackingNumber: string | null, location: { id: string, name: string } | null }>, history: Array<{ at: string, channel: Channel | null, actor: string | null, event: string }> } | null };

export type ModifyOrderMutationVariables = Exact<{
  input: ModifyOrderInput;
}>;


export type ModifyOrderMutation = { modifyOrder: { order: { id: string, status: OrderStatus, total: { cents: number, currency: string }, lines: Array<{ id: string, sku: string, quantity: number }> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type CancelOrderMutationVariables = Exact<{
  orderId: string | number;
  channel: Channel;
  reason?: string | null | undefined;
}>;


export type CancelOrderMutation = { cancelOrder: { order: { id: string, status: OrderStatus } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type AdvanceFulfillmentMutationVariables = Exact<{
  input: AdvanceFulfillmentInput;
}>;


export type AdvanceFulfillmentMutation = { advanceFulfillment: { fulfillment: { id: string, status: FulfillmentStatus, trackingNumber: string | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type CreateReturnMutationVariables = Exact<{
  input: CreateReturnInput;
}>;


export type CreateReturnMutation = { createReturn: { return: { id: string, rmaNumber: string, status: ReturnStatus, method: ReturnMethod, resolution: ReturnResolution, label: { carrier: string, trackingNumber: string, url: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type ReceiveReturnMutationVariables = Exact<{
  input: ReceiveReturnInput;
}>;


export type ReceiveReturnMutation = { receiveReturn: { return: { id: string, status: ReturnStatus, refund: { cents: number, currency: string }, exchangeOrder: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type CreateSubscriptionMutationVariables = Exact<{
  input: CreateSubscriptionInput;
}>;


export type CreateSubscriptionMutation = { createSubscription: { subscription: { id: string, status: ReplenishmentSubscriptionStatus, nextRunOn: string } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type RunDueSubscriptionsMutationVariables = Exact<{
  asOf: string;
}>;


export type RunDueSubscriptionsMutation = { runDueSubscriptions: { ordersPlaced: Array<{ id: string, number: string }>, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type EnrollLoyaltyMutationVariables = Exact<{
  customerId: string | number;
  channel: Channel;
}>;


export type EnrollLoyaltyMutation = { enrollLoyalty: { account: { cardNumber: string, tier: LoyaltyTier, pointsBalance: number } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: LoyaltyErrorCode }> } };

export type RecordEngagementMutationVariables = Exact<{
  input: RecordEngagementInput;
}>;


export type RecordEngagementMutation = { recordEngagement: { entry: { id: string, points: number, kind: LedgerKind } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: LoyaltyErrorCode }> } };

export type UpsertEarnRuleMutationVariables = Exact<{
  input: UpsertEarnRuleInput;
}>;


export type UpsertEarnRuleMutation = { upsertEarnRule: { rule: { id: string, name: string, active: boolean } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: LoyaltyErrorCode }> } };

export type IssueGiftCardMutationVariables = Exact<{
  input: IssueGiftCardInput;
}>;


export type IssueGiftCardMutation = { issueGiftCard: { giftCard: { code: string | null, balance: { cents: number, currency: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: LoyaltyErrorCode }> } };

export type GiftCardBalanceQueryVariables = Exact<{
  code: string;
}>;


export type GiftCardBalanceQuery = { giftCard: { code: string | null, balance: { cents: number, currency: string } } | null };

export type OrderPaymentsQueryVariables = Exact<{
  number: string;
}>;


export type OrderPaymentsQuery = { orderByNumber: { id: string, number: string, status: OrderStatus, subtotal: { cents: number, currency: string }, discount: { cents: number, currency: string }, total: { cents: number, currency: string }, balanceDue: { cents: number, currency: string }, shippingAddress: { line1: string, city: string, postalCode: string, country: string } | null, lines: Array<{ id: string, sku: string, quantity: number, status: OrderLineStatus, unitPrice: { cents: number, currency: string }, discount: { cents: number, currency: string } }>, payments: Array<{ id: string, method: PaymentMethod, status: PaymentStatus, points: number, amount: { cents: number, currency: string }, refunded: { cents: number, currency: string } }> } | null };

export type CheckoutWithTendersMutationVariables = Exact<{
  cartId: string | number;
  key: string;
  fulfillment: FulfillmentRequestInput;
  redeemPoints?: number | null | undefined;
  useStoreCredit?: boolean | null | undefined;
  giftCardCodes?: Array<string> | string | null | undefined;
  payment?: ExternalPaymentInput | null | undefined;
  email?: string | null | undefined;
}>;


export type CheckoutWithTendersMutation = { checkout: { order: { id: string, number: string, total: { cents: number, currency: string }, balanceDue: { cents: number, currency: string }, payments: Array<{ method: PaymentMethod, amount: { cents: number, currency: string } }> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type PlaceOrderWithTendersMutationVariables = Exact<{
  customerId?: string | number | null | undefined;
  channel: Channel;
  key: string;
  lines: Array<OrderLineInput> | OrderLineInput;
  fulfillment: FulfillmentRequestInput;
  couponCodes?: Array<string> | string | null | undefined;
  redeemPoints?: number | null | undefined;
  useStoreCredit?: boolean | null | undefined;
  giftCardCodes?: Array<string> | string | null | undefined;
  payment?: ExternalPaymentInput | null | undefined;
}>;


export type PlaceOrderWithTendersMutation = { placeOrder: { order: { id: string, number: string, total: { cents: number, currency: string }, discount: { cents: number, currency: string }, balanceDue: { cents: number, currency: string }, payments: Array<{ method: PaymentMethod, amount: { cents: number, currency: string } }> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type CartQueryVariables = Exact<{
  id: string | number;
}>;


export type CartQuery = { cart: { id: string, status: CartStatus, couponCodes: Array<string>, lines: Array<{ sku: string, quantity: number, unitPrice: { cents: number, currency: string } }>, subtotal: { cents: number, currency: string }, discount: { cents: number, currency: string }, total: { cents: number, currency: string } } | null };

export type UpdateCartLineMutationVariables = Exact<{
  cartId: string | number;
  sku: string;
  quantity: number;
}>;


export type UpdateCartLineMutation = { updateCartLine: { cart: { id: string, lines: Array<{ sku: string, quantity: number }>, total: { cents: number, currency: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type RemoveCouponMutationVariables = Exact<{
  cartId: string | number;
  code: string;
}>;


export type RemoveCouponMutation = { removeCoupon: { cart: { id: string, couponCodes: Array<string>, total: { cents: number, currency: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type GuestOrderQueryVariables = Exact<{
  email: string;
  number: string;
}>;


export type GuestOrderQuery = { guestOrder: { number: string, status: OrderStatus, total: { cents: number, currency: string }, fulfillments: Array<{ type: FulfillmentType, status: FulfillmentStatus, promisedDate: string | null }> } | null };

export type ShipToStoreTransferQueryVariables = Exact<{
  number: string;
}>;


export type ShipToStoreTransferQuery = { orderByNumber: { fulfillments: Array<{ id: string, type: FulfillmentType, status: FulfillmentStatus, location: { id: string } | null, sourceLocation: { id: string } | null }> } | null };

export type CreateApiClientMutationVariables = Exact<{
  input: CreateApiClientInput;
}>;


export type CreateApiClientMutation = { createApiClient: { clientSecret: string | null, client: { id: string, clientId: string, name: string, scopes: Array<string>, partnerId: string } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type CreateWebhookSubscriptionMutationVariables = Exact<{
  input: CreateWebhookSubscriptionInput;
}>;


export type CreateWebhookSubscriptionMutation = { createWebhookSubscription: { signingSecret: string | null, subscription: { id: string, url: string, topics: Array<WebhookTopic> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type WebhookDeliveriesQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
}>;


export type WebhookDeliveriesQuery = { webhookSubscription: { id: string, deliveries: { totalCount: number, edges: Array<{ node: { id: string, topic: WebhookTopic, status: WebhookDeliveryStatus, attempts: number, responseStatus: number | null } }> } } | null };

export type MyWalletQueryVariables = Exact<{ [key: string]: never; }>;


export type MyWalletQuery = { me: { id: string, storeCredit: { cents: number, currency: string } | null, paymentMethods: Array<{ id: string, provider: string, brand: string, last4: string, expiresOn: string | null, isDefault: boolean }>, shoppingList: { items: Array<{ sku: string, quantity: number, autoFill: boolean, intervalDays: number | null, nextDueOn: string | null, variant: { product: { name: string } } | null }> } } | null };

export type TopUpWalletMutationVariables = Exact<{
  input: TopUpWalletInput;
}>;


export type TopUpWalletMutation = { topUpWallet: { storeCredit: { cents: number, currency: string } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type SetShoppingListItemMutationVariables = Exact<{
  input: ShoppingListItemInput;
}>;


export type SetShoppingListItemMutation = { setShoppingListItem: { item: { sku: string, quantity: number, autoFill: boolean, intervalDays: number | null, nextDueOn: string | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: OrderErrorCode }> } };

export type DefineSegmentMutationVariables = Exact<{
  input: DefineSegmentInput;
}>;


export type DefineSegmentMutation = { defineSegment: { segment: { id: string, name: string, size: number } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: CustomerErrorCode }> } };

export type CustomerEngagementQueryVariables = Exact<{
  id: string | number;
}>;


export type CustomerEngagementQuery = { customer: { segments: Array<{ id: string, name: string }>, score: { recency: number, frequency: number, monetary: number, value: number } | null, appointments: Array<{ id: string, kind: AppointmentKind, startsAt: string, status: AppointmentStatus, location: { id: string } }> | null } | null };

export type SetAppointmentCapacityMutationVariables = Exact<{
  input: AppointmentCapacityInput;
}>;


export type SetAppointmentCapacityMutation = { setAppointmentCapacity: { userErrors: Array<{ field: Array<string> | null, message: string, code: InventoryErrorCode }> } };

export type BookAppointmentMutationVariables = Exact<{
  input: BookAppointmentInput;
}>;


export type BookAppointmentMutation = { bookAppointment: { appointment: { id: string, kind: AppointmentKind, startsAt: string, status: AppointmentStatus, location: { id: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: InventoryErrorCode }> } };

export type FulfillmentKpisQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type FulfillmentKpisQuery = { fulfillmentKpis: Array<{ fulfillments: number, onTimeRate: number | null, pickupReadyMinutesP50: number | null, cancelledRate: number | null, location: { id: string, name: string } }> };

export type UpsertHelpArticleMutationVariables = Exact<{
  input: HelpArticleInput;
}>;


export type UpsertHelpArticleMutation = { upsertHelpArticle: { article: { id: string, title: string, published: boolean } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: CustomerErrorCode }> } };

export type HelpSearchQueryVariables = Exact<{
  query: string;
  channel?: Channel | null | undefined;
  first?: number | null | undefined;
}>;


export type HelpSearchQuery = { helpArticles: { totalCount: number, edges: Array<{ node: { id: string, title: string, answer: string } }> } };

export type ReceiveInboundMessageMutationVariables = Exact<{
  input: InboundMessageInput;
}>;


export type ReceiveInboundMessageMutation = { receiveInboundMessage: { supportCase: { id: string, status: SupportCaseStatus, subject: string, customer: { id: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: CustomerErrorCode }> } };

export type ProductsThatFitQueryVariables = Exact<{
  query?: string | null | undefined;
  ranges?: Array<RangeFilterInput> | RangeFilterInput | null | undefined;
  first?: number | null | undefined;
}>;


export type ProductsThatFitQuery = { searchProducts: { totalCount: number, edges: Array<{ node: { id: string, name: string } }> } };


export const Customer360Document = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Customer360"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}},{"kind":"Field","name":{"kind":"Name","value":"identities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}}]}},{"kind":"Field","name":{"kind":"Name","value":"addresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lat"}},{"kind":"Field","name":{"kind":"Name","value":"lng"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"interactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"agent"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"supportCases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recentlyViewed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewedAt"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"placedAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"variant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"fulfillments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"promisedDate"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"carts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"ABANDONED"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"variant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalAvailable"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"returns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rmaNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"refund"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"subscriptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"intervalDays"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"loyalty"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardNumber"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"pointsBalance"}},{"kind":"Field","name":{"kind":"Name","value":"lifetimePoints"}},{"kind":"Field","name":{"kind":"Name","value":"ledger"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"storeCredit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recommendations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<Customer360Query, Customer360QueryVariables>;
export const CustomerLookupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerLookup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"phone"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"loyaltyCardNumber"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customerLookup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"phone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"phone"}}},{"kind":"Argument","name":{"kind":"Name","value":"loyaltyCardNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"loyaltyCardNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"loyalty"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"pointsBalance"}}]}}]}}]}}]} as unknown as DocumentNode<CustomerLookupQuery, CustomerLookupQueryVariables>;
export const RegisterCustomerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterCustomer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterCustomerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerCustomer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterCustomerMutation, RegisterCustomerMutationVariables>;
export const LinkIdentityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LinkIdentity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LinkIdentityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkIdentity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"identities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<LinkIdentityMutation, LinkIdentityMutationVariables>;
export const MergeCustomersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MergeCustomers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"survivorId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"duplicateId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mergeCustomers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"survivorId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"survivorId"}}},{"kind":"Argument","name":{"kind":"Name","value":"duplicateId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"duplicateId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"identities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<MergeCustomersMutation, MergeCustomersMutationVariables>;
export const RecordInteractionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordInteraction"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordInteractionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordInteraction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RecordInteractionMutation, RecordInteractionMutationVariables>;
export const OpenSupportCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OpenSupportCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OpenSupportCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openSupportCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportCase"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<OpenSupportCaseMutation, OpenSupportCaseMutationVariables>;
export const RecordProductViewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordProductView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordProductViewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordProductView"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RecordProductViewMutation, RecordProductViewMutationVariables>;
export const UpsertProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertProductInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"variants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UpsertProductMutation, UpsertProductMutationVariables>;
export const SetPriceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetPrice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetPriceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setPrice"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"variant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"EnumValue","value":"WEB"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SetPriceMutation, SetPriceMutationVariables>;
export const SearchProductsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchProducts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filters"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FacetFilterInput"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"channel"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Channel"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchProducts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"filters"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filters"}}},{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"facets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"variants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"price"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalAvailable"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchProductsQuery, SearchProductsQueryVariables>;
export const ProductDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProductDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"channel"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Channel"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lat"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lng"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"categoryPath"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"variants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"price"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalAvailable"}},{"kind":"Field","name":{"kind":"Name","value":"nearby"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lat"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lat"}}},{"kind":"Argument","name":{"kind":"Name","value":"lng"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lng"}}},{"kind":"Argument","name":{"kind":"Name","value":"radiusKm"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"distanceKm"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProductDetailQuery, ProductDetailQueryVariables>;
export const CreatePromotionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePromotion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePromotionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPromotion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"promotion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreatePromotionMutation, CreatePromotionMutationVariables>;
export const UpsertLocationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertLocation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertLocationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertLocation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UpsertLocationMutation, UpsertLocationMutationVariables>;
export const SetStockDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetStock"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetStockInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setStock"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stock"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"onHand"}},{"kind":"Field","name":{"kind":"Name","value":"reserved"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SetStockMutation, SetStockMutationVariables>;
export const TransferStockDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TransferStock"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TransferStockInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transferStock"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transfer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<TransferStockMutation, TransferStockMutationVariables>;
export const AvailabilityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Availability"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sku"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"variant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sku"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sku"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"availability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalAvailable"}},{"kind":"Field","name":{"kind":"Name","value":"byLocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"onHand"}},{"kind":"Field","name":{"kind":"Name","value":"reserved"}},{"kind":"Field","name":{"kind":"Name","value":"available"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AvailabilityQuery, AvailabilityQueryVariables>;
export const CreateCartDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCart"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCartInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCart"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateCartMutation, CreateCartMutationVariables>;
export const AddCartLineDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddCartLine"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cartId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sku"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"quantity"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addCartLine"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cartId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cartId"}}},{"kind":"Argument","name":{"kind":"Name","value":"sku"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sku"}}},{"kind":"Argument","name":{"kind":"Name","value":"quantity"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quantity"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"subtotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<AddCartLineMutation, AddCartLineMutationVariables>;
export const ApplyCouponDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApplyCoupon"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cartId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applyCoupon"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cartId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cartId"}}},{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"discount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ApplyCouponMutation, ApplyCouponMutationVariables>;
export const CheckoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Checkout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CheckoutInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fulfillments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"promisedDate"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CheckoutMutation, CheckoutMutationVariables>;
export const PlaceOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PlaceOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PlaceOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placeOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fulfillments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<PlaceOrderMutation, PlaceOrderMutationVariables>;
export const OrderByNumberDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderByNumber"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderByNumber"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"number"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"loyalty"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pointsBalance"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fulfillments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"event"}}]}}]}}]}}]} as unknown as DocumentNode<OrderByNumberQuery, OrderByNumberQueryVariables>;
export const ModifyOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ModifyOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ModifyOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"modifyOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ModifyOrderMutation, ModifyOrderMutationVariables>;
export const CancelOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"channel"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Channel"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}},{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CancelOrderMutation, CancelOrderMutationVariables>;
export const AdvanceFulfillmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdvanceFulfillment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AdvanceFulfillmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"advanceFulfillment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<AdvanceFulfillmentMutation, AdvanceFulfillmentMutationVariables>;
export const CreateReturnDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateReturn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateReturnInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createReturn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"return"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rmaNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"label"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateReturnMutation, CreateReturnMutationVariables>;
export const ReceiveReturnDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReceiveReturn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReceiveReturnInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"receiveReturn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"return"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"refund"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"exchangeOrder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ReceiveReturnMutation, ReceiveReturnMutationVariables>;
export const CreateSubscriptionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSubscription"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSubscriptionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSubscription"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subscription"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateSubscriptionMutation, CreateSubscriptionMutationVariables>;
export const RunDueSubscriptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunDueSubscriptions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runDueSubscriptions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ordersPlaced"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RunDueSubscriptionsMutation, RunDueSubscriptionsMutationVariables>;
export const EnrollLoyaltyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnrollLoyalty"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"channel"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Channel"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enrollLoyalty"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cardNumber"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"pointsBalance"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<EnrollLoyaltyMutation, EnrollLoyaltyMutationVariables>;
export const RecordEngagementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordEngagement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordEngagementInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordEngagement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RecordEngagementMutation, RecordEngagementMutationVariables>;
export const UpsertEarnRuleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertEarnRule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertEarnRuleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertEarnRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UpsertEarnRuleMutation, UpsertEarnRuleMutationVariables>;
export const IssueGiftCardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IssueGiftCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IssueGiftCardInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issueGiftCard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"giftCard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<IssueGiftCardMutation, IssueGiftCardMutationVariables>;
export const GiftCardBalanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GiftCardBalance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"giftCard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]} as unknown as DocumentNode<GiftCardBalanceQuery, GiftCardBalanceQueryVariables>;
export const OrderPaymentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrderPayments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderByNumber"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"number"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"subtotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"discount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"balanceDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shippingAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"unitPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"discount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refunded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"points"}}]}}]}}]}}]} as unknown as DocumentNode<OrderPaymentsQuery, OrderPaymentsQueryVariables>;
export const CheckoutWithTendersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CheckoutWithTenders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cartId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fulfillment"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FulfillmentRequestInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"redeemPoints"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"useStoreCredit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"giftCardCodes"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"payment"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ExternalPaymentInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"cartId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cartId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"fulfillment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fulfillment"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"redeemPoints"},"value":{"kind":"Variable","name":{"kind":"Name","value":"redeemPoints"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"useStoreCredit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"useStoreCredit"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"giftCardCodes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"giftCardCodes"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"payment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"payment"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"balanceDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CheckoutWithTendersMutation, CheckoutWithTendersMutationVariables>;
export const PlaceOrderWithTendersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PlaceOrderWithTenders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"channel"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Channel"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lines"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OrderLineInput"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fulfillment"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FulfillmentRequestInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"couponCodes"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"redeemPoints"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"useStoreCredit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"giftCardCodes"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"payment"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ExternalPaymentInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placeOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"customerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"customerId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"lines"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lines"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"fulfillment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fulfillment"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"couponCodes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"couponCodes"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"redeemPoints"},"value":{"kind":"Variable","name":{"kind":"Name","value":"redeemPoints"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"useStoreCredit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"useStoreCredit"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"giftCardCodes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"giftCardCodes"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"payment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"payment"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"discount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"balanceDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<PlaceOrderWithTendersMutation, PlaceOrderWithTendersMutationVariables>;
export const CartDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Cart"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cart"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"couponCodes"}},{"kind":"Field","name":{"kind":"Name","value":"subtotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"discount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]} as unknown as DocumentNode<CartQuery, CartQueryVariables>;
export const UpdateCartLineDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCartLine"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cartId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sku"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"quantity"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCartLine"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cartId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cartId"}}},{"kind":"Argument","name":{"kind":"Name","value":"sku"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sku"}}},{"kind":"Argument","name":{"kind":"Name","value":"quantity"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quantity"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateCartLineMutation, UpdateCartLineMutationVariables>;
export const RemoveCouponDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveCoupon"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cartId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeCoupon"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cartId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cartId"}}},{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"couponCodes"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RemoveCouponMutation, RemoveCouponMutationVariables>;
export const GuestOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GuestOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"guestOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"number"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fulfillments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"promisedDate"}}]}}]}}]}}]} as unknown as DocumentNode<GuestOrderQuery, GuestOrderQueryVariables>;
export const ShipToStoreTransferDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ShipToStoreTransfer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orderByNumber"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"number"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sourceLocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ShipToStoreTransferQuery, ShipToStoreTransferQueryVariables>;
export const CreateApiClientDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiClient"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiClientInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiClient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"client"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"partnerId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"clientSecret"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateApiClientMutation, CreateApiClientMutationVariables>;
export const CreateWebhookSubscriptionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWebhookSubscription"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateWebhookSubscriptionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWebhookSubscription"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subscription"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"topics"}}]}},{"kind":"Field","name":{"kind":"Name","value":"signingSecret"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateWebhookSubscriptionMutation, CreateWebhookSubscriptionMutationVariables>;
export const WebhookDeliveriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebhookDeliveries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookSubscription"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"topic"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"responseStatus"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebhookDeliveriesQuery, WebhookDeliveriesQueryVariables>;
export const MyWalletDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyWallet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"storeCredit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"paymentMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}},{"kind":"Field","name":{"kind":"Name","value":"expiresOn"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shoppingList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"autoFill"}},{"kind":"Field","name":{"kind":"Name","value":"intervalDays"}},{"kind":"Field","name":{"kind":"Name","value":"nextDueOn"}},{"kind":"Field","name":{"kind":"Name","value":"variant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyWalletQuery, MyWalletQueryVariables>;
export const TopUpWalletDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TopUpWallet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TopUpWalletInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"topUpWallet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"storeCredit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<TopUpWalletMutation, TopUpWalletMutationVariables>;
export const SetShoppingListItemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetShoppingListItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ShoppingListItemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setShoppingListItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"item"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"autoFill"}},{"kind":"Field","name":{"kind":"Name","value":"intervalDays"}},{"kind":"Field","name":{"kind":"Name","value":"nextDueOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SetShoppingListItemMutation, SetShoppingListItemMutationVariables>;
export const DefineSegmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DefineSegment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DefineSegmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"defineSegment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DefineSegmentMutation, DefineSegmentMutationVariables>;
export const CustomerEngagementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CustomerEngagement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"score"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recency"}},{"kind":"Field","name":{"kind":"Name","value":"frequency"}},{"kind":"Field","name":{"kind":"Name","value":"monetary"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"appointments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CustomerEngagementQuery, CustomerEngagementQueryVariables>;
export const SetAppointmentCapacityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetAppointmentCapacity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AppointmentCapacityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAppointmentCapacity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SetAppointmentCapacityMutation, SetAppointmentCapacityMutationVariables>;
export const BookAppointmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BookAppointment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BookAppointmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bookAppointment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<BookAppointmentMutation, BookAppointmentMutationVariables>;
export const FulfillmentKpisDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FulfillmentKpis"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fulfillmentKpis"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"location"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fulfillments"}},{"kind":"Field","name":{"kind":"Name","value":"onTimeRate"}},{"kind":"Field","name":{"kind":"Name","value":"pickupReadyMinutesP50"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledRate"}}]}}]}}]} as unknown as DocumentNode<FulfillmentKpisQuery, FulfillmentKpisQueryVariables>;
export const UpsertHelpArticleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertHelpArticle"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"HelpArticleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertHelpArticle"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"article"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"published"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UpsertHelpArticleMutation, UpsertHelpArticleMutationVariables>;
export const HelpSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HelpSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"channel"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Channel"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"helpArticles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"channel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"channel"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"answer"}}]}}]}}]}}]}}]} as unknown as DocumentNode<HelpSearchQuery, HelpSearchQueryVariables>;
export const ReceiveInboundMessageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReceiveInboundMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InboundMessageInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"receiveInboundMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportCase"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ReceiveInboundMessageMutation, ReceiveInboundMessageMutationVariables>;
export const ProductsThatFitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProductsThatFit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ranges"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RangeFilterInput"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchProducts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"ranges"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ranges"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProductsThatFitQuery, ProductsThatFitQueryVariables>;