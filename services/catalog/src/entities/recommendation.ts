import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One purchased order line of a customer, from any channel (learned from orders.order.placed). */
@Entity('customer_purchase')
@Index('customer_purchase_customer', ['customerId', 'purchasedAt'])
export class CustomerPurchase {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  lineId!: string;

  @Column({ type: 'varchar', length: 36 })
  customerId!: string;

  @Column({ type: 'varchar', length: 36 })
  orderId!: string;

  @Column({ type: 'varchar', length: 64 })
  sku!: string;

  /** Null when the SKU was unknown to the catalog when the order arrived. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  productId!: string | null;

  @Column({ type: 'int' })
  quantity!: number;

  @Column({ type: 'varchar', length: 20 })
  channel!: string;

  @Column({ type: Date })
  purchasedAt!: Date;
}

/** How often two products were bought in the same order (both directions are stored). */
@Entity('co_purchase')
@Index('co_purchase_other', ['otherProductId'])
export class CoPurchase {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  productId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  otherProductId!: string;

  @Column({ type: 'int', default: 0 })
  orders!: number;
}

/** Units sold per product, every channel: the best-seller fallback. */
@Entity('product_sales')
@Index('product_sales_units', ['units'])
export class ProductSales {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  productId!: string;

  @Column({ type: 'int', default: 0 })
  units!: number;
}

/** How much a customer buys in a category (units), every channel. */
@Entity('category_affinity')
@Index('category_affinity_customer', ['customerId', 'score'])
export class CategoryAffinity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  customerId!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  category!: string;

  @Column({ type: 'int', default: 0 })
  score!: number;
}

/** Products a customer looked at (CRM's `crm.product.viewed`, from any channel): seeds for recommendations. */
@Entity('customer_product_view')
export class CustomerProductView {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  customerId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  productId!: string;

  @Column({ type: 'int', default: 0 })
  views!: number;

  @Column({ type: Date })
  lastViewedAt!: Date;
}
