import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A customer's current loyalty tier, kept from `loyalty.points.changed` (each ledger entry
 * carries the tier after it): a promotion with a `minTier` prices the same in every channel that
 * prices through catalog. A customer merged away keeps a row with no tier and the survivor's id,
 * so a late event of theirs cannot bring their tier back.
 */
@Entity('customer_tier')
export class CustomerTier {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  customerId!: string;

  /** BRONZE, SILVER, GOLD or PLATINUM; null once the customer was merged away. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  tier!: string | null;

  /** When loyalty posted the entry that set `tier` (an older event changes nothing). */
  @Column({ type: Date })
  changedAt!: Date;

  /** The survivor, once this customer was merged into another. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  mergedIntoId!: string | null;
}
