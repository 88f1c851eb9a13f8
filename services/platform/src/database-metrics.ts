import { Counter } from 'prom-client';
import { AdvancedConsoleLogger, type QueryRunner } from 'typeorm';

/**
 * Every statement a service sends its database: reads, writes, BEGIN/COMMIT and the outbox's
 * and consumers' bookkeeping alike (what the database receives). metrics.ts adds it to the
 * process's registry.
 */
export const databaseStatements = new Counter({
  name: 'db_statements_total',
  help: 'SQL statements sent to the database (BEGIN/COMMIT, outbox and de-duplication bookkeeping included), by service',
  labelNames: ['service'],
  registers: [],
});

/**
 * TypeORM's console logger (silent unless `logging` is set) that also counts each statement:
 * TypeORM hands every query to `logQuery`, whatever the logging option.
 */
export class StatementCountingLogger extends AdvancedConsoleLogger {
  private readonly statements;

  constructor(service: string) {
    super(false);
    this.statements = databaseStatements.labels({ service });
  }

  override logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.statements.inc();
    super.logQuery(query, parameters, queryRunner);
  }
}
