/**
 * deploy/Dockerfile, what `docker build` would only find out late: every workspace package's
 * manifest is copied before `pnpm install --frozen-lockfile` (else the install fails on a
 * workspace that differs from the lockfile), every process's compiled code reaches the image,
 * and EXPOSE names every process's port.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processEntry } from '@omni/platform';
import { parse } from 'yaml';
import { portOf, PROCESS_NAMES } from './environment';
import type { Findings } from './observability';

export const DOCKERFILE = 'deploy/Dockerfile';

/** The workspace packages (pnpm-workspace.yaml's `dir` and `dir/*` patterns) that have a package.json. */
export function workspacePackages(root: string): string[] {
  const { packages = [] } = parse(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')) as { packages?: string[] };
  return packages
    .flatMap((pattern) => {
      if (!pattern.endsWith('/*')) return [pattern];
      const parent = pattern.slice(0, -2);
      return existsSync(join(root, parent)) ? readdirSync(join(root, parent)).map((dir) => `${parent}/${dir}`) : [];
    })
    .filter((dir) => existsSync(join(root, dir, 'package.json')));
}

/** Checks the Dockerfile under `root`; `source` stands in for its text in tests. */
export function checkDockerfile(root: string, source = readFileSync(join(root, DOCKERFILE), 'utf8')): Findings {
  const errors: string[] = [];
  // Instructions, one a line: continuation lines joined, comments dropped.
  const instructions = source
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const install = instructions.findIndex((line) => /^RUN\b.*\bpnpm install\b.*--frozen-lockfile/.test(line));
  const copiedBefore = instructions.slice(0, Math.max(install, 0)).filter((line) => line.startsWith('COPY '));
  for (const dir of workspacePackages(root)) {
    if (!copiedBefore.some((line) => line.split(/\s+/).includes(`${dir}/package.json`))) {
      errors.push(`${DOCKERFILE}: ${dir}/package.json is not copied before pnpm install --frozen-lockfile`);
    }
  }
  const copies = instructions.filter((line) => line.startsWith('COPY '));
  for (const name of PROCESS_NAMES) {
    const dist = processEntry(name).replace(/\/main\.js$/, '');
    if (!copies.some((line) => line.includes(dist))) errors.push(`${DOCKERFILE}: ${dist} (${name}) is not copied into the image`);
  }
  const exposed = instructions.filter((line) => line.startsWith('EXPOSE ')).flatMap((line) => line.split(/\s+/).slice(1));
  for (const name of PROCESS_NAMES) {
    if (!exposed.includes(String(portOf(name))))
      errors.push(`${DOCKERFILE}: EXPOSE does not name ${name}'s port ${portOf(name)}`);
  }
  return { errors, checked: [`${DOCKERFILE}: workspace manifests before the install, every process's build and port`] };
}
