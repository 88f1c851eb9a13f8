import type { DataSource } from 'typeorm';

/**
 * TypeORM's SQLite driver writes a number parameter into the statement's text (`"onHand" - 2`),
 * so each new quantity, amount or count makes a new statement: prepared again by SQLite, and
 * pushing the statements still in use out of the driver's cache. An integer is handed on as a
 * BigInt instead, which the driver binds as a parameter and better-sqlite3 as an INTEGER: the
 * same value and type as the literal it replaces (columns of any affinity store it alike).
 * Other numbers (fractions, NaN) are left as the driver writes them.
 */
export function bindSqliteIntegers(db: DataSource): void {
  const driver = db.driver;
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql, parameters) => {
    if (!parameters) return escape(sql, parameters);
    let bound: typeof parameters | undefined;
    for (const [name, value] of Object.entries(parameters)) {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) continue;
      bound ??= { ...parameters };
      bound[name] = BigInt(value);
    }
    return escape(sql, bound ?? parameters);
  };
}
