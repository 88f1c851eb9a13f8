import type { DataSource } from 'typeorm';
import { perDataSource } from '@omni/platform';

const source = (name: string) => ({ name }) as unknown as DataSource;

describe('perDataSource', () => {
  it('builds once per data source and key, and apart for each', () => {
    const built: string[] = [];
    const text = perDataSource((db, table: string) => {
      built.push(`${(db as unknown as { name: string }).name}.${table}`);
      return `SELECT * FROM ${table}`;
    });
    const [a, b] = [source('a'), source('b')];
    expect(text(a, 'stock')).toBe('SELECT * FROM stock');
    expect(text(a, 'stock')).toBe('SELECT * FROM stock');
    text(a, 'location');
    text(b, 'stock');
    expect(built).toEqual(['a.stock', 'a.location', 'b.stock']);
  });

  it('remembers a build that takes no key, whatever it returned', () => {
    let builds = 0;
    const nothing = perDataSource(() => {
      builds++;
      return undefined;
    });
    const db = source('a');
    nothing(db);
    nothing(db);
    expect(builds).toBe(1);
  });
});
