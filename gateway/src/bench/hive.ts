import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { composeSupergraph, subgraphSdls } from '../supergraph';
import { processCpu, type Target } from './target';

/**
 * Hive Gateway (@graphql-hive/gateway) on the same subgraphs, for the comparison. Not a dependency
 * of the workspace: installed on first use into node_modules/.cache (npm), reused afterwards.
 */
const HIVE_PACKAGE = '@graphql-hive/gateway@2';
const CACHE = join(__dirname, '..', '..', '..', 'node_modules', '.cache', 'omni-bench', 'hive-gateway');

export interface Hive {
  url: string;
  version: string;
  /** The system's CPU plus Hive Gateway's, in microseconds. */
  cpu: () => Promise<number>;
  stop(): Promise<void>;
}

/**
 * Anonymous requests need no signed caller, so Hive can send them as they come; the channel
 * header is passed on as our gateway does. In-flight de-duplication is off: ours has none.
 */
const CONFIG = `export const gatewayConfig = {
  supergraph: './supergraph.graphql',
  logging: 'error',
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ 'x-channel': request.headers.get('x-channel') ?? undefined }),
  },
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
};
`;

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function install(): Promise<string> {
  const bin = join(CACHE, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
  if (!existsSync(bin)) {
    mkdirSync(CACHE, { recursive: true });
    process.stderr.write(`installing ${HIVE_PACKAGE} into ${CACHE} for the comparison\n`);
    await promisify(execFile)(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', CACHE, HIVE_PACKAGE],
      {
        timeout: 300_000,
      },
    );
  }
  if (!existsSync(bin)) throw new Error(`${bin} is missing after the install`);
  return bin;
}

/** Starts Hive Gateway in one process (no workers) with NODE_ENV=production, as ours runs; null, with the reason printed, when it cannot. */
export async function startHive(target: Target): Promise<Hive | null> {
  try {
    const bin = await install();
    const subgraphs = (await subgraphSdls()).map((s) => ({ ...s, url: target.subgraphUrls.get(s.name)! }));
    writeFileSync(join(CACHE, 'supergraph.graphql'), composeSupergraph(subgraphs));
    writeFileSync(join(CACHE, 'gateway.config.mjs'), CONFIG);
    const port = await freePort();
    const child = spawn(process.execPath, [bin, 'supergraph', '--fork', '1', '--host', '127.0.0.1', '--port', String(port)], {
      cwd: CACHE,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}/graphql`;
    const deadline = Date.now() + 60_000;
    while (
      !(await fetch(`http://127.0.0.1:${port}/readiness`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill();
        throw new Error(`it did not become ready (exit code ${child.exitCode})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const { version } = JSON.parse(
      readFileSync(join(CACHE, 'node_modules', '@graphql-hive', 'gateway', 'package.json'), 'utf8'),
    ) as {
      version: string;
    };
    return {
      url,
      version,
      cpu: async () => (await target.cpu()) + processCpu(child.pid!),
      stop: async () => {
        child.kill();
        if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
      },
    };
  } catch (error) {
    process.stderr.write(`Hive Gateway comparison skipped: ${(error as Error).message}\n`);
    return null;
  }
}
