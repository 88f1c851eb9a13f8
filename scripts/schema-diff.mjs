#!/usr/bin/env node
// `pnpm schema:diff`: what changed in schema/api.graphql since the last release
// (schema/api.released.graphql), by @graphql-inspector/core. Exits 1 when a breaking change is not
// acknowledged in schema/api.breaking-changes.txt (one line: `<the change as printed here> -- <why
// clients are fine>`), or when a line there acknowledges a change that is not made (delete it).
//   node scripts/schema-diff.mjs [--released <file>] [--current <file>] [--accepted <file>]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const inspector = require('@graphql-inspector/core');
// The graphql instance the inspector itself uses (it has no other in the workspace root).
const { buildSchema } = createRequire(require.resolve('@graphql-inspector/core'))('graphql');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : join(root, fallback);
};
const released = option('released', 'schema/api.released.graphql');
const current = option('current', 'schema/api.graphql');
const acceptedFile = option('accepted', 'schema/api.breaking-changes.txt');

/** `<change> -- <reason>` lines; `#` starts a comment line. */
function acceptedChanges(text) {
  const accepted = new Map();
  const problems = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' -- ');
    const change = at < 0 ? line : line.slice(0, at).trim();
    const reason = at < 0 ? '' : line.slice(at + 4).trim();
    if (!reason) problems.push(`no reason given for: ${change}`);
    accepted.set(change, reason);
  }
  return { accepted, problems };
}

const changes = await inspector.diff(buildSchema(readFileSync(released, 'utf8')), buildSchema(readFileSync(current, 'utf8')));
const { accepted, problems } = acceptedChanges(readFileSync(acceptedFile, 'utf8'));
const levels = inspector.CriticalityLevel;
const unaccepted = [];
const lines = [];
for (const level of [levels.Breaking, levels.Dangerous, levels.NonBreaking]) {
  const ofLevel = changes.filter((c) => c.criticality.level === level);
  if (!ofLevel.length) continue;
  lines.push(`${level} (${ofLevel.length})`);
  for (const change of ofLevel) {
    let note = '';
    if (level === levels.Breaking) {
      if (accepted.has(change.message)) note = `  [accepted: ${accepted.get(change.message)}]`;
      else {
        note = '  [NOT ACCEPTED]';
        unaccepted.push(change.message);
      }
    }
    lines.push(`  ${change.message}${note}`);
  }
}
const made = new Set(changes.filter((c) => c.criticality.level === levels.Breaking).map((c) => c.message));
for (const change of accepted.keys()) if (!made.has(change)) problems.push(`accepted but not made (delete the line): ${change}`);

process.stdout.write(lines.length ? `${lines.join('\n')}\n` : 'no changes since the released schema\n');
if (unaccepted.length || problems.length) {
  for (const change of unaccepted) process.stderr.write(`breaking change not accepted: ${change}\n`);
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.stderr.write(
    'Keep the field and mark it @deprecated(reason: ...) instead, or, when every client is known to cope, ' +
      `add "<change> -- <reason>" to ${acceptedFile}.\n`,
  );
  process.exit(1);
}
