import type { DataSource } from 'typeorm';

/** A memo's lookup: by data source alone when its build takes no key. */
export type PerDataSource<V, K> = [K] extends [undefined] ? (db: DataSource) => V : (db: DataSource, key: K) => V;

/**
 * `build(db, key)` worked out once per data source and key, then remembered as long as the data
 * source lives: for what depends only on the schema and dialect, such as a statement's text or an
 * entity's shape.
 */
export function perDataSource<V, K = undefined>(build: (db: DataSource, key: K) => V): PerDataSource<V, K> {
  const built = new WeakMap<DataSource, Map<K, V>>();
  const lookup = (db: DataSource, key: K): V => {
    let byKey = built.get(db);
    if (!byKey) built.set(db, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key)!;
    const value = build(db, key);
    byKey.set(key, value);
    return value;
  };
  return lookup as PerDataSource<V, K>;
}
