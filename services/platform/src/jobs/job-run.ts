import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per scheduled job of the service: its lease (who runs it now, until when) and how
 * its last run went. The lease is what keeps replicas from running a job at the same time.
 */
@Entity('job_run')
export class JobRun {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  name!: string;

  /** Seconds between runs as configured by the replica that last started (0: disabled). */
  @Column({ type: 'int', default: 0 })
  intervalSeconds!: number;

  /** The replica running the job now; null when nobody is. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  runner!: string | null;

  /** The runner's claim ends here; past it another replica may take the job over. */
  @Column({ type: Date, nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: Date, nullable: true })
  lastStartedAt!: Date | null;

  @Column({ type: Date, nullable: true })
  lastFinishedAt!: Date | null;

  /** What the last run reported (how many things it changed); null when it failed. */
  @Column({ type: 'int', nullable: true })
  lastResult!: number | null;

  /** Why the last run failed; null when it succeeded. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;
}
