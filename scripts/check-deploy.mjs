#!/usr/bin/env node
/**
 * Static checks of the deployment files against the code:
 *
 *   deploy/Dockerfile (+ deploy/Dockerfile.dockerignore), deploy/docker-compose.yml, deploy/k8s/,
 *   deploy/nats.conf (the NATS users: one per service, publishing only its own subjects),
 *   deploy/prometheus/prometheus.yml and deploy/grafana/*.json (gateway/src/deploy-check/observability.ts),
 *   every rendered Kubernetes object against its API schema (gateway/src/deploy-check/k8s-schema.ts)
 *
 * What the code requires is read from the code itself: each subgraph's default port and peers
 * (services/<name>/src/main.ts: runServiceProcess(definition, PORT, [peers])), the variables a
 * subgraph reads (services/platform/src/process.ts), the gateway's subgraphs and ports
 * (gateway/src/services.ts) and variables (gateway/src/main.ts). Then, for the Dockerfile, every
 * compose service and every Kubernetes Deployment: the entry file exists (dist/main.js <-> its
 * src/main.ts) and is in the image, the environment covers what the process needs (database,
 * bus, peer URLs pointing at the right service and port), ports agree with the defaults
 * everywhere, probes hit /healthz and /readyz, and the security settings are in place. In
 * Kubernetes also (checkK8sOperations): two replicas or more, a HorizontalPodAutoscaler and a
 * PodDisruptionBudget that lets a drain proceed per Deployment, a migration Job on the same
 * database for each subgraph with MIGRATE_ON_START=false, an Ingress to the gateway only, and
 * NetworkPolicies: default deny, subgraphs reachable only from the gateway and each other,
 * subgraphs to NATS and PostgreSQL, the Jobs to PostgreSQL.
 *
 * Usage: node scripts/check-deploy.mjs [--builtin-kustomize] [--compare-renderers] [-v]
 *   The Kubernetes manifests are rendered with `kubectl kustomize` (or `kustomize build`) when
 *   one is installed, else with a small built-in renderer (resources, namespace, labels,
 *   strategic-merge patches, images). --builtin-kustomize forces the built-in one;
 *   --compare-renderers renders both ways and reports any difference.
 * Exit status: 0 when every check passes (warnings allowed), 1 otherwise.
 * Needs `pnpm install` (the gateway's yaml) and `pnpm build` (gateway/dist/deploy-check).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ARGS = new Set(process.argv.slice(2));
const VERBOSE = ARGS.has('-v') || ARGS.has('--verbose');
const DEPLOY = 'deploy';
const DOCKERFILE = `${DEPLOY}/Dockerfile`;
const DOCKERIGNORE = `${DEPLOY}/Dockerfile.dockerignore`;
const COMPOSE = `${DEPLOY}/docker-compose.yml`;
const K8S = `${DEPLOY}/k8s`;
const NATS_CONF = `${DEPLOY}/nats.conf`;

// ------------------------------------------------------------------------------------ reporting
const errors = [];
const warnings = [];
const passed = [];
let checkCount = 0;

/** Records one check; `where` is a file (and path inside it), `what` says what was checked. */
function check(ok, where, message, what = message) {
  checkCount++;
  if (ok) passed.push(`${where}: ${what}`);
  else errors.push(`${where}: ${message}`);
  return Boolean(ok);
}
const fail = (where, message) => check(false, where, message);
const warn = (where, message) => warnings.push(`${where}: ${message}`);

// ------------------------------------------------------------------------------------ files
const abs = (rel) => join(ROOT, rel);
const exists = (rel) => existsSync(abs(rel));
const read = (rel) => readFileSync(abs(rel), 'utf8');
const isDir = (rel) => exists(rel) && statSync(abs(rel)).isDirectory();

// ------------------------------------------------------------------------------------ YAML
/** The `yaml` package, a dependency of the gateway (whose deploy-check module uses it too). */
function loadYaml() {
  try {
    const lib = createRequire(abs('gateway/package.json'))('yaml');
    return {
      name: 'yaml',
      loadAll: (text) =>
        lib.parseAllDocuments(text, { merge: true }).map((doc) => {
          if (doc.errors.length) throw doc.errors[0];
          return doc.toJS({ maxAliasCount: -1 });
        }),
    };
  } catch {
    return null;
  }
}

const YAML = loadYaml();
if (!YAML) {
  console.error('check-deploy: the yaml package is not installed; run `pnpm install` first.');
  process.exit(1);
}

function loadYamlFile(rel) {
  try {
    return YAML.loadAll(read(rel)).filter((doc) => doc != null);
  } catch (error) {
    fail(rel, `is not valid YAML: ${error.message.split('\n')[0]}`);
    return [];
  }
}

// ------------------------------------------------------------------------------------ helpers
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v) => (v == null ? [] : Array.isArray(v) ? v : [v]);
const fmt = (v) => JSON.stringify(v);
const SCRIPT_PATTERN = /(?:^|[\s'"=])((?:\.\/|\/)?[\w@.+-]+(?:\/[\w@.+-]+)*\.(?:c|m)?js)(?=$|[\s'";])/g;

/** The .js files a command line names (the entry point is the first). */
function scriptsIn(tokens) {
  const text = list(tokens).map(String).join(' ');
  return [...text.matchAll(SCRIPT_PATTERN)].map((m) => m[1]);
}

function parseUrl(value) {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** Kubernetes quantities: 100m, 1, 512Mi, 1G... in base units. */
function quantity(value) {
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(String(value ?? ''));
  if (!m) return NaN;
  const units = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };
  return m[2] in units ? Number(m[1]) * units[m[2]] : NaN;
}

// =================================================================================== the code
/** tsconfig.json may hold comments and trailing commas. */
function readJsonc(rel) {
  const text = read(rel);
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(
        text
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/^\s*\/\/.*$/gm, '')
          .replace(/,(\s*[}\]])/g, '$1'),
      );
    } catch (error) {
      fail(rel, `cannot be parsed: ${error.message}`);
      return {};
    }
  }
}

/** Every .ts file under a directory (recursively). */
function sourceFiles(rel) {
  if (!isDir(rel)) return [];
  return readdirSync(abs(rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(`${rel}/${e.name}`) : e.name.endsWith('.ts') ? [`${rel}/${e.name}`] : [],
  );
}

/** Variables a package's code reads anywhere (readConfig shapes, process.env.X, environment.X). */
function variablesReadIn(rel) {
  const names = new Set();
  for (const file of sourceFiles(rel)) {
    const text = read(file);
    for (const m of text.matchAll(/(?:process\.env|environment)(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g))
      names.add(m[1] ?? m[2]);
    for (const m of text.matchAll(/readConfig\(\s*\{([\s\S]*?)\}\s*[,)]/g))
      for (const k of m[1].matchAll(/([A-Z][A-Z0-9_]*)\s*:/g)) names.add(k[1]);
  }
  return names;
}

/** The variable names of a readConfig shape / config object literal, with defaults and optionality. */
function shapeVariables(text, file) {
  const vars = new Map();
  for (const m of text.matchAll(/^\s*([A-Z][A-Z0-9_]*):\s*(.+?),?\s*$/gm)) {
    const def = /\.default\(\s*['"]?([^'")]*)['"]?\s*\)/.exec(m[2]);
    vars.set(m[1], { optional: /\.optional\(\)/.test(m[2]) || Boolean(def), default: def ? def[1] : undefined, source: file });
  }
  return vars;
}

function readCode() {
  const facts = { packages: new Map(), subgraphs: new Map(), gateway: null, logLevels: null };

  // Workspace packages: pnpm-workspace.yaml globs (dir or dir/*).
  const workspace = YAML.loadAll(read('pnpm-workspace.yaml'))[0] ?? {};
  for (const pattern of list(workspace.packages)) {
    const dirs = pattern.endsWith('/*')
      ? isDir(pattern.slice(0, -2))
        ? readdirSync(abs(pattern.slice(0, -2))).map((d) => `${pattern.slice(0, -2)}/${d}`)
        : []
      : [pattern];
    for (const dir of dirs) {
      if (!exists(`${dir}/package.json`)) continue;
      const manifest = JSON.parse(read(`${dir}/package.json`));
      const tsconfig = exists(`${dir}/tsconfig.json`) ? readJsonc(`${dir}/tsconfig.json`) : {};
      const options = tsconfig.compilerOptions ?? {};
      const workspaceDeps = Object.entries(manifest.dependencies ?? {})
        .filter(([, version]) => String(version).startsWith('workspace:'))
        .map(([name]) => name);
      facts.packages.set(manifest.name, {
        name: manifest.name,
        dir,
        outDir: posix.normalize(options.outDir ?? 'dist').replace(/\/$/, ''),
        rootDir: posix.normalize(options.rootDir ?? 'src').replace(/\/$/, ''),
        workspaceDeps,
        dependencies: Object.keys(manifest.dependencies ?? {}),
      });
    }
  }

  // What a subgraph process reads: services/platform/src/process.ts.
  const processFile = 'services/platform/src/process.ts';
  const processText = read(processFile);
  const shape = /readConfig\(\{([\s\S]*?)\}\);/.exec(processText);
  check(
    shape,
    processFile,
    'no readConfig({...}) found: cannot tell which variables a subgraph reads',
    'subgraph variables read',
  );
  const subgraphVars = shapeVariables(shape ? shape[1] : '', processFile);

  const configText = exists('services/platform/src/config.ts') ? read('services/platform/src/config.ts') : '';
  const levels = /logLevel:[^\n]*z\.enum\(\[([^\]]*)\]/.exec(configText);
  facts.logLevels = levels ? [...levels[1].matchAll(/['"](\w+)['"]/g)].map((m) => m[1]) : null;

  for (const pkg of facts.packages.values()) {
    const main = `${pkg.dir}/${pkg.rootDir}/main.ts`;
    if (!pkg.dir.startsWith('services/') || !exists(main)) continue;
    const text = read(main);
    const call = /runServiceProcess\(\s*\w+\s*,\s*(\d+)\s*(?:,\s*\[([^\]]*)\])?\s*\)/.exec(text);
    if (
      !check(
        call,
        main,
        'does not call runServiceProcess(definition, port, [peers]): cannot read its port and peers',
        'entry point parsed',
      )
    )
      continue;
    const name = basename(pkg.dir);
    const peers = call[2] ? [...call[2].matchAll(/['"]([\w-]+)['"]/g)].map((m) => m[1]) : [];
    const vars = new Map(subgraphVars);
    for (const peer of peers) vars.set(`${peer.toUpperCase()}_URL`, { optional: false, source: main });
    // Optional settings the service reads elsewhere (SMTP_URL, ...): allowed, never required.
    for (const dir of [`${pkg.dir}/${pkg.rootDir}`, 'services/platform/src']) {
      for (const name of variablesReadIn(dir)) if (!vars.has(name)) vars.set(name, { optional: true, source: dir });
    }
    facts.subgraphs.set(name, {
      name,
      kind: 'subgraph',
      pkg,
      src: main,
      entry: `${pkg.dir}/${pkg.outDir}/main.js`,
      defaultPort: Number(call[1]),
      peers,
      vars,
      mainFile: main,
    });
  }
  check(facts.subgraphs.size > 0, 'services/', 'no subgraph entry points (services/<name>/src/main.ts) found', 'subgraphs found');

  // The gateway: gateway/src/services.ts (subgraphs and ports) and gateway/src/main.ts (variables).
  const gatewayPkg = [...facts.packages.values()].find((p) => p.dir === 'gateway');
  const servicesFile = 'gateway/src/services.ts';
  const gatewayMain = 'gateway/src/main.ts';
  if (
    check(
      gatewayPkg && exists(servicesFile) && exists(gatewayMain),
      'gateway/',
      'gateway/src/main.ts or gateway/src/services.ts is missing',
      'gateway sources found',
    )
  ) {
    const servicesText = read(servicesFile);
    const imports = new Map([...servicesText.matchAll(/import\s*\{\s*(\w+)\s*\}\s*from\s*'([^']+)'/g)].map((m) => [m[1], m[2]]));
    const routed = [...servicesText.matchAll(/\{\s*definition:\s*(\w+)\s*,\s*port:\s*(\d+)\s*\}/g)].map((m) => {
      const pkg = facts.packages.get(imports.get(m[1]));
      return { name: pkg ? basename(pkg.dir) : m[1].replace(/Service$/, ''), port: Number(m[2]) };
    });
    const gatewayPort = /GATEWAY_PORT\s*=\s*(\d+)/.exec(servicesText);
    const mainText = read(gatewayMain);
    const configShape = /const config = \{([\s\S]*?)\n\};/.exec(mainText);
    check(
      configShape,
      gatewayMain,
      'no `const config = {...}` found: cannot tell which variables the gateway reads',
      'gateway variables read',
    );
    const vars = shapeVariables(configShape ? configShape[1] : '', gatewayMain);
    // In the distributed mode every <SERVICE>_URL is required (main.ts throws otherwise).
    for (const { name } of routed) vars.set(`${name.toUpperCase()}_URL`, { optional: false, source: gatewayMain });
    for (const dir of ['gateway/src', 'services/platform/src']) {
      for (const name of variablesReadIn(dir)) if (!vars.has(name)) vars.set(name, { optional: true, source: dir });
    }
    facts.gateway = {
      name: 'gateway',
      kind: 'gateway',
      pkg: gatewayPkg,
      src: gatewayMain,
      entry: `gateway/${gatewayPkg.outDir}/main.js`,
      defaultPort: gatewayPort ? Number(gatewayPort[1]) : NaN,
      peers: routed.map((r) => r.name),
      vars,
      mainFile: gatewayMain,
      supergraph: /SUPERGRAPH_PATH = join\(__dirname, '\.\.', '\.\.', 'schema', 'supergraph\.graphql'\)/.test(
        exists('gateway/src/system.ts') ? read('gateway/src/system.ts') : '',
      )
        ? 'schema/supergraph.graphql'
        : null,
    };
    check(gatewayPort, servicesFile, 'GATEWAY_PORT not found', 'gateway default port');
    check(
      facts.gateway.supergraph && exists(facts.gateway.supergraph),
      'gateway/src/system.ts',
      'the gateway reads schema/supergraph.graphql, which is missing (pnpm compose)',
      'supergraph present',
    );
    // The gateway's subgraph ports are the subgraphs' own defaults.
    for (const { name, port } of routed) {
      const subgraph = facts.subgraphs.get(name);
      if (check(subgraph, servicesFile, `routes to "${name}", which has no services/${name}/src/main.ts`, `routes to ${name}`)) {
        check(
          subgraph.defaultPort === port,
          servicesFile,
          `lists ${name} on port ${port} but ${subgraph.src} defaults to ${subgraph.defaultPort}`,
          `${name} port ${port} agrees with ${subgraph.src}`,
        );
      }
    }
    for (const name of facts.subgraphs.keys()) {
      check(
        routed.some((r) => r.name === name),
        servicesFile,
        `does not route to the subgraph ${name}`,
        `routes ${name}`,
      );
    }
  }

  // Peers must be subgraphs.
  for (const subgraph of facts.subgraphs.values()) {
    for (const peer of subgraph.peers) {
      check(facts.subgraphs.has(peer), subgraph.src, `names the peer "${peer}", which is no subgraph`, `peer ${peer} exists`);
    }
  }
  facts.processes = new Map([...facts.subgraphs, ...(facts.gateway ? [['gateway', facts.gateway]] : [])]);
  facts.byEntry = new Map([...facts.processes.values()].map((p) => [p.entry, p]));
  return facts;
}

/** Which process an entry file (as a command names it) runs, relative to the image's WORKDIR. */
function processOfEntry(facts, script, workdir, where) {
  let rel = script.replace(/^\.\//, '');
  if (rel.startsWith('/')) rel = posix.relative(workdir, rel);
  const proc = facts.byEntry.get(rel);
  if (
    !check(
      proc,
      where,
      `runs ${script}, which is no process entry point (expected one of ${[...facts.byEntry.keys()].join(', ')})`,
      `entry ${script}`,
    )
  )
    return null;
  check(exists(proc.src), where, `runs ${rel} but its source ${proc.src} does not exist`, `${rel} <- ${proc.src}`);
  return proc;
}

// =================================================================================== Dockerfile
function parseDockerfile(rel) {
  const lines = read(rel).split('\n');
  const instructions = [];
  let buffer = '';
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!buffer && /^\s*(#|$)/.test(line)) continue;
    if (buffer && /^\s*#/.test(line)) continue; // comments inside a continued instruction
    if (!buffer) start = i + 1;
    if (/\\\s*$/.test(line)) {
      buffer += line.replace(/\\\s*$/, ' ');
      continue;
    }
    buffer += line;
    const m = /^\s*(\w+)\s+([\s\S]*)$/.exec(buffer);
    if (m) instructions.push({ op: m[1].toUpperCase(), args: m[2].trim(), line: start });
    buffer = '';
  }
  const globalArgs = new Map();
  const stages = [];
  let stage = null;
  const substitute = (text, args) =>
    text.replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (_, a, def, b) => args.get(a ?? b) ?? def ?? '');
  for (const ins of instructions) {
    if (ins.op === 'ARG' && !stage) {
      const [name, value] = ins.args.split('=');
      globalArgs.set(name.trim(), (value ?? '').trim().replace(/^["']|["']$/g, ''));
      continue;
    }
    if (ins.op === 'FROM') {
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(ins.args);
      const from = substitute(m[1], globalArgs);
      const parent = stages.find((s) => s.name === from) ?? null;
      stage = { name: m[2] ?? String(stages.length), from, parent, instructions: [], line: ins.line, index: stages.length };
      stages.push(stage);
      continue;
    }
    if (stage) stage.instructions.push(ins);
  }
  return { stages, instructions };
}

/** Instructions of a stage including the stages it is built FROM. */
function stageChain(stage) {
  const chain = [];
  for (let s = stage; s; s = s.parent) chain.unshift(s);
  return chain;
}
const chainInstructions = (stage) => stageChain(stage).flatMap((s) => s.instructions);
const baseImageOf = (stage) => stageChain(stage)[0].from;

function workdirOf(stage, upTo = Infinity) {
  let dir = '/';
  let n = 0;
  for (const ins of chainInstructions(stage)) {
    if (n++ >= upTo) break;
    if (ins.op === 'WORKDIR') dir = posix.resolve(dir, ins.args.replace(/^["']|["']$/g, ''));
  }
  return dir;
}

function parseEnvInstruction(args) {
  const env = new Map();
  const tokens = [...args.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)];
  if (tokens.length) for (const t of tokens) env.set(t[1], t[2].replace(/^["']|["']$/g, ''));
  else {
    const m = /^(\w+)\s+(.*)$/.exec(args);
    if (m) env.set(m[1], m[2]);
  }
  return env;
}

/** COPY instructions of a stage chain with their sources and absolute destination. */
function copiesOf(stage, until = null) {
  const copies = [];
  let dir = '/';
  for (const ins of chainInstructions(stage)) {
    if (ins === until) break;
    if (ins.op === 'WORKDIR') dir = posix.resolve(dir, ins.args);
    if (ins.op !== 'COPY' && ins.op !== 'ADD') continue;
    const tokens = ins.args.startsWith('[') ? JSON.parse(ins.args) : ins.args.split(/\s+/);
    const flags = tokens.filter((t) => t.startsWith('--'));
    const paths = tokens.filter((t) => !t.startsWith('--'));
    const from = flags.find((f) => f.startsWith('--from='))?.slice(7) ?? null;
    const dest = paths.pop();
    const destAbs = posix.resolve(dir, dest);
    copies.push({ ins, from, sources: paths, dest, destAbs, destIsDir: dest.endsWith('/') || paths.length > 1 });
  }
  return copies;
}

/** Where a context (repo) path lands in a stage, or null. */
function placedFromContext(stage, contextPath, until = null) {
  for (const copy of copiesOf(stage, until).reverse()) {
    if (copy.from) continue;
    for (const source of copy.sources) {
      const src = posix.normalize(source).replace(/\/$/, '').replace(/^\.$/, '');
      const srcIsDir = src === '' || isDir(src);
      if (srcIsDir && (src === '' || contextPath === src || contextPath.startsWith(`${src}/`))) {
        const rest = src === '' ? contextPath : contextPath.slice(src.length).replace(/^\//, '');
        return rest ? posix.join(copy.destAbs, rest) : copy.destAbs;
      }
      if (!srcIsDir && contextPath === src) return copy.destIsDir ? posix.join(copy.destAbs, basename(src)) : copy.destAbs;
    }
  }
  return null;
}

/** The COPY --from that provides an absolute path in a stage: {stage, sourcePath} or null. */
function providerOf(stage, stagesByName, path) {
  for (const copy of copiesOf(stage).reverse()) {
    if (!copy.from) continue;
    const dest = copy.destAbs.replace(/\/$/, '') || '/';
    if (!(path === dest || path.startsWith(dest === '/' ? '/' : `${dest}/`))) continue;
    const source = stagesByName.get(copy.from);
    const src = posix.resolve(source ? workdirOf(source) : '/', copy.sources[0]);
    const rest = path.slice(dest.length).replace(/^\//, '');
    return { copy, stage: source ?? null, sourcePath: rest ? posix.join(src, rest) : src };
  }
  return null;
}

const runsIn = (stage, pattern) => chainInstructions(stage).some((ins) => ins.op === 'RUN' && pattern.test(ins.args));

/** Docker's .dockerignore matching (patterns relative to the context, `**`, `!` exceptions). */
function dockerignore(rel) {
  const rules = read(rel)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = posix.normalize(line.replace(/^!/, '').replace(/^\//, '')).replace(/\/$/, '');
      let source = '';
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '*' && pattern[i + 1] === '*') {
          source += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
          i += pattern[i + 2] === '/' ? 2 : 1;
        } else if (c === '*') source += '[^/]*';
        else if (c === '?') source += '[^/]';
        else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
      return { negate, regex: new RegExp(`^${source}$`), line };
    });
  return (path) => {
    const prefixes = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    let ignored = false;
    for (const rule of rules) if (prefixes.some((p) => rule.regex.test(p))) ignored = !rule.negate;
    return ignored;
  };
}

function checkDockerfile(facts) {
  const where = DOCKERFILE;
  if (!check(exists(DOCKERFILE), where, 'is missing', 'exists')) return null;
  const { stages } = parseDockerfile(DOCKERFILE);
  if (!check(stages.length > 0, where, 'has no FROM', 'has stages')) return null;
  check(stages.length > 1, where, 'is not multi-stage (build tools and sources would end up in the image)', 'multi-stage');
  const stagesByName = new Map(stages.map((s) => [s.name, s]));
  const runtime = stages[stages.length - 1];
  const at = (ins) => `${where}:${ins.line}`;
  const finalIns = chainInstructions(runtime);
  const workdir = workdirOf(runtime);

  // Base image: Node matching engines.node.
  const engines = JSON.parse(read('package.json')).engines?.node ?? '';
  const wantMajor = Number(/(\d+)/.exec(engines)?.[1] ?? 0);
  for (const stage of stages) {
    const base = baseImageOf(stage);
    const m = /^(?:[\w.-]+\/)*node:(\d+)/.exec(base);
    check(
      m && Number(m[1]) >= wantMajor,
      `${where}:${stage.line}`,
      `stage ${stage.name} is based on ${base}, not a node:${wantMajor}+ image (package.json engines.node ${engines})`,
      `stage ${stage.name} on ${base}`,
    );
  }

  // The image's environment (ENV of the final stage chain), used for compose and k8s.
  const imageEnv = new Map();
  for (const ins of finalIns) if (ins.op === 'ENV') for (const [k, v] of parseEnvInstruction(ins.args)) imageEnv.set(k, v);

  // Non-root user.
  const users = finalIns.filter((i) => i.op === 'USER');
  const user = users.at(-1)?.args.split(':')[0].trim();
  check(
    user && user !== 'root' && user !== '0',
    where,
    `the final stage runs as root: add USER <uid> (last USER: ${user ?? 'none'})`,
    `runs as user ${user}`,
  );
  const numericUser = user && /^\d+$/.test(user);

  // HEALTHCHECK with node fetch against /healthz on PORT.
  const health = finalIns.filter((i) => i.op === 'HEALTHCHECK').at(-1);
  if (check(health && !/^NONE\b/i.test(health.args), where, 'the final stage has no HEALTHCHECK', 'HEALTHCHECK present')) {
    check(/\/healthz\b/.test(health.args), at(health), 'HEALTHCHECK does not request /healthz', 'HEALTHCHECK probes /healthz');
    const usesCurl = /\b(curl|wget)\b/.test(health.args);
    check(
      !(usesCurl && /slim|distroless|alpine/.test(baseImageOf(runtime))),
      at(health),
      `HEALTHCHECK uses curl/wget, which ${baseImageOf(runtime)} lacks: use node -e "fetch(...)"`,
      'HEALTHCHECK tool exists in the image',
    );
    check(
      /process\.env\.PORT/.test(health.args),
      at(health),
      'HEALTHCHECK does not use PORT: the same image serves on 4000-4005',
      'HEALTHCHECK follows PORT',
    );
  }

  // CMD / ENTRYPOINT.
  const cmdIns = finalIns.filter((i) => i.op === 'CMD').at(-1);
  const entrypointIns = finalIns.filter((i) => i.op === 'ENTRYPOINT').at(-1);
  const execForm = (ins) => {
    if (!ins) return null;
    try {
      return JSON.parse(ins.args);
    } catch {
      return ins.args.split(/\s+/);
    }
  };
  const cmd = execForm(cmdIns);
  const entrypoint = execForm(entrypointIns);
  if (check(cmdIns || entrypointIns, where, 'has no CMD or ENTRYPOINT', 'CMD present')) {
    if (cmdIns)
      check(
        cmdIns.args.trim().startsWith('['),
        at(cmdIns),
        'CMD is in shell form: node would not be PID 1 and would miss SIGTERM',
        'CMD in exec form',
      );
    const scripts = scriptsIn([...(entrypoint ?? []), ...(cmd ?? [])]);
    if (check(scripts.length > 0, at(cmdIns ?? entrypointIns), 'CMD/ENTRYPOINT runs no .js entry point', 'CMD runs a .js file')) {
      processOfEntry(facts, scripts[0], workdir, at(cmdIns ?? entrypointIns));
    }
  }

  // Context files the instructions copy exist and are not excluded by the ignore file.
  const hasIgnore = check(
    exists(DOCKERIGNORE),
    DOCKERIGNORE,
    'is missing: the whole work tree (node_modules, dist, .git) would be sent as build context',
    'exists',
  );
  const ignored = hasIgnore ? dockerignore(DOCKERIGNORE) : () => false;
  for (const stage of stages) {
    for (const copy of copiesOf(stage).filter((c) => stage.instructions.includes(c.ins) && !c.from)) {
      for (const source of copy.sources) {
        const src = posix.normalize(source).replace(/\/$/, '');
        check(
          src === '.' || exists(src),
          at(copy.ins),
          `COPY source ${source} does not exist in the repository`,
          `COPY ${source} exists`,
        );
        check(
          src === '.' || !ignored(src),
          at(copy.ins),
          `COPY source ${source} is excluded by ${DOCKERIGNORE}`,
          `COPY ${source} not ignored`,
        );
      }
    }
    for (const copy of copiesOf(stage).filter((c) => stage.instructions.includes(c.ins) && c.from)) {
      check(
        stagesByName.has(copy.from) || copy.from.includes(':') || copy.from.includes('/'),
        at(copy.ins),
        `COPY --from=${copy.from} names no stage`,
        `COPY --from=${copy.from} stage exists`,
      );
    }
  }
  if (hasIgnore) {
    const mustIgnore = [
      '.git/HEAD',
      'node_modules/x',
      'services/crm/node_modules/x',
      'gateway/node_modules/x',
      'services/crm/dist/main.js',
      'gateway/dist/main.js',
      'data/x.sqlite',
      'gateway/tsconfig.tsbuildinfo',
    ];
    for (const path of mustIgnore) check(ignored(path), DOCKERIGNORE, `does not exclude ${path}`, `excludes ${path}`);
    const mustKeep = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.base.json', 'schema/supergraph.graphql'];
    for (const pkg of facts.packages.values())
      mustKeep.push(`${pkg.dir}/package.json`, `${pkg.dir}/tsconfig.json`, `${pkg.dir}/${pkg.rootDir}/index.ts`);
    for (const proc of facts.processes.values()) mustKeep.push(proc.src);
    for (const path of mustKeep.filter(exists))
      check(!ignored(path), DOCKERIGNORE, `excludes ${path}, which the build needs`, `keeps ${path}`);
  }

  // Install stages: lockfile + every workspace manifest before `pnpm install --frozen-lockfile`,
  // and the native toolchain for better-sqlite3.
  const needsNative = [...facts.packages.values()].some((p) => p.dependencies.includes('better-sqlite3'));
  const installStages = stages.filter((s) => s.instructions.some((i) => i.op === 'RUN' && /pnpm\s+(install|i)\b/.test(i.args)));
  check(installStages.length > 0, where, 'no stage runs pnpm install', 'a stage runs pnpm install');
  for (const stage of installStages) {
    const install = stage.instructions.find((i) => i.op === 'RUN' && /pnpm\s+(install|i)\b/.test(i.args));
    const sw = `${at(install)} (stage ${stage.name})`;
    check(/--frozen-lockfile/.test(install.args), sw, 'pnpm install without --frozen-lockfile', 'pnpm install --frozen-lockfile');
    const stageWorkdir = workdirOf(stage);
    const before = (path) => {
      const placed = placedFromContext(stage, path, install);
      return placed === posix.join(stageWorkdir, path);
    };
    for (const file of ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml']) {
      check(before(file), sw, `${file} is not copied to ${stageWorkdir}/${file} before pnpm install`, `${file} copied`);
    }
    for (const pkg of facts.packages.values()) {
      check(
        before(`${pkg.dir}/package.json`),
        sw,
        `${pkg.dir}/package.json is not copied before pnpm install: --frozen-lockfile fails on a workspace that differs from the lockfile`,
        `${pkg.dir}/package.json copied`,
      );
    }
    if (needsNative) {
      const tools = ['python3', 'make', 'g++'];
      const apt = chainInstructions(stage)
        .filter((i) => i.op === 'RUN' && /apt-get\s+install|apk\s+add/.test(i.args))
        .map((i) => i.args)
        .join(' ');
      for (const tool of tools) {
        check(
          new RegExp(`(^|\\s)${tool.replace(/\+/g, '\\+')}(\\s|$)`).test(apt),
          sw,
          `better-sqlite3 is a dependency but ${tool} is not installed before pnpm install`,
          `${tool} installed`,
        );
      }
    }
  }

  // Build stage: sources for tsc -b and `pnpm build`.
  const buildStages = stages.filter((s) =>
    s.instructions.some((i) => i.op === 'RUN' && /pnpm\s+(run\s+)?build\b|tsc\s+-b/.test(i.args)),
  );
  check(buildStages.length > 0, where, 'no stage runs pnpm build', 'a stage runs pnpm build');
  for (const stage of buildStages) {
    const stageWorkdir = workdirOf(stage);
    const build = stage.instructions.find((i) => i.op === 'RUN' && /pnpm\s+(run\s+)?build\b|tsc\s+-b/.test(i.args));
    const sw = `${at(build)} (stage ${stage.name})`;
    check(
      runsIn(stage, /pnpm\s+(install|i)\b(?![^&;]*--prod)/),
      sw,
      'builds without a full pnpm install (TypeScript is a devDependency)',
      'full install before build',
    );
    const needed = ['tsconfig.base.json'];
    for (const pkg of facts.packages.values()) needed.push(`${pkg.dir}/tsconfig.json`, `${pkg.dir}/${pkg.rootDir}/index.ts`);
    for (const proc of facts.processes.values()) needed.push(proc.src);
    for (const path of needed.filter(exists)) {
      check(
        placedFromContext(stage, path, build) === posix.join(stageWorkdir, path),
        sw,
        `${path} is not copied into the build stage before the build`,
        `${path} in build stage`,
      );
    }
  }

  // The final stage has every process's compiled code, its workspace dependencies, the
  // production node_modules and the supergraph.
  const need = new Map(); // absolute path -> reason
  const pkgDist = (pkg) => posix.join(workdir, pkg.dir, pkg.outDir);
  const addPkg = (pkg, reason) => {
    if (!pkg || need.has(pkgDist(pkg))) return;
    need.set(pkgDist(pkg), reason);
    for (const dep of pkg.workspaceDeps) addPkg(facts.packages.get(dep), `${reason} (via ${pkg.name})`);
  };
  for (const proc of facts.processes.values()) addPkg(proc.pkg, `${proc.entry}`);
  const distNeeds = [...need.keys()];
  need.set(posix.join(workdir, 'node_modules'), 'dependencies');
  for (const pkg of facts.packages.values())
    if (pkg.dependencies.length) need.set(posix.join(workdir, pkg.dir, 'node_modules'), `${pkg.name} dependencies`);
  if (facts.gateway?.supergraph) need.set(posix.join(workdir, facts.gateway.supergraph), 'the gateway reads it');
  for (const [path, reason] of need) {
    const provider = providerOf(runtime, stagesByName, path);
    const fromContext = placedFromContext(runtime, posix.relative(workdir, path)) === path;
    if (!check(provider || fromContext, where, `the final stage lacks ${path} (${reason})`, `final stage has ${path}`)) continue;
    if (!provider?.stage) continue;
    const rel = posix.relative(workdirOf(provider.stage), provider.sourcePath);
    check(
      rel === posix.relative(workdir, path),
      at(provider.copy.ins),
      `${path} comes from ${provider.sourcePath} in stage ${provider.stage.name}, not from the same place under its WORKDIR`,
      `${path} from stage ${provider.stage.name}`,
    );
    if (distNeeds.includes(path)) {
      check(
        runsIn(provider.stage, /pnpm\s+(run\s+)?build\b|tsc\s+-b/),
        at(provider.copy.ins),
        `the final stage takes ${path} from stage ${provider.stage.name}, which does not build it (COPY --from=<build stage> ${provider.sourcePath} ${posix.relative(workdir, path)})`,
        `${path} built in ${provider.stage.name}`,
      );
    } else if (path.includes('node_modules')) {
      check(
        runsIn(provider.stage, /pnpm\s+(install|i)\b/),
        at(provider.copy.ins),
        `${path} is copied from stage ${provider.stage.name}, which does not install`,
        `${path} installed in ${provider.stage.name}`,
      );
      if (!runsIn(provider.stage, /pnpm\s+(install|i)\b[^&;]*--prod|pnpm\s+prune[^&;]*--prod/))
        warn(at(provider.copy.ins), `${path} includes devDependencies (install with --prod for a smaller image)`);
    } else if (facts.gateway?.supergraph && path.endsWith(facts.gateway.supergraph)) {
      check(
        placedFromContext(provider.stage, facts.gateway.supergraph) === provider.sourcePath,
        at(provider.copy.ins),
        `${path} is not in stage ${provider.stage.name}`,
        'supergraph copied',
      );
    }
  }

  // The ports the processes serve on are documented.
  const exposed = finalIns
    .filter((i) => i.op === 'EXPOSE')
    .flatMap((i) => i.args.split(/\s+/).map((p) => Number(p.split('/')[0])));
  for (const proc of facts.processes.values()) {
    if (!exposed.includes(proc.defaultPort)) warn(where, `does not EXPOSE ${proc.defaultPort} (${proc.name})`);
  }
  const host = imageEnv.get('HOST');
  if (host !== undefined)
    check(
      host === '0.0.0.0' || host === '::',
      where,
      `ENV HOST=${host}: other containers could not reach the process`,
      'ENV HOST binds all interfaces',
    );

  return { imageEnv, workdir, cmd, entrypoint, user, numericUser };
}

// =================================================================================== environment
/**
 * Checks one process's effective environment (image ENV < env files < explicit env).
 * `resolvePeer(url, peerName)` checks that a peer URL points at the peer on this platform.
 * `env`: Map name -> { value, from: 'image'|'shared'|'explicit', where }.
 */
function checkEnvironment(facts, proc, env, where, platform, resolvePeer) {
  const value = (name) => env.get(name)?.value;
  const known = new Set([...proc.vars.keys(), 'NODE_ENV', 'NODE_OPTIONS', 'TZ']);
  for (const [name, entry] of env) {
    if (entry.from !== 'explicit' || known.has(name)) continue;
    fail(
      where,
      `sets ${name}, which the ${proc.name} code (${proc.pkg.dir}/${proc.pkg.rootDir}, services/platform/src) never reads (typo?)`,
    );
  }

  // PORT: explicit, the code's default (the image HEALTHCHECK and probes use it).
  const port = value('PORT');
  if (
    check(
      port !== undefined,
      where,
      `PORT is not set (${proc.mainFile} defaults to ${proc.defaultPort}; the image HEALTHCHECK reads PORT, falling back to 4000)`,
      'PORT set',
    )
  ) {
    check(
      Number(port) === proc.defaultPort,
      where,
      `PORT=${port} differs from ${proc.name}'s default ${proc.defaultPort} (${proc.mainFile})`,
      `PORT=${port} is the default`,
    );
  }

  // HOST: must listen on all interfaces inside a container.
  const hostDefault = proc.vars.get('HOST')?.default;
  const host = value('HOST') ?? hostDefault;
  check(
    host === '0.0.0.0' || host === '::',
    where,
    value('HOST') === undefined
      ? `HOST is not set and ${proc.mainFile} defaults to ${hostDefault}: the ${platform} network could not reach ${proc.name}`
      : `HOST=${host}: the ${platform} network could not reach ${proc.name}`,
    `HOST=${host}`,
  );

  const level = value('LOG_LEVEL');
  if (level !== undefined && facts.logLevels)
    check(
      facts.logLevels.includes(level),
      where,
      `LOG_LEVEL=${level} is not one of ${facts.logLevels.join(', ')}`,
      'LOG_LEVEL valid',
    );

  if (proc.kind === 'subgraph') {
    // Without them a subgraph silently falls back to SQLite and an in-process bus.
    const db = value('DATABASE_URL');
    if (
      check(
        db,
        where,
        `DATABASE_URL is not set: ${proc.name} would fall back to an embedded SQLite file instead of PostgreSQL`,
        'DATABASE_URL set',
      )
    ) {
      const url = parseUrl(db);
      check(
        url && ['postgres:', 'postgresql:'].includes(url.protocol),
        where,
        `DATABASE_URL is not a postgres:// URL: ${db}`,
        'DATABASE_URL is postgres://',
      );
    }
    const nats = value('NATS_URL');
    if (check(nats, where, `NATS_URL is not set: ${proc.name}'s events would stay inside its process`, 'NATS_URL set')) {
      check(parseUrl(nats)?.protocol === 'nats:', where, `NATS_URL is not a nats:// URL: ${nats}`, 'NATS_URL is nats://');
    }
  } else {
    for (const name of ['DATABASE_URL', 'NATS_URL']) {
      if (env.get(name)?.from === 'explicit') warn(where, `sets ${name}, which the gateway ignores in the distributed mode`);
    }
  }

  // Peer URLs (subgraph peers; the gateway's five subgraphs).
  for (const peer of proc.peers) {
    const variable = `${peer.toUpperCase()}_URL`;
    const url = value(variable);
    const why =
      proc.kind === 'gateway'
        ? 'the gateway needs every subgraph URL for the distributed mode'
        : `${proc.mainFile} declares ${peer} as a peer`;
    if (!check(url, where, `${variable} is not set (${why})`, `${variable} set`)) continue;
    const parsed = parseUrl(url);
    if (
      !check(
        parsed && ['http:', 'https:'].includes(parsed.protocol),
        where,
        `${variable}=${url} is not an http(s) URL`,
        `${variable} is http`,
      )
    )
      continue;
    check(
      parsed.pathname === '/graphql',
      where,
      `${variable}=${url} must end in /graphql (the subgraph endpoint)`,
      `${variable} path /graphql`,
    );
    resolvePeer(parsed, peer, `${where}: ${variable}=${url}`);
  }

  // Distributed, every process refuses the public development keys (process.ts, services.ts).
  check(
    value('SUBGRAPH_SECRET'),
    where,
    `SUBGRAPH_SECRET is not set: ${proc.name} refuses to start in the distributed mode without it`,
    'SUBGRAPH_SECRET set',
  );
  checkEventEnvironment(facts, proc, env, where);
  if (proc.kind === 'gateway') {
    const keys = ['AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY', 'AUTH_SECRET'].filter((name) => value(name));
    check(
      keys.length === 1,
      where,
      keys.length === 0
        ? 'no AUTH_JWKS_URL, AUTH_PUBLIC_KEY or AUTH_SECRET: the gateway refuses to start in the distributed mode without one'
        : `${keys.join(' and ')} are all set: set exactly one token key source`,
      `${keys[0]} set`,
    );
  }
}

// =================================================================================== compose
function interpolate(value, vars, where) {
  if (typeof value !== 'string') return value;
  return value.replace(/\$\$|\$\{([A-Za-z_]\w*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_]\w*)/g, (match, name, op, arg, bare) => {
    if (match === '$$') return '$';
    const key = name ?? bare;
    const set = vars[key] !== undefined;
    const nonEmpty = set && vars[key] !== '';
    if (!op) {
      if (!set) warn(where, `\${${key}} is not set and has no default`);
      return vars[key] ?? '';
    }
    const present = op.startsWith(':') ? nonEmpty : set;
    if (op.endsWith('-')) return present ? vars[key] : arg;
    if (op.endsWith('+')) return present ? arg : '';
    if (!present) fail(where, `requires \${${key}}: ${arg}`);
    return vars[key] ?? '';
  });
}

function interpolateDeep(value, vars, where) {
  if (Array.isArray(value)) return value.map((v) => interpolateDeep(v, vars, where));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, vars, where)]));
  return interpolate(value, vars, where);
}

function parseEnvFile(rel) {
  const env = {};
  for (const line of read(rel).split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=\s*(.*)\s*$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

/** Container paths of a compose service's volumes / tmpfs entries (short or long syntax). */
const mountTargets = (entries) =>
  list(entries)
    .map((v) => (isObject(v) ? v.target : String(v).split(':').length > 1 ? String(v).split(':')[1] : String(v).split(':')[0]))
    .map((t) => posix.normalize(String(t)).replace(/\/$/, ''));

const envMap = (environment) =>
  Array.isArray(environment)
    ? Object.fromEntries(environment.map((e) => [String(e).split('=')[0], String(e).split('=').slice(1).join('=')]))
    : { ...(environment ?? {}) };

function checkCompose(facts, docker) {
  const where = COMPOSE;
  if (!check(exists(COMPOSE), where, 'is missing', 'exists')) return null;
  const [raw] = loadYamlFile(COMPOSE);
  if (!check(isObject(raw) && isObject(raw.services), where, 'has no services', 'has services')) return null;
  const composeDir = dirname(COMPOSE);
  const dotenv = exists(`${composeDir}/.env`) ? parseEnvFile(`${composeDir}/.env`) : {};
  const compose = interpolateDeep(raw, { ...dotenv, ...process.env }, where);
  const services = compose.services;
  const at = (name, path = '') => `${where}: services.${name}${path ? `.${path}` : ''}`;

  // Which service runs which process.
  const runs = new Map(); // compose service -> process
  const appImages = new Map();
  const builds = new Map();
  for (const [name, svc] of Object.entries(services)) {
    builds.set(
      name,
      svc.build &&
        (() => {
          const build = typeof svc.build === 'string' ? { context: svc.build } : svc.build;
          const context = posix.normalize(posix.join(composeDir, build.context ?? '.'));
          const dockerfile = posix.normalize(posix.join(context, build.dockerfile ?? 'Dockerfile'));
          check(
            isDir(context),
            at(name, 'build.context'),
            `${build.context} does not exist (resolves to ${context})`,
            'build context exists',
          );
          check(
            exists(dockerfile),
            at(name, 'build.dockerfile'),
            `${build.dockerfile} does not exist (resolves to ${dockerfile})`,
            'Dockerfile exists',
          );
          check(
            context === '.',
            at(name, 'build.context'),
            `the context must be the repository root (it resolves to ${context}): the Dockerfile copies workspace files`,
            'context is the repository root',
          );
          return dockerfile === DOCKERFILE;
        })(),
    );
  }
  const ourImages = new Set(
    Object.entries(services)
      .filter(([n]) => builds.get(n))
      .map(([, s]) => s.image),
  );
  for (const [name, svc] of Object.entries(services)) {
    const buildsOurs = builds.get(name);
    const onOurImage = buildsOurs || (svc.image && ourImages.has(svc.image));
    const tokens = svc.command ?? null;
    const entrypointTokens = svc.entrypoint ?? null;
    const scripts = onOurImage
      ? scriptsIn([...list(entrypointTokens ?? docker?.entrypoint), ...list(tokens ?? (entrypointTokens ? [] : docker?.cmd))])
      : scriptsIn([...list(entrypointTokens), ...list(tokens)]);
    if (!onOurImage && !scripts.some((s) => facts.byEntry.has(s.replace(/^\.\//, '')))) continue; // a backing server
    if (!check(scripts.length > 0, at(name, 'command'), 'runs no .js entry point', 'command runs a process')) continue;
    const proc = processOfEntry(facts, scripts[0], docker?.workdir ?? '/app', at(name, 'command'));
    if (!proc) continue;
    check(
      ![...runs.values()].includes(proc),
      at(name),
      `runs ${proc.name}, which another service already runs`,
      `only service running ${proc.name}`,
    );
    runs.set(name, proc);
    appImages.set(name, { image: svc.image, buildsOurs });
  }
  for (const proc of facts.processes.values()) {
    check(
      [...runs.values()].includes(proc),
      where,
      `no service runs ${proc.name} (${proc.entry})`,
      `a service runs ${proc.name}`,
    );
  }
  // One image for all of them.
  const imageNames = new Set([...appImages.values()].map((a) => a.image));
  check(
    imageNames.size === 1 && [...imageNames][0],
    where,
    `the processes should share one image built from ${DOCKERFILE} (images: ${[...imageNames].join(', ')})`,
    'one image for all processes',
  );
  for (const [name, { image, buildsOurs }] of appImages) {
    if (!buildsOurs)
      check(
        [...appImages.values()].some((a) => a.image === image && a.buildsOurs),
        at(name, 'image'),
        `${image} is not built from ${DOCKERFILE} by any service`,
        'image built from deploy/Dockerfile',
      );
  }

  // Backing servers.
  const byImage = (prefix) =>
    Object.entries(services).filter(
      ([, s]) => typeof s.image === 'string' && new RegExp(`^(?:[\\w.-]+/)*${prefix}(:|$)`).test(s.image),
    );
  const postgres = byImage('postgres');
  const nats = byImage('nats');
  if (check(postgres.length === 1, where, `expected one postgres service, found ${postgres.length}`, 'postgres service')) {
    const [name, svc] = postgres[0];
    check(
      /^(?:[\w.-]+\/)*postgres:16(\b|\.|-|$)/.test(svc.image),
      at(name, 'image'),
      `${svc.image} is not PostgreSQL 16`,
      'PostgreSQL 16',
    );
    check(
      svc.healthcheck && !svc.healthcheck.disable && svc.healthcheck.test,
      at(name, 'healthcheck'),
      'PostgreSQL has no healthcheck: service_healthy could never be met',
      'postgres healthcheck',
    );
    check(
      mountTargets(svc.volumes).some((t) => t.startsWith('/var/lib/postgresql')),
      at(name, 'volumes'),
      'no volume for /var/lib/postgresql/data: data is lost with the container',
      'postgres volume',
    );
  }
  if (check(nats.length === 1, where, `expected one nats service, found ${nats.length}`, 'nats service')) {
    const [name, svc] = nats[0];
    const command = list(svc.command).join(' ');
    check(
      /^(?:[\w.-]+\/)*nats:2\.10(\b|\.|-|$)/.test(svc.image),
      at(name, 'image'),
      `${svc.image} is not NATS 2.10`,
      'NATS 2.10',
    );
    check(
      /(^|\s)(-js|--jetstream)(\s|$)/.test(command),
      at(name, 'command'),
      'NATS runs without JetStream (-js): the services need streams and durable consumers',
      'JetStream on',
    );
    const storeDir = /(?:-sd|--store_dir)\s+(\S+)/.exec(command)?.[1];
    check(
      storeDir && mountTargets(svc.volumes).includes(posix.normalize(storeDir).replace(/\/$/, '')),
      at(name, 'volumes'),
      `no volume on the JetStream store directory (${storeDir ?? 'set -sd <dir>'})`,
      'JetStream store on a volume',
    );
  }
  const postgresService = postgres[0];
  const natsService = nats[0];

  // Environment, ports, health and ordering of each process.
  const effectiveEnv = (svc) => {
    const env = new Map();
    for (const [k, v] of docker?.imageEnv ?? []) env.set(k, { value: v, from: 'image' });
    for (const file of list(svc.env_file)) {
      const path = posix.join(composeDir, isObject(file) ? file.path : file);
      if (exists(path)) for (const [k, v] of Object.entries(parseEnvFile(path))) env.set(k, { value: v, from: 'shared' });
      else if (!(isObject(file) && file.required === false)) fail(`${where}`, `env_file ${path} does not exist`);
    }
    for (const [k, v] of Object.entries(envMap(svc.environment)))
      env.set(k, { value: v == null ? undefined : String(v), from: 'explicit' });
    return env;
  };
  const portOf = (name) => {
    const proc = runs.get(name);
    const v = effectiveEnv(services[name]).get('PORT')?.value;
    return v !== undefined ? Number(v) : proc?.defaultPort;
  };
  const depends = (svc) =>
    Array.isArray(svc.depends_on)
      ? Object.fromEntries(svc.depends_on.map((d) => [d, { condition: 'service_started' }]))
      : (svc.depends_on ?? {});
  const hasHealthcheck = (name) => {
    const svc = services[name];
    if (svc?.healthcheck?.disable) return false;
    return Boolean(svc?.healthcheck?.test) || (runs.has(name) && Boolean(docker));
  };

  for (const [name, proc] of runs) {
    const svc = services[name];
    const env = effectiveEnv(svc);
    checkEnvironment(facts, proc, env, at(name, 'environment'), 'compose', (url, peer, w) => {
      const target = Object.keys(services).find((s) => s === url.hostname || list(services[s].hostname).includes(url.hostname));
      if (!check(target, w, `host ${url.hostname} is no compose service`, 'peer host is a service')) return;
      check(
        runs.get(target)?.name === peer,
        w,
        `${target} runs ${runs.get(target)?.name ?? 'no process'}, not ${peer}`,
        `points at ${peer}`,
      );
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
      check(port === portOf(target), w, `port ${port} but ${target} listens on ${portOf(target)}`, 'peer port agrees');
    });

    // Database and bus point at the compose servers.
    const db = parseUrl(env.get('DATABASE_URL')?.value ?? '');
    if (proc.kind === 'subgraph' && db && postgresService) {
      const [pgName, pg] = postgresService;
      const pgEnv = envMap(pg.environment);
      const user = pgEnv.POSTGRES_USER ?? 'postgres';
      const w = at(name, 'environment.DATABASE_URL');
      check(db.hostname === pgName, w, `host ${db.hostname} is not the postgres service ${pgName}`, 'database host');
      check(Number(db.port || 5432) === 5432, w, `port ${db.port} is not PostgreSQL's 5432`, 'database port');
      check(decodeURIComponent(db.username) === user, w, `user ${db.username} is not POSTGRES_USER ${user}`, 'database user');
      if (pgEnv.POSTGRES_PASSWORD !== undefined)
        check(
          decodeURIComponent(db.password) === String(pgEnv.POSTGRES_PASSWORD),
          w,
          'the password differs from POSTGRES_PASSWORD',
          'database password',
        );
      check(
        db.pathname.slice(1) === String(pgEnv.POSTGRES_DB ?? user),
        w,
        `database ${db.pathname.slice(1)} is not POSTGRES_DB ${pgEnv.POSTGRES_DB ?? user}`,
        'database name',
      );
    }
    const bus = parseUrl(env.get('NATS_URL')?.value ?? '');
    if (proc.kind === 'subgraph' && bus && natsService) {
      const w = at(name, 'environment.NATS_URL');
      check(bus.hostname === natsService[0], w, `host ${bus.hostname} is not the nats service ${natsService[0]}`, 'bus host');
      check(Number(bus.port || 4222) === 4222, w, `port ${bus.port} is not NATS's 4222`, 'bus port');
    }

    // Health: readiness or liveness over HTTP on PORT.
    if (svc.healthcheck?.test) {
      const test = list(svc.healthcheck.test).join(' ');
      check(
        /\/(readyz|healthz)\b/.test(test),
        at(name, 'healthcheck'),
        'does not probe /readyz or /healthz',
        'healthcheck probes /readyz|/healthz',
      );
      check(
        /process\.env\.PORT|\$\{?PORT\b/.test(test) || test.includes(`:${portOf(name)}/`),
        at(name, 'healthcheck'),
        `does not probe the service's port ${portOf(name)}`,
        'healthcheck on PORT',
      );
      check(
        !/\b(curl|wget)\b/.test(test),
        at(name, 'healthcheck'),
        'uses curl/wget, which the node slim image lacks',
        'healthcheck tool available',
      );
    } else {
      check(hasHealthcheck(name), at(name), 'has no healthcheck (neither here nor in the image)', 'healthcheck');
    }
    check(
      svc.read_only !== true ||
        list(svc.tmpfs).some((t) => String(t).split(':')[0] === '/tmp') ||
        mountTargets(svc.volumes).includes('/tmp'),
      at(name, 'tmpfs'),
      'read_only without a writable /tmp',
      '/tmp writable',
    );

    // Ordering: subgraphs wait for PostgreSQL (healthy) and NATS; the gateway for the subgraphs.
    const deps = depends(svc);
    for (const [dep, spec] of Object.entries(deps)) {
      check(services[dep], at(name, `depends_on.${dep}`), 'names no service', `depends on ${dep}`);
      const condition = spec?.condition ?? 'service_started';
      if (condition === 'service_healthy')
        check(
          hasHealthcheck(dep),
          at(name, `depends_on.${dep}`),
          `waits for ${dep} to be healthy but ${dep} has no healthcheck`,
          `${dep} healthcheck`,
        );
    }
    const needs = [];
    if (proc.kind === 'subgraph') {
      if (postgresService) needs.push([postgresService[0], ['service_healthy'], 'it migrates on start']);
      if (natsService) needs.push([natsService[0], ['service_healthy', 'service_started'], 'its bus']);
      for (const peer of proc.peers) {
        const peerService = [...runs].find(([, p]) => p.name === peer)?.[0];
        if (peerService && !deps[peerService]) warn(at(name, 'depends_on'), `does not wait for its peer ${peerService}`);
      }
    } else {
      for (const [s, p] of runs) if (p.kind === 'subgraph') needs.push([s, ['service_healthy'], 'the gateway routes to it']);
    }
    for (const [dep, conditions, why] of needs) {
      const condition = deps[dep] ? (deps[dep].condition ?? 'service_started') : null;
      check(
        condition && conditions.includes(condition),
        at(name, 'depends_on'),
        condition
          ? `waits for ${dep} with ${condition}; use ${conditions[0]} (${why})`
          : `does not depend on ${dep} (condition: ${conditions[0]}; ${why})`,
        `depends on ${dep} ${conditions[0]}`,
      );
    }

    // Published ports: only the gateway, on its port.
    const ports = list(svc.ports).map((p) => {
      if (isObject(p)) return { published: Number(p.published), target: Number(p.target) };
      const parts = String(p).split('/')[0].split(':');
      return { target: Number(parts.at(-1)), published: parts.length > 1 ? Number(parts.at(-2)) : NaN };
    });
    if (proc.kind === 'gateway') {
      check(
        ports.some((p) => p.target === portOf(name)),
        at(name, 'ports'),
        `does not publish the gateway's port ${portOf(name)}`,
        `publishes ${portOf(name)}`,
      );
      check(
        ports.some((p) => p.target === portOf(name) && p.published === proc.defaultPort),
        at(name, 'ports'),
        `the gateway is not published on host port ${proc.defaultPort}`,
        `host port ${proc.defaultPort}`,
      );
    } else {
      for (const p of ports)
        check(
          p.target === portOf(name),
          at(name, 'ports'),
          `publishes ${p.target}, but ${name} listens on ${portOf(name)}`,
          'published port agrees',
        );
      if (ports.length) warn(at(name, 'ports'), `publishes a subgraph (${name}) on the host; only the gateway needs to be`);
    }
    for (const e of list(svc.expose))
      check(
        Number(String(e).split('/')[0]) === portOf(name),
        at(name, 'expose'),
        `exposes ${e}, but ${name} listens on ${portOf(name)}`,
        'exposed port agrees',
      );
  }
  if (natsService) {
    const [natsName, nats] = natsService;
    checkComposeNats(facts, natsName, nats, runs, (name) => effectiveEnv(services[name]), composeDir, at);
  }
  return { runs };
}

// =================================================================================== kubernetes
/** Strategic merge (the subset kustomize patches here use): lists of named items merge by name. */
const MERGE_KEYS = {
  containers: 'name',
  initContainers: 'name',
  volumes: 'name',
  volumeMounts: 'name',
  env: 'name',
  ports: 'containerPort',
  imagePullSecrets: 'name',
};
function strategicMerge(target, patch, key = '') {
  if (isObject(target) && isObject(patch)) {
    const out = { ...target };
    for (const [k, v] of Object.entries(patch)) {
      if (k.startsWith('$')) throw new Error(`patch directive ${k} is not supported by the built-in renderer`);
      if (v === null) delete out[k];
      else out[k] = k in out ? strategicMerge(out[k], v, k) : v;
    }
    return out;
  }
  if (Array.isArray(target) && Array.isArray(patch) && MERGE_KEYS[key]) {
    const mk = MERGE_KEYS[key];
    const out = [...target];
    for (const item of patch) {
      const i = out.findIndex((t) => isObject(t) && isObject(item) && t[mk] === item[mk]);
      if (i >= 0) out[i] = strategicMerge(out[i], item);
      else out.push(item);
    }
    return out;
  }
  return patch;
}

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
]);
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

function matchesSelector(labels, selector) {
  return String(selector)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .every((term) => {
      let m;
      if ((m = /^([\w./-]+)\s*!=\s*(.*)$/.exec(term))) return labels[m[1]] !== m[2];
      if ((m = /^([\w./-]+)\s*==?\s*(.*)$/.exec(term))) return labels[m[1]] === m[2];
      if ((m = /^!([\w./-]+)$/.exec(term))) return !(m[1] in labels);
      return term in labels;
    });
}

function builtinKustomize(dir) {
  const file = `${dir}/kustomization.yaml`;
  const [k] = loadYamlFile(file);
  const resources = [];
  for (const res of list(k?.resources)) {
    const path = posix.join(dir, res);
    if (isDir(path)) resources.push(...builtinKustomize(path));
    else resources.push(...loadYamlFile(path));
  }
  const unsupported = [
    'configMapGenerator',
    'secretGenerator',
    'replacements',
    'components',
    'helmCharts',
    'namePrefix',
    'nameSuffix',
    'patchesJson6902',
    'vars',
  ];
  for (const key of unsupported)
    if (k?.[key]) throw new Error(`${file}: ${key} is not supported by the built-in renderer; install kubectl to check`);
  const targetMatches = (res, target = {}) =>
    (!target.kind || target.kind === res.kind) &&
    (!target.name || new RegExp(`^${target.name}$`).test(res.metadata?.name ?? '')) &&
    (!target.namespace || target.namespace === res.metadata?.namespace) &&
    (!target.labelSelector || matchesSelector(res.metadata?.labels ?? {}, target.labelSelector));
  const patches = [
    ...list(k?.patches),
    ...list(k?.patchesStrategicMerge).map((p) => (typeof p === 'string' && !p.includes('\n') ? { path: p } : { patch: p })),
  ];
  for (const p of patches) {
    const docs = p.path ? loadYamlFile(posix.join(dir, p.path)) : YAML.loadAll(p.patch);
    for (const doc of docs) {
      if (Array.isArray(doc))
        throw new Error(`${file}: JSON6902 patches are not supported by the built-in renderer; install kubectl to check`);
      const target = p.target ?? { kind: doc.kind, name: doc.metadata?.name };
      for (let i = 0; i < resources.length; i++) {
        if (!targetMatches(resources[i], target)) continue;
        // The patch's own name and namespace only select (or are replaced by the target).
        const { apiVersion: _a, kind: _k, metadata = {}, ...body } = doc;
        const { name: _n, namespace: _ns, ...meta } = metadata;
        if (Object.keys(meta).length) body.metadata = meta;
        resources[i] = strategicMerge(resources[i], body);
      }
    }
  }
  const labelSets = [
    ...list(k?.labels),
    ...(k?.commonLabels ? [{ pairs: k.commonLabels, includeSelectors: true, includeTemplates: true }] : []),
  ];
  for (const res of resources) {
    if (k?.namespace && !CLUSTER_SCOPED.has(res.kind)) res.metadata = { ...res.metadata, namespace: k.namespace };
    for (const set of labelSets) {
      res.metadata = { ...res.metadata, labels: { ...(res.metadata?.labels ?? {}), ...set.pairs } };
      const spec = res.spec;
      if (!spec) continue;
      if (WORKLOADS.has(res.kind) && (set.includeTemplates || set.includeSelectors) && spec.template) {
        spec.template.metadata = {
          ...spec.template.metadata,
          labels: { ...(spec.template.metadata?.labels ?? {}), ...set.pairs },
        };
      }
      if (set.includeSelectors) {
        if (WORKLOADS.has(res.kind) && spec.selector)
          spec.selector.matchLabels = { ...(spec.selector.matchLabels ?? {}), ...set.pairs };
        if (res.kind === 'Service') spec.selector = { ...(spec.selector ?? {}), ...set.pairs };
      }
    }
    for (const image of list(k?.images)) {
      for (const c of [...list(res.spec?.template?.spec?.containers), ...list(res.spec?.template?.spec?.initContainers)]) {
        const m = /^(.*?)(?::([^:/@]+))?(@.*)?$/.exec(c.image ?? '');
        if (!m || m[1] !== image.name) continue;
        const tag = image.digest ? `@${image.digest}` : image.newTag ? `:${image.newTag}` : m[2] ? `:${m[2]}` : '';
        c.image = `${image.newName ?? m[1]}${tag}`;
      }
    }
  }
  return resources;
}

function renderK8s() {
  const builtin = () => ({ docs: builtinKustomize(K8S), renderer: 'built-in renderer' });
  const external = () => {
    const tryRun = (cmd, args) => {
      try {
        return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        if (error.code === 'ENOENT') return null;
        throw new Error(`${cmd} ${args.join(' ')} failed: ${String(error.stderr || error.message).trim()}`);
      }
    };
    for (const [cmd, args] of [
      ['kubectl', ['kustomize', K8S]],
      ['kustomize', ['build', K8S]],
    ]) {
      const out = tryRun(cmd, args);
      if (out !== null) return { docs: YAML.loadAll(out).filter(Boolean), renderer: `${cmd} ${args[0]}` };
    }
    return null;
  };
  try {
    if (ARGS.has('--compare-renderers')) {
      const a = external();
      const b = builtin();
      if (a) {
        const key = (d) => `${d.kind}/${d.metadata?.namespace ?? ''}/${d.metadata?.name}`;
        const sortKeys = (v) =>
          Array.isArray(v)
            ? v.map(sortKeys)
            : isObject(v)
              ? Object.fromEntries(
                  Object.keys(v)
                    .sort()
                    .map((k) => [k, sortKeys(v[k])]),
                )
              : v;
        const mapA = new Map(a.docs.map((d) => [key(d), JSON.stringify(sortKeys(d))]));
        const mapB = new Map(b.docs.map((d) => [key(d), JSON.stringify(sortKeys(d))]));
        for (const k of new Set([...mapA.keys(), ...mapB.keys()])) {
          check(
            mapA.get(k) === mapB.get(k),
            K8S,
            `${k}: the built-in renderer differs from ${a.renderer}`,
            `${k}: renderers agree`,
          );
        }
      }
      return a ?? b;
    }
    if (!ARGS.has('--builtin-kustomize')) {
      const rendered = external();
      if (rendered) return rendered;
    }
    return builtin();
  } catch (error) {
    fail(K8S, error.message);
    return null;
  }
}

function checkK8s(facts, docker) {
  const kfile = `${K8S}/kustomization.yaml`;
  if (!check(exists(kfile), kfile, 'is missing', 'exists')) return null;
  const [kustomization] = loadYamlFile(kfile);
  if (!kustomization) return null;

  // Every manifest in deploy/k8s is listed, every listed file exists.
  const listed = new Set(list(kustomization.resources).map((r) => posix.normalize(r)));
  for (const res of listed) check(exists(posix.join(K8S, res)), kfile, `lists ${res}, which does not exist`, `${res} exists`);
  for (const p of list(kustomization.patches))
    if (p.path) check(exists(posix.join(K8S, p.path)), kfile, `patch ${p.path} does not exist`, `patch ${p.path} exists`);
  for (const f of readdirSync(abs(K8S))) {
    if (!/\.ya?ml$/.test(f) || f === 'kustomization.yaml') continue;
    check(listed.has(f), kfile, `does not list ${f} in resources`, `lists ${f}`);
  }

  const rendered = renderK8s();
  if (!rendered) return null;
  const docs = rendered.docs;
  const ns = kustomization.namespace;
  const kinds = (kind) => docs.filter((d) => d.kind === kind);
  if (ns)
    check(
      kinds('Namespace').some((n) => n.metadata?.name === ns),
      kfile,
      `namespace ${ns} is used but no Namespace manifest creates it`,
      `Namespace ${ns} defined`,
    );
  for (const d of docs) {
    if (!CLUSTER_SCOPED.has(d.kind))
      check(
        d.metadata?.namespace,
        `${K8S}: ${d.kind}/${d.metadata?.name}`,
        'has no namespace (set namespace: in kustomization.yaml)',
        'namespaced',
      );
  }
  const nsOf = (d) => d.metadata?.namespace ?? 'default';
  const find = (kind, name, namespace) => docs.find((d) => d.kind === kind && d.metadata?.name === name && nsOf(d) === namespace);

  const deployments = kinds('Deployment');
  const services = kinds('Service');
  const procOfDeployment = new Map();
  const images = new Set();

  for (const dep of deployments) {
    const where = `${K8S}: Deployment/${dep.metadata?.name}`;
    const pod = dep.spec?.template?.spec ?? {};
    const podLabels = dep.spec?.template?.metadata?.labels ?? {};
    const matchLabels = dep.spec?.selector?.matchLabels ?? {};
    check(
      Object.keys(matchLabels).length && Object.entries(matchLabels).every(([k, v]) => podLabels[k] === v),
      where,
      'spec.selector.matchLabels does not match the pod template labels',
      'selector matches template',
    );

    const containers = list(pod.containers);
    let found = null;
    for (const c of containers) {
      const scripts = scriptsIn([...list(c.command ?? docker?.entrypoint), ...list(c.args ?? (c.command ? [] : docker?.cmd))]);
      if (scripts.length) found = { c, script: scripts[0] };
    }
    if (
      !check(
        found,
        where,
        'no container runs a process entry point (command: ["node", "services/<name>/dist/main.js"])',
        'runs a process',
      )
    )
      continue;
    const { c, script } = found;
    const cw = `${where}: container ${c.name}`;
    const proc = processOfEntry(facts, script, docker?.workdir ?? '/app', cw);
    if (!proc) continue;
    check(
      ![...procOfDeployment.values()].includes(proc),
      where,
      `runs ${proc.name}, which another Deployment already runs`,
      `only Deployment running ${proc.name}`,
    );
    procOfDeployment.set(dep, proc);
    images.add(c.image);
    check(c.image, cw, 'has no image', 'image set');

    // Environment: image ENV < envFrom < env.
    const env = new Map();
    for (const [k, v] of docker?.imageEnv ?? []) env.set(k, { value: v, from: 'image' });
    const source = (kind, name) => {
      const obj = find(kind, name, nsOf(dep));
      if (!obj) return null;
      const data = { ...(obj.data ?? {}) };
      if (kind === 'Secret') for (const k of Object.keys(data)) data[k] = Buffer.from(String(data[k]), 'base64').toString('utf8');
      return { ...data, ...(obj.stringData ?? {}) };
    };
    for (const from of list(c.envFrom)) {
      const [kind, ref] = from.configMapRef ? ['ConfigMap', from.configMapRef] : ['Secret', from.secretRef];
      const data = source(kind, ref?.name);
      if (
        !check(
          data || ref?.optional,
          cw,
          `envFrom ${kind} ${ref?.name} does not exist in namespace ${nsOf(dep)}`,
          `envFrom ${kind} ${ref?.name}`,
        )
      )
        continue;
      for (const [k, v] of Object.entries(data ?? {})) env.set(`${from.prefix ?? ''}${k}`, { value: String(v), from: 'shared' });
    }
    for (const e of list(c.env)) {
      let value = e.value;
      const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
      if (ref) {
        const kind = e.valueFrom.configMapKeyRef ? 'ConfigMap' : 'Secret';
        const data = source(kind, ref.name);
        check(
          (data && ref.key in data) || ref.optional,
          cw,
          `env ${e.name} refers to ${kind} ${ref.name} key ${ref.key}, which does not exist`,
          `env ${e.name} resolves`,
        );
        value = data?.[ref.key];
      } else if (e.valueFrom) continue; // fieldRef etc.
      env.set(e.name, { value: value == null ? undefined : String(value), from: 'explicit' });
    }

    // Ports: containerPort = PORT = default.
    const ports = list(c.ports);
    const httpPort = ports.find((p) => p.name === 'http') ?? ports[0];
    const portEnv = env.get('PORT')?.value;
    const listens = portEnv !== undefined ? Number(portEnv) : proc.defaultPort;
    if (check(httpPort, cw, 'declares no containerPort', 'containerPort declared')) {
      check(
        Number(httpPort.containerPort) === listens,
        cw,
        `containerPort ${httpPort.containerPort} but the process listens on ${listens}`,
        `containerPort ${listens}`,
      );
      check(
        Number(httpPort.containerPort) === proc.defaultPort,
        cw,
        `containerPort ${httpPort.containerPort} differs from ${proc.name}'s default ${proc.defaultPort}`,
        'containerPort is the default',
      );
    }
    const resolvePort = (port) =>
      typeof port === 'string' && !/^\d+$/.test(port) ? ports.find((p) => p.name === port)?.containerPort : Number(port);

    // Probes.
    for (const [probe, path] of [
      ['livenessProbe', '/healthz'],
      ['readinessProbe', '/readyz'],
    ]) {
      const get = c[probe]?.httpGet;
      if (!check(get, cw, `has no ${probe} (httpGet ${path})`, `${probe} present`)) continue;
      check(get.path === path, cw, `${probe} requests ${get.path}, expected ${path}`, `${probe} ${path}`);
      check(
        Number(resolvePort(get.port)) === listens,
        cw,
        `${probe} probes port ${get.port}, not the process port ${listens}`,
        `${probe} port`,
      );
    }
    if (c.startupProbe?.httpGet)
      check(
        ['/healthz', '/readyz'].includes(c.startupProbe.httpGet.path) &&
          Number(resolvePort(c.startupProbe.httpGet.port)) === listens,
        cw,
        'startupProbe does not probe /healthz on the process port',
        'startupProbe',
      );

    // Resources.
    for (const kind of ['requests', 'limits']) {
      for (const r of ['cpu', 'memory'])
        check(c.resources?.[kind]?.[r] !== undefined, cw, `resources.${kind}.${r} is not set`, `resources.${kind}.${r}`);
    }
    for (const r of ['cpu', 'memory']) {
      const [req, lim] = [quantity(c.resources?.requests?.[r]), quantity(c.resources?.limits?.[r])];
      if (!Number.isNaN(req) && !Number.isNaN(lim))
        check(req <= lim, cw, `resources.requests.${r} exceeds the limit`, `${r} request <= limit`);
    }

    // Security context.
    const podSc = pod.securityContext ?? {};
    const sc = c.securityContext ?? {};
    const runAsNonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
    const runAsUser = sc.runAsUser ?? podSc.runAsUser;
    check(runAsNonRoot === true, cw, 'securityContext.runAsNonRoot is not true', 'runAsNonRoot');
    check(runAsUser === undefined || Number(runAsUser) !== 0, cw, 'runAsUser is 0', 'runAsUser non-zero');
    if (runAsNonRoot && runAsUser === undefined && docker && !docker.numericUser)
      fail(cw, `the image's USER ${docker.user} is not numeric: the kubelet cannot verify runAsNonRoot (set runAsUser)`);
    check(sc.readOnlyRootFilesystem === true, cw, 'securityContext.readOnlyRootFilesystem is not true', 'readOnlyRootFilesystem');
    if (sc.allowPrivilegeEscalation !== false) warn(cw, 'securityContext.allowPrivilegeEscalation is not false');
    const tmp = list(c.volumeMounts).find((m) => posix.normalize(m.mountPath ?? '') === '/tmp');
    if (check(tmp, cw, 'has no volumeMount at /tmp (the root filesystem is read-only)', '/tmp mounted')) {
      const volume = list(pod.volumes).find((v) => v.name === tmp.name);
      check(
        volume?.emptyDir !== undefined,
        cw,
        `/tmp is mounted from ${tmp.name}, which is not an emptyDir volume`,
        '/tmp is an emptyDir',
      );
    }

    // Replicas: subgraphs migrate on start unless MIGRATE_ON_START=false (then a Job does, checkK8sOperations).
    if (proc.kind === 'subgraph' && Number(dep.spec?.replicas ?? 1) > 1 && env.get('MIGRATE_ON_START')?.value !== 'false')
      warn(where, `${dep.spec.replicas} replicas: each runs the migrations when it starts, concurrently on a rollout`);
    dep.__env = env;
    dep.__container = c;
    dep.__listens = listens;
    dep.__cw = cw;
  }
  for (const proc of facts.processes.values()) {
    check(
      [...procOfDeployment.values()].includes(proc),
      K8S,
      `no Deployment runs ${proc.name} (${proc.entry})`,
      `a Deployment runs ${proc.name}`,
    );
  }
  check(
    images.size === 1,
    K8S,
    `Deployments use different images (${[...images].join(', ')}): build one image from ${DOCKERFILE}`,
    'one image for all Deployments',
  );

  // Services: one per Deployment, selecting it, port = targetPort = process port.
  const selects = (svc, dep) => {
    const selector = svc.spec?.selector ?? {};
    const labels = dep.spec?.template?.metadata?.labels ?? {};
    return (
      nsOf(svc) === nsOf(dep) && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v)
    );
  };
  for (const svc of services) {
    const targets = deployments.filter((d) => selects(svc, d));
    check(
      targets.length === 1,
      `${K8S}: Service/${svc.metadata?.name}`,
      `selects ${targets.length} Deployments (expected exactly one)`,
      'selects one Deployment',
    );
  }
  const serviceOf = new Map();
  for (const [dep, proc] of procOfDeployment) {
    const where = `${K8S}: Service for ${proc.name}`;
    const matching = services.filter((s) => selects(s, dep));
    if (
      !check(
        matching.length === 1,
        where,
        matching.length
          ? `${matching.length} Services select Deployment/${dep.metadata.name}`
          : `no Service selects Deployment/${dep.metadata.name}`,
        'exactly one Service',
      )
    )
      continue;
    const svc = matching[0];
    serviceOf.set(proc.name, { svc, dep });
    const ports = list(svc.spec?.ports);
    const container = dep.__container;
    const resolve = (target) =>
      typeof target === 'string' && !/^\d+$/.test(target)
        ? list(container?.ports).find((p) => p.name === target)?.containerPort
        : Number(target);
    const http = ports.find((p) => p.name === 'http') ?? ports[0];
    if (!check(http, `${K8S}: Service/${svc.metadata.name}`, 'has no ports', 'has ports')) continue;
    check(
      Number(http.port) === proc.defaultPort,
      `${K8S}: Service/${svc.metadata.name}`,
      `port ${http.port} differs from ${proc.name}'s default ${proc.defaultPort}`,
      `port ${proc.defaultPort}`,
    );
    check(
      Number(resolve(http.targetPort ?? http.port)) === dep.__listens,
      `${K8S}: Service/${svc.metadata.name}`,
      `targetPort ${http.targetPort ?? http.port} does not reach the container port ${dep.__listens}`,
      'targetPort reaches the container',
    );
  }

  // Environment (after Services are known, for peer URLs).
  const placeholders = [];
  for (const [dep, proc] of procOfDeployment) {
    checkEnvironment(facts, proc, dep.__env, `${dep.__cw}: env`, 'cluster', (url, peer, w) => {
      const [name, namespace] = url.hostname.split('.');
      const svc = services.find((s) => s.metadata?.name === name && nsOf(s) === (namespace ?? nsOf(dep)));
      if (!check(svc, w, `host ${url.hostname} is no Service in namespace ${namespace ?? nsOf(dep)}`, 'peer host is a Service'))
        return;
      const target = deployments.find((d) => selects(svc, d));
      check(
        procOfDeployment.get(target)?.name === peer,
        w,
        `Service ${name} reaches ${procOfDeployment.get(target)?.name ?? 'nothing'}, not ${peer}`,
        `points at ${peer}`,
      );
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
      const servicePort = list(svc.spec?.ports).find((p) => Number(p.port) === port);
      check(servicePort, w, `Service ${name} has no port ${port}`, 'peer port on the Service');
    });
    const db = dep.__env.get('DATABASE_URL')?.value;
    if (proc.kind === 'subgraph' && db && /CHANGE_ME|changeme/i.test(db)) placeholders.push(dep.metadata.name);
  }
  if (placeholders.length)
    warn(
      K8S,
      `DATABASE_URL still holds a placeholder password (Deployments ${placeholders.join(', ')}): set the real one in secret.yaml or your secret store`,
    );
  checkK8sNats(facts, docs, procOfDeployment);
  checkK8sOperations(docs, procOfDeployment, { find, nsOf, serviceOf });
  return { renderer: rendered.renderer, deployments: procOfDeployment.size, docs: rendered.docs };
}

/** A label selector ({matchLabels, matchExpressions}) against a set of labels; an empty selector selects all. */
function selectorMatches(selector, labels = {}) {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = list(selector.matchExpressions).every(({ key, operator, values = [] }) => {
    if (operator === 'In') return values.includes(labels[key]);
    if (operator === 'NotIn') return !values.includes(labels[key]);
    if (operator === 'Exists') return key in labels;
    if (operator === 'DoesNotExist') return !(key in labels);
    return false;
  });
  return byLabels && byExpressions;
}

/**
 * Operations: replicas, autoscaling, disruption budgets, the Ingress, NetworkPolicies and the
 * migration Jobs the subgraphs rely on when they do not migrate on start.
 */
function checkK8sOperations(docs, procOfDeployment, { find, nsOf, serviceOf }) {
  const kinds = (kind) => docs.filter((d) => d.kind === kind);
  const podLabels = (w) => w.spec?.template?.metadata?.labels ?? {};
  const jobs = kinds('Job');
  const policies = kinds('NetworkPolicy');
  const gatewayDep = [...procOfDeployment].find(([, proc]) => proc.kind === 'gateway')?.[0];
  const subgraphDeps = [...procOfDeployment].filter(([, proc]) => proc.kind === 'subgraph').map(([dep]) => dep);
  const workloads = [...procOfDeployment.keys(), ...jobs];

  for (const [dep, proc] of procOfDeployment) {
    const where = `${K8S}: Deployment/${dep.metadata?.name}`;
    const replicas = Number(dep.spec?.replicas ?? 1);
    check(replicas >= 2, where, `${replicas} replica(s): one pod is a single point of failure`, 'at least 2 replicas');

    const hpa = kinds('HorizontalPodAutoscaler').find(
      (h) =>
        nsOf(h) === nsOf(dep) &&
        h.spec?.scaleTargetRef?.kind === 'Deployment' &&
        h.spec?.scaleTargetRef?.name === dep.metadata?.name,
    );
    if (check(hpa, where, 'no HorizontalPodAutoscaler scales it', 'HorizontalPodAutoscaler')) {
      const hw = `${K8S}: HorizontalPodAutoscaler/${hpa.metadata?.name}`;
      check(Number(hpa.spec?.minReplicas ?? 1) >= 2, hw, 'minReplicas below 2', 'minReplicas >= 2');
      check(
        Number(hpa.spec?.maxReplicas) >= Number(hpa.spec?.minReplicas ?? 1),
        hw,
        'maxReplicas below minReplicas',
        'maxReplicas >= minReplicas',
      );
      check(list(hpa.spec?.metrics).length > 0, hw, 'has no metrics to scale on', 'scales on a metric');
    }

    const pdbs = kinds('PodDisruptionBudget').filter(
      (b) => nsOf(b) === nsOf(dep) && selectorMatches(b.spec?.selector, podLabels(dep)),
    );
    if (
      check(
        pdbs.length === 1,
        where,
        `${pdbs.length} PodDisruptionBudgets select its pods (expected one)`,
        'one PodDisruptionBudget',
      )
    ) {
      const { minAvailable, maxUnavailable } = pdbs[0].spec ?? {};
      const floor = Math.min(replicas, Number(hpa?.spec?.minReplicas ?? replicas));
      check(
        (minAvailable !== undefined && Number(minAvailable) < floor) || Number(maxUnavailable) >= 1,
        `${K8S}: PodDisruptionBudget/${pdbs[0].metadata?.name}`,
        `minAvailable ${minAvailable} leaves no pod to evict: a node drain would hang`,
        'lets a drain evict a pod',
      );
    }

    // A subgraph that does not migrate on start needs its migration Job, on the same database.
    if (proc.kind !== 'subgraph' || dep.__env?.get('MIGRATE_ON_START')?.value !== 'false') continue;
    const job = jobs.find((j) =>
      list(j.spec?.template?.spec?.containers).some((c) => {
        const tokens = [...list(c.command), ...list(c.args)].map(String);
        return tokens.some((x) => /(^|\/)gateway\/dist\/migrate\.js$/.test(x)) && tokens.at(-1) === proc.name;
      }),
    );
    if (!check(job, where, `MIGRATE_ON_START=false but no Job runs node gateway/dist/migrate.js ${proc.name}`, 'migration Job'))
      continue;
    const jw = `${K8S}: Job/${job.metadata?.name}`;
    const container = list(job.spec?.template?.spec?.containers)[0] ?? {};
    let databaseUrl;
    for (const from of list(container.envFrom)) {
      const ref = from.secretRef ?? from.configMapRef;
      const obj = find(from.secretRef ? 'Secret' : 'ConfigMap', ref?.name, nsOf(job));
      const value =
        obj?.stringData?.DATABASE_URL ??
        (obj?.data?.DATABASE_URL &&
          (from.secretRef ? Buffer.from(obj.data.DATABASE_URL, 'base64').toString('utf8') : obj.data.DATABASE_URL));
      if (value) databaseUrl = value;
    }
    const explicit = list(container.env).find((e) => e.name === 'DATABASE_URL');
    if (explicit?.value) databaseUrl = explicit.value;
    else if (explicit?.valueFrom?.secretKeyRef) {
      const ref = explicit.valueFrom.secretKeyRef;
      const obj = find('Secret', ref.name, nsOf(job));
      databaseUrl =
        obj?.stringData?.[ref.key] ?? (obj?.data?.[ref.key] && Buffer.from(obj.data[ref.key], 'base64').toString('utf8'));
    }
    check(
      databaseUrl && databaseUrl === dep.__env.get('DATABASE_URL')?.value,
      jw,
      `DATABASE_URL ${databaseUrl ? 'differs from' : 'is not set, unlike'} the one Deployment/${dep.metadata?.name} uses`,
      'migrates the database the service uses',
    );
    check(
      job.spec?.template?.spec?.restartPolicy !== 'Always',
      jw,
      'restartPolicy Always is not allowed for a Job',
      'restartPolicy',
    );
    check(
      job.spec?.ttlSecondsAfterFinished !== undefined,
      jw,
      'no ttlSecondsAfterFinished: the next apply cannot create it again with a new image',
      'ttlSecondsAfterFinished',
    );
  }

  // The Ingress reaches the gateway only.
  const ingresses = kinds('Ingress');
  check(ingresses.length > 0, K8S, 'no Ingress: the gateway is not reachable from outside the cluster', 'an Ingress');
  const gatewaySvc = serviceOf.get('gateway')?.svc;
  for (const ing of ingresses) {
    const iw = `${K8S}: Ingress/${ing.metadata?.name}`;
    const backends = [
      ing.spec?.defaultBackend,
      ...list(ing.spec?.rules).flatMap((r) => list(r.http?.paths).map((p) => p.backend)),
    ].filter(Boolean);
    check(backends.length > 0, iw, 'has no backend', 'has backends');
    for (const b of backends) {
      const name = b.service?.name;
      check(
        gatewaySvc && name === gatewaySvc.metadata?.name,
        iw,
        `routes to Service ${name}: only the gateway is exposed`,
        'routes to the gateway',
      );
      const port = b.service?.port;
      const svcPort = list(gatewaySvc?.spec?.ports).find((p) =>
        port?.name ? p.name === port.name : Number(p.port) === Number(port?.number),
      );
      check(svcPort, iw, `port ${fmt(port)} is not a port of Service ${name}`, 'backend port exists');
    }
  }

  // NetworkPolicies: everything of ours denied by default, subgraphs reachable only from the
  // gateway and each other, the subgraphs' way to NATS and PostgreSQL, the Jobs' to PostgreSQL.
  const selecting = (w) => policies.filter((p) => nsOf(p) === nsOf(w) && selectorMatches(p.spec?.podSelector, podLabels(w)));
  const types = (p) => list(p.spec?.policyTypes ?? (p.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress']));
  for (const w of workloads) {
    const ww = `${K8S}: ${w.kind}/${w.metadata?.name}`;
    const denies = selecting(w).some(
      (p) => types(p).includes('Ingress') && types(p).includes('Egress') && !p.spec?.ingress?.length && !p.spec?.egress?.length,
    );
    check(denies, ww, 'no default-deny NetworkPolicy (Ingress and Egress) selects its pods', 'denied by default');
  }
  const allowsEgress = (w, port, peerOk = () => true) =>
    selecting(w)
      .filter((p) => types(p).includes('Egress'))
      .some((p) =>
        list(p.spec?.egress).some(
          (rule) =>
            (!rule.ports ||
              list(rule.ports).some((x) => x.port === port || (typeof port === 'number' && Number(x.port) === port))) &&
            (!rule.to || list(rule.to).some(peerOk)),
        ),
      );
  const peerSelects = (peer, dep) =>
    !peer.namespaceSelector && !peer.ipBlock && selectorMatches(peer.podSelector, podLabels(dep));
  for (const dep of subgraphDeps) {
    const dw = `${K8S}: Deployment/${dep.metadata?.name}`;
    for (const p of selecting(dep).filter((p) => types(p).includes('Ingress'))) {
      for (const rule of list(p.spec?.ingress)) {
        const open = !rule.from || list(rule.from).some((peer) => peer.namespaceSelector || peer.ipBlock || !peer.podSelector);
        const strangers = list(rule.from).filter(
          (peer) =>
            ![gatewayDep, ...subgraphDeps].filter(Boolean).some((d) => peerSelects(peer, d)) ||
            jobs.some((j) => peerSelects(peer, j)),
        );
        check(
          !open && strangers.length === 0,
          `${K8S}: NetworkPolicy/${p.metadata?.name}`,
          `lets ${open ? 'anyone' : fmt(strangers)} reach ${dep.metadata?.name}: only the gateway and the subgraphs may`,
          `${dep.metadata?.name} reachable only from the gateway and subgraphs`,
        );
      }
    }
    if (gatewayDep)
      check(
        allowsEgress(gatewayDep, 'http', (peer) => peerSelects(peer, dep)) &&
          selecting(dep).some((p) =>
            list(p.spec?.ingress).some((rule) => list(rule.from).some((peer) => peerSelects(peer, gatewayDep))),
          ),
        dw,
        'the gateway cannot reach it (no egress from the gateway or no ingress from it)',
        'the gateway reaches it',
      );
    check(allowsEgress(dep, 4222), dw, 'no NetworkPolicy lets it reach NATS (port 4222)', 'reaches NATS');
    check(allowsEgress(dep, 5432), dw, 'no NetworkPolicy lets it reach PostgreSQL (port 5432)', 'reaches PostgreSQL');
  }
  for (const job of jobs)
    check(
      allowsEgress(job, 5432),
      `${K8S}: Job/${job.metadata?.name}`,
      'no NetworkPolicy lets it reach PostgreSQL (port 5432)',
      'reaches PostgreSQL',
    );
}

// =================================================================================== NATS users and events
/**
 * deploy/nats.conf, read well enough to check it against the services: for each user, the
 * variable its password comes from and the subjects it may publish. nats-server itself (when
 * installed) checks the syntax: `nats-server -t`.
 */
function readNatsConf(facts) {
  if (!check(exists(NATS_CONF), NATS_CONF, 'is missing: the NATS users and their permissions', 'exists')) return null;
  const text = read(NATS_CONF);
  const body = text.replace(/^\s*#.*$/gm, '');
  const users = new Map();
  for (const block of body.split(/(?=\buser\s*:)/).slice(1)) {
    const user = /^user\s*:\s*"?([\w-]+)"?/.exec(block)?.[1];
    const password = /\bpassword\s*:\s*(\S+)/.exec(block)?.[1];
    const allows = (kind) => {
      const m = new RegExp(`\\b${kind}\\s*:\\s*\\{[^}]*?\\ballow\\s*:\\s*\\[([^\\]]*)\\]`).exec(block);
      return m ? [...m[1].matchAll(/"([^"]*)"|'([^']*)'|([^\s,"']+)/g)].map((x) => x[1] ?? x[2] ?? x[3]) : null;
    };
    if (user) users.set(user, { password, publish: allows('publish'), subscribe: allows('subscribe') });
  }
  const conf = { text, users, passwordVars: new Map() };

  const server = ['nats-server', '/usr/sbin/nats-server', '/usr/local/bin/nats-server'].find((bin) => {
    try {
      execFileSync(bin, ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  const referenced = [...text.replace(/^\s*#.*$/gm, '').matchAll(/(?<!["'\w])\$([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]);
  if (server) {
    let output = '';
    try {
      execFileSync(server, ['-t', '-c', abs(NATS_CONF)], {
        env: { ...process.env, ...Object.fromEntries(referenced.map((v) => [v, `check${v.length}`])) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      output = `${error.stderr ?? ''}${error.stdout ?? ''}`.trim() || error.message;
    }
    check(!output, NATS_CONF, `nats-server -t rejects it: ${output.split('\n')[0]}`, 'nats-server -t accepts it');
  } else warn(NATS_CONF, 'nats-server is not installed: its syntax was not checked (nats-server -t)');

  const ownSubject = (name, subject) => subject === `omni.${name}.>` || subject.startsWith(`omni.${name}.`);
  const JETSTREAM = new Set(['$JS.API.>', '$JS.ACK.>']);
  for (const proc of facts.subgraphs.values()) {
    const w = `${NATS_CONF}: user ${proc.name}`;
    const user = users.get(proc.name);
    if (!check(user, NATS_CONF, `has no user ${proc.name}: the ${proc.name} service could not connect`, `user ${proc.name}`))
      continue;
    const variable = /^\$([A-Z][A-Z0-9_]*)$/.exec(user.password ?? '')?.[1];
    if (
      check(
        variable,
        w,
        `password ${user.password ? 'is written in the file' : 'is missing'}: use a $VARIABLE from the server's environment`,
        'password from the environment',
      )
    )
      conf.passwordVars.set(proc.name, variable);
    if (!check(user.publish, w, 'has no publish allow list: it could publish anything', 'publish allow list')) continue;
    check(
      user.publish.includes(`omni.${proc.name}.>`),
      w,
      `may not publish omni.${proc.name}.>, its own events`,
      `publishes omni.${proc.name}.>`,
    );
    const foreign = user.publish.filter((subject) => !ownSubject(proc.name, subject) && !JETSTREAM.has(subject));
    check(
      foreign.length === 0,
      w,
      `may publish ${foreign.join(', ')}: a service publishes only omni.${proc.name}.> (and $JS.API.>, $JS.ACK.>)`,
      'publishes nothing of another service',
    );
    check(user.subscribe, w, 'has no subscribe allow list: it could read every subject', 'subscribe allow list');
  }
  for (const name of users.keys())
    if (!facts.subgraphs.has(name)) warn(NATS_CONF, `user ${name} is no service: only services use NATS (the gateway does not)`);
  const vars = [...conf.passwordVars.values()];
  check(new Set(vars).size === vars.length, NATS_CONF, 'two users share a password variable', 'a password per user');
  return conf;
}

/** nats-server reads `$VAR` from its environment as a config value: a password must read as a plain string. */
const NATS_PASSWORD_SHAPE = /^[A-Za-z][\w-]*$/;

/** Each service: EVENT_SECRET, and its own NATS user (the gateway: neither, it publishes nothing). */
function checkEventEnvironment(facts, proc, env, where) {
  const value = (name) => env.get(name)?.value;
  if (proc.kind !== 'subgraph') {
    for (const name of ['EVENT_SECRET', 'NATS_USER', 'NATS_PASSWORD'])
      if (env.get(name)?.from === 'explicit')
        warn(where, `sets ${name}: the gateway publishes no events, keep it out of its reach`);
    return;
  }
  check(
    value('EVENT_SECRET'),
    where,
    `EVENT_SECRET is not set: ${proc.name} refuses to start in the distributed mode without it`,
    'EVENT_SECRET set',
  );
  const url = parseUrl(value('NATS_URL') ?? '');
  if (!url) return;
  const user = value('NATS_USER') ?? (decodeURIComponent(url.username) || undefined);
  const password = value('NATS_PASSWORD') ?? (decodeURIComponent(url.password) || undefined);
  if (!check(user, where, `NATS_USER is not set: ${proc.name} refuses to start with NATS_URL and no NATS user`, 'NATS_USER set'))
    return;
  check(
    user === proc.name,
    where,
    `NATS_USER=${user}, but ${NATS_CONF} lets only user ${proc.name} publish omni.${proc.name}.>`,
    `NATS_USER=${proc.name}`,
  );
  if (check(password, where, `NATS_PASSWORD is not set for the NATS user ${user}`, 'NATS_PASSWORD set'))
    check(
      NATS_PASSWORD_SHAPE.test(password),
      where,
      'NATS_PASSWORD must start with a letter and hold only letters, digits, - and _ (nats-server parses it from its environment as a config value)',
      'NATS_PASSWORD shape',
    );
}

/** The passwords the services use are the ones the NATS server gives their users, and all differ. */
function checkNatsPasswords(facts, where, passwordOf, serverValue, serverWhere) {
  const seen = new Map();
  for (const [name, variable] of facts.nats?.passwordVars ?? []) {
    const password = passwordOf(name);
    if (password === undefined) continue; // reported with the service's environment
    const server = serverValue(variable);
    if (
      !check(
        server !== undefined,
        serverWhere,
        `does not define ${variable} (${NATS_CONF}: the password of user ${name})`,
        `${variable} defined`,
      )
    )
      continue;
    check(
      server === password,
      where(name),
      `NATS_PASSWORD differs from ${variable}, the password the NATS server gives user ${name}`,
      'NATS password agrees',
    );
    check(
      !seen.has(password),
      where(name),
      `has the same NATS password as ${seen.get(password)}: each service needs its own`,
      'NATS password unique',
    );
    seen.set(password, name);
  }
}

function checkComposeNats(facts, natsName, nats, runs, envOf, composeDir, at) {
  if (!facts.nats) return;
  const command = list(nats.command).map(String);
  const configIndex = command.findIndex((t) => t === '-c' || t === '--config');
  const configPath = configIndex >= 0 ? command[configIndex + 1] : null;
  if (
    !check(
      configPath,
      at(natsName, 'command'),
      `runs without -c <config>: NATS would admit anyone (${NATS_CONF})`,
      'NATS runs a config',
    )
  )
    return;
  const mount = list(nats.volumes)
    .map((v) =>
      isObject(v) ? { source: v.source, target: v.target } : { source: String(v).split(':')[0], target: String(v).split(':')[1] },
    )
    .find((v) => v.target && posix.normalize(v.target) === posix.normalize(configPath));
  check(
    mount && posix.normalize(posix.join(composeDir, mount.source)) === NATS_CONF,
    at(natsName, 'volumes'),
    `does not mount ${NATS_CONF} at ${configPath}`,
    `${NATS_CONF} mounted`,
  );
  const serverEnv = envMap(nats.environment);
  const services = [...runs].filter(([, proc]) => proc.kind === 'subgraph');
  const byProc = new Map(services.map(([name, proc]) => [proc.name, name]));
  checkNatsPasswords(
    facts,
    (proc) => at(byProc.get(proc), 'environment'),
    (proc) => (byProc.has(proc) ? natsCredentialsOf(envOf(byProc.get(proc))).password : undefined),
    (variable) => (serverEnv[variable] == null ? undefined : String(serverEnv[variable])),
    at(natsName, 'environment'),
  );
  for (const [variable, value] of Object.entries(serverEnv))
    if ([...facts.nats.passwordVars.values()].includes(variable) && value != null)
      check(
        NATS_PASSWORD_SHAPE.test(String(value)),
        at(natsName, 'environment'),
        `${variable} must start with a letter and hold only letters, digits, - and _`,
        `${variable} shape`,
      );
}

function checkK8sNats(facts, docs, procOfDeployment) {
  if (!facts.nats) return;
  const configMap = docs.find((d) => d.kind === 'ConfigMap' && typeof d.data?.['nats.conf'] === 'string');
  if (
    check(configMap, K8S, `no ConfigMap holds nats.conf (a copy of ${NATS_CONF}) for the NATS server`, 'ConfigMap with nats.conf')
  )
    check(
      configMap.data['nats.conf'].trim() === facts.nats.text.trim(),
      `${K8S}: ConfigMap/${configMap.metadata?.name}`,
      `nats.conf differs from ${NATS_CONF}: copy it again`,
      `nats.conf is ${NATS_CONF}`,
    );
  const variables = [...facts.nats.passwordVars.values()];
  const secrets = docs.filter((d) => d.kind === 'Secret');
  const secretData = (d) => {
    const data = { ...(d.data ?? {}) };
    for (const k of Object.keys(data)) data[k] = Buffer.from(String(data[k]), 'base64').toString('utf8');
    return { ...data, ...(d.stringData ?? {}) };
  };
  const server = secrets.find((d) => variables.every((v) => v in secretData(d)));
  if (
    !check(
      server,
      K8S,
      `no Secret holds every NATS password (${variables.join(', ')}) for the NATS server's environment`,
      'Secret of NATS passwords',
    )
  )
    return;
  const values = secretData(server);
  const depOf = new Map(
    [...procOfDeployment].filter(([, proc]) => proc.kind === 'subgraph').map(([dep, proc]) => [proc.name, dep]),
  );
  checkNatsPasswords(
    facts,
    (proc) => depOf.get(proc)?.__cw ?? K8S,
    (proc) => (depOf.has(proc) ? natsCredentialsOf(depOf.get(proc).__env).password : undefined),
    (variable) => values[variable],
    `${K8S}: Secret/${server.metadata?.name}`,
  );
  for (const variable of variables)
    check(
      NATS_PASSWORD_SHAPE.test(String(values[variable])),
      `${K8S}: Secret/${server.metadata?.name}`,
      `${variable} must start with a letter and hold only letters, digits, - and _`,
      `${variable} shape`,
    );
}

/** NATS_USER / NATS_PASSWORD, or the credentials in NATS_URL. */
function natsCredentialsOf(env) {
  const url = parseUrl(env.get('NATS_URL')?.value ?? '');
  return {
    user: env.get('NATS_USER')?.value ?? (url && (decodeURIComponent(url.username) || undefined)),
    password: env.get('NATS_PASSWORD')?.value ?? (url && (decodeURIComponent(url.password) || undefined)),
  };
}

// =================================================================================== main
/**
 * deploy/prometheus and deploy/grafana: gateway/src/deploy-check/observability.ts (typed, tested
 * by gateway/test/deploy-observability.test.ts), from its build: it reads the metrics the code
 * registers from the registry itself.
 */
async function checkObservabilityFiles() {
  const built = 'gateway/dist/deploy-check/observability.js';
  if (!exists(built)) return (fail(built, 'missing: run pnpm build first'), null);
  const { checkObservability } = createRequire(import.meta.url)(abs(built));
  const findings = await checkObservability(ROOT);
  for (const line of findings.errors) (errors.push(line), checkCount++);
  for (const line of findings.checked) (passed.push(line), checkCount++);
  return findings;
}

/**
 * Every rendered Kubernetes object against the Kubernetes API schema of its kind
 * (gateway/src/deploy-check/k8s-schema.ts, the kubernetes-models package).
 */
async function checkK8sSchemas(docs) {
  const built = 'gateway/dist/deploy-check/k8s-schema.js';
  if (!exists(built)) return (fail(built, 'missing: run pnpm build first'), null);
  const { validateK8sObjects } = createRequire(import.meta.url)(abs(built));
  const findings = await validateK8sObjects(docs, K8S);
  for (const line of findings.errors) (errors.push(line), checkCount++);
  for (const line of findings.checked) (passed.push(line), checkCount++);
  return findings;
}

const facts = readCode();
facts.nats = readNatsConf(facts);
const docker = checkDockerfile(facts);
const compose = checkCompose(facts, docker);
const k8s = checkK8s(facts, docker);
const observability = await checkObservabilityFiles();
const k8sSchemas = k8s ? await checkK8sSchemas(k8s.docs) : null;

if (VERBOSE) for (const line of passed) console.log(`  ok  ${line}`);
for (const line of warnings) console.log(`warning: ${line}`);
const summary = [
  `${facts.subgraphs.size} subgraphs + gateway read from the code`,
  docker ? DOCKERFILE : null,
  compose ? `${COMPOSE} (${compose.runs.size} processes)` : null,
  k8s ? `${K8S} (${k8s.deployments} Deployments, rendered with ${k8s.renderer})` : null,
  k8sSchemas ? `${k8s.docs.length} Kubernetes objects against their API schemas (kubernetes-models)` : null,
  facts.nats ? `${NATS_CONF} (${facts.nats.users.size} users)` : null,
  observability ? 'deploy/prometheus, deploy/grafana (PromQL against the registered metrics)' : null,
  `YAML via ${YAML.name}`,
].filter(Boolean);
if (errors.length) {
  for (const line of errors) console.error(`error: ${line}`);
  console.error(`\ncheck-deploy: ${errors.length} of ${checkCount} checks failed (${summary.join('; ')})`);
  process.exit(1);
}
console.log(
  `check-deploy: all ${checkCount} checks passed${warnings.length ? ` (${warnings.length} warnings)` : ''}: ${summary.join('; ')}`,
);
