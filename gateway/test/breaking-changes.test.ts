import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_DIR } from '../src/contract';

/**
 * Breaking changes of the client schema: scripts/schema-diff.mjs (`pnpm schema:diff`) compares
 * schema/api.graphql with the last released one by @graphql-inspector/core and fails on a
 * breaking change that schema/api.breaking-changes.txt does not accept with a reason.
 */
const script = join(__dirname, '..', '..', 'scripts', 'schema-diff.mjs');

function schemaDiff(files: { released?: string; current?: string; accepted?: string } = {}): {
  status: number;
  out: string;
  err: string;
} {
  const args = Object.entries(files).flatMap(([name, file]) => [`--${name}`, file]);
  try {
    return { status: 0, out: execFileSync('node', [script, ...args], { encoding: 'utf8', stdio: 'pipe' }), err: '' };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, out: failed.stdout, err: failed.stderr };
  }
}

describe('breaking changes of schema/api.graphql', () => {
  it('has none since schema/api.released.graphql that api.breaking-changes.txt does not accept with a reason', () => {
    const result = schemaDiff();
    expect({ status: result.status, err: result.err }).toEqual({ status: 0, err: '' });
  });

  describe('on a fixture', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-diff-'));
    const released = readFileSync(join(SCHEMA_DIR, 'api.released.graphql'), 'utf8');
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    // Two breaking changes: a field removed (Order.placedAt) and an argument made required.
    const search = released.indexOf('  searchProducts(');
    const optionalFirst = released.indexOf('    first: Int\n', search);
    const broken = write(
      'broken.graphql',
      (
        released.slice(0, optionalFirst) +
        '    first: Int!\n' +
        released.slice(optionalFirst + '    first: Int\n'.length)
      ).replace(/\n\s*"""When it was placed\."""\n\s*placedAt: DateTime!\n/, '\n'),
    );
    const none = write('none.txt', '# nothing accepted\n');

    it('fails naming each breaking change, and passes once each is accepted with a reason', () => {
      const refused = schemaDiff({ released: join(SCHEMA_DIR, 'api.released.graphql'), current: broken, accepted: none });
      expect(refused.status).toBe(1);
      const notAccepted = refused.err
        .split('\n')
        .filter((line) => line.startsWith('breaking change not accepted: '))
        .map((line) => line.slice('breaking change not accepted: '.length));
      expect(notAccepted).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/placedAt.*removed/),
          expect.stringMatching(/first.*searchProducts|searchProducts.*first/),
        ]),
      );

      const reasons = write('accepted.txt', notAccepted.map((change) => `${change} -- fixture: every client updated`).join('\n'));
      expect(
        schemaDiff({ released: join(SCHEMA_DIR, 'api.released.graphql'), current: broken, accepted: reasons }),
      ).toMatchObject({
        status: 0,
        err: '',
      });
    });

    it('fails on an accepted change without a reason, and on one that is not made', () => {
      const args = { released: join(SCHEMA_DIR, 'api.released.graphql'), current: join(SCHEMA_DIR, 'api.released.graphql') };
      const stale = schemaDiff({
        ...args,
        accepted: write('stale.txt', "Field 'placedAt' was removed from object type 'Order' -- old\n"),
      });
      expect(stale).toMatchObject({ status: 1, err: expect.stringContaining('accepted but not made') });
      const unexplained = schemaDiff({
        ...args,
        accepted: write('unexplained.txt', "Field 'placedAt' was removed from object type 'Order'\n"),
      });
      expect(unexplained).toMatchObject({ status: 1, err: expect.stringContaining('no reason given') });
    });

    it('takes a deprecation as no breaking change', () => {
      const deprecated = write(
        'deprecated.graphql',
        released.replace('placedAt: DateTime!\n', 'placedAt: DateTime! @deprecated(reason: "use history")\n'),
      );
      expect(
        schemaDiff({ released: join(SCHEMA_DIR, 'api.released.graphql'), current: deprecated, accepted: none }),
      ).toMatchObject({
        status: 0,
        out: expect.stringContaining('placedAt'),
      });
    });
  });
});
