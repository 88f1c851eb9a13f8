import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An event a consumer failed to apply. The row counts the failed deliveries; once they reach the
 * maximum it is parked (`parkedAt`): the event is acknowledged so it stops blocking, and waits
 * here for `replayDeadLetter`. A replay that succeeds sets `replayedAt`.
 */
@Entity('dead_letter')
@Index('dead_letter_parked', ['parkedAt', 'replayedAt'])
export class DeadLetter {
  /** The durable consumer name, `<service>-<consumer>`. */
  @PrimaryColumn({ type: 'varchar', length: 80 })
  consumer!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ type: 'varchar', length: 120 })
  type!: string;

  @Column({ type: 'text' })
  envelope!: string;

  @Column({ type: 'varchar', length: 2000 })
  error!: string;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ type: Date })
  firstFailedAt!: Date;

  @Column({ type: Date })
  lastFailedAt!: Date;

  @Column({ type: Date, nullable: true })
  parkedAt!: Date | null;

  @Column({ type: Date, nullable: true })
  replayedAt!: Date | null;
}
