import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The catalog's product, referenced by key; the catalog resolves `name` and the rest. */
@Directive('@key(fields: "id")')
@ObjectType('Product')
export class ProductRef {
  @Field(() => ID, { description: 'The product id.' })
  id!: string;
}

/** The orders service's order, referenced by key. */
@Directive('@key(fields: "id")')
@ObjectType('Order')
export class OrderRef {
  @Field(() => ID, { description: 'The order id.' })
  id!: string;
}

export function orderRef(id: string | null): OrderRef | null {
  return id ? Object.assign(new OrderRef(), { id }) : null;
}
