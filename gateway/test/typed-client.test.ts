import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * examples/typed-client: the types graphql-codegen generates from schema/api.graphql and the
 * contract's operations are checked in, so they must be what `pnpm codegen` writes today, and the
 * example using them must compile (a typed operation's variables and result, and what it refuses).
 */
const example = join(__dirname, '..', '..', 'examples', 'typed-client');
const bin = (name: string) => join(example, 'node_modules', '.bin', name);

function run(command: string, args: string[]): { status: number; output: string } {
  try {
    const output = execFileSync(command, args, { cwd: example, encoding: 'utf8', stdio: 'pipe' });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}

describe('examples/typed-client', () => {
  it('has the generated types `pnpm codegen` writes from schema/api.graphql and schema/contract.graphql', () => {
    const check = run(bin('graphql-codegen'), ['--config', 'codegen.ts', '--check']);
    expect({ ...check, hint: check.status === 0 ? '' : 'run `pnpm codegen`' }).toEqual({
      status: 0,
      output: expect.any(String),
      hint: '',
    });
  });

  it("type-checks an operation's variables and result against the generated types", () => {
    expect(run(bin('tsc'), ['-p', 'tsconfig.json'])).toEqual({ status: 0, output: '' });
  });
});
