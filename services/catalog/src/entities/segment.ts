import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A customer's membership of a CRM segment, kept from `crm.segment.membership_changed`: a
 * promotion limited to the segment prices the same in every channel that prices through catalog.
 */
@Entity('customer_segment')
@Index('customer_segment_segment', ['segmentId'])
export class CustomerSegment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  customerId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  segmentId!: string;
}
