import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A numeric attribute of a variant with its unit ("width" = "80 cm"), the product's own
 * attributes included, written with the product: search finds products that fit from this table.
 */
@Entity('product_measure')
@Index('product_measure_range', ['name', 'dimension', 'base', 'sku'])
export class ProductMeasure {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sku!: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  name!: string;

  @Index('product_measure_product')
  @Column({ type: 'varchar', length: 36 })
  productId!: string;

  /** As written, in `unit`. */
  @Column({ type: 'double precision' })
  value!: number;

  @Column({ type: 'varchar', length: 10 })
  unit!: string;

  /** `length` or `mass`. */
  @Column({ type: 'varchar', length: 10 })
  dimension!: string;

  /** The value in millimetres or grams. */
  @Column({ type: 'double precision' })
  base!: number;
}
