#!/usr/bin/env node
// The adoption test: what a team adopting one crowdlearn package does, against a registry the
// packages were published to (tools/release/publish-local.mjs), in temporary folders outside
// the workspace, each with its own package.json and no hoisting help:
//   - every library package installs alone by name, with npm and with pnpm;
//   - its README's install line and example run unchanged (the example compiled by tsc, strict,
//     NodeNext, then run by node);
//   - a TypeScript consumer (module NodeNext, strict, skipLibCheck false) imports the package;
//   - `npm i -g @crowdlearn/cli` works, and `crowdlearn --version` and `crowdlearn aggregate`
//     on a file in another folder, with relative paths, run.
// Prints one line per check (PASS / FAIL, the package and the step), the install footprints,
// and writes { passed, failed, checks, sizes } to --report.
//   node tools/release/adoption.mjs --registry http://127.0.0.1:4873 --report .ci-output/adoption.json [--only dasc,core-matrix]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]] : [])).filter((e) => e.length === 2));
const registry = args.registry;
if (registry === undefined) {
  console.error('usage: adoption.mjs --registry <url> [--report <json>] [--only <pkg,...>]');
  process.exit(2);
}
const only = args.only?.split(',');
const root = mkdtempSync(join(tmpdir(), 'crowdlearn-adoption-'));
const checks = [];
const sizes = {};

/** Runs a command; returns { ok, out } with the end of its output. */
function sh(cmd, argv, cwd, extraEnv = {}) {
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_registry: registry, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...extraEnv }, timeout: 600_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

function check(pkg, step, fn) {
  let result;
  try {
    result = fn();
  } catch (err) {
    result = { ok: false, out: String(err?.stack ?? err) };
  }
  checks.push({ package: pkg, step, ok: result.ok });
  console.log(`${result.ok ? 'PASS' : 'FAIL'} ${pkg}: ${step}`);
  if (!result.ok) console.log(result.out.split('\n').slice(-25).map((l) => `     ${l}`).join('\n'));
  return result.ok;
}

/** A fresh consumer folder: its own package.json (ESM) and an .npmrc naming the registry. */
function consumer(name) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `adoption-${name}`, private: true, type: 'module' }, null, 2));
  writeFileSync(join(dir, '.npmrc'), `registry=${registry}\n`);
  return dir;
}

/** Megabytes under a folder. */
function megabytes(dir) {
  const r = spawnSync('du', ['-sm', dir], { encoding: 'utf8' });
  return Number(r.stdout.split(/\s/)[0]);
}

// The TypeScript compiler the README examples and the consumers are compiled with, once, in the
// parent folder (it holds only typescript and @types/node; no crowdlearn package resolves from it).
writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'adoption-tools', private: true }, null, 2));
const tools = sh('npm', ['i', 'typescript@5.9.3', '@types/node@20.19.43', 'publint@0.3.25', '@arethetypeswrong/cli@0.18.5', '--no-save', '--registry', registry], root);
if (!tools.ok) {
  console.error(`adoption: could not install typescript from ${registry}\n${tools.out}`);
  process.exit(1);
}
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** Compiles `file` in `dir` (NodeNext, strict) and returns the check result. */
function compile(dir, file, skipLibCheck) {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, skipLibCheck, outDir: 'out' }, files: [file] }, null, 2),
  );
  return sh(process.execPath, [tsc, '-p', 'tsconfig.json'], dir);
}

/**
 * publint and are-the-types-wrong (ESM-only profile) on the tarball the
 * registry serves for `name`; the types check only for a package that can be
 * imported (`importable`: the CLI is a command, with no entry to import).
 */
function lintPublished(name, importable = true) {
  const dir = join(root, 'tarballs');
  mkdirSync(dir, { recursive: true });
  // --json: the file name on stdout alone (npm's notices go to stderr)
  const r = spawnSync('npm', ['pack', name, '--json', '--registry', registry, '--pack-destination', dir], { cwd: dir, encoding: 'utf8' });
  let file = '';
  try {
    file = JSON.parse(r.stdout)[0]?.filename ?? '';
  } catch {
    file = '';
  }
  const packed = { ok: r.status === 0 && file !== '', out: `${r.stdout}${r.stderr}` };
  const tarball = join(dir, file);
  check(name, 'publint on the published tarball', () => (packed.ok ? sh(join(root, 'node_modules', '.bin', 'publint'), [tarball], dir) : packed));
  if (importable) check(name, 'are-the-types-wrong on the published tarball (ESM only)', () => (packed.ok ? sh(join(root, 'node_modules', '.bin', 'attw'), [tarball, '--profile', 'esm-only'], dir) : packed));
}

const libraries = readdirSync(join(repo, 'packages'))
  .map((d) => ({ dir: join(repo, 'packages', d), ...JSON.parse(readFileSync(join(repo, 'packages', d, 'package.json'), 'utf8')) }))
  .filter((p) => p.private !== true && (only === undefined || only.includes(p.name.replace('@crowdlearn/', ''))));

for (const p of libraries) {
  const short = p.name.replace('@crowdlearn/', '');
  lintPublished(p.name);
  // alone by name, with npm and with pnpm
  const npmDir = consumer(`${short}-npm`);
  if (check(p.name, 'npm install alone by name', () => sh('npm', ['i', p.name], npmDir))) sizes[p.name] = megabytes(join(npmDir, 'node_modules'));
  const pnpmDir = consumer(`${short}-pnpm`);
  check(p.name, 'pnpm add alone by name', () => sh('pnpm', ['add', p.name, '--registry', registry], pnpmDir));
  // a TypeScript consumer of the package alone: NodeNext, strict, the package's declarations checked
  check(p.name, 'TypeScript consumer (NodeNext, strict, skipLibCheck false)', () => {
    writeFileSync(join(npmDir, 'consumer.ts'), `import * as m from '${p.name}';\nexport const names: string[] = Object.keys(m);\nexport type Api = typeof m;\nconsole.log(names.length > 0 ? 'ok' : 'empty');\n`);
    const built = compile(npmDir, 'consumer.ts', false);
    if (!built.ok) return built;
    const ran = sh(process.execPath, [join('out', 'consumer.js')], npmDir);
    return { ok: ran.ok && ran.out.includes('ok'), out: ran.out };
  });
  // the README: its install line, then its example, unchanged
  const readme = readFileSync(join(p.dir, 'README.md'), 'utf8');
  const install = /```sh\n(npm install [^\n]+)\n/.exec(readme)?.[1];
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  for (const [tool, installArgs] of [
    ['npm', (line) => ['i', ...line.split(/\s+/).slice(2)]],
    ['pnpm', (line) => ['add', ...line.split(/\s+/).slice(2), '--registry', registry]],
  ]) {
    check(p.name, `README install line and example with ${tool}`, () => {
      if (install === undefined || example === undefined) return { ok: false, out: 'the README has no `npm install` line in a sh block, or no ts example' };
      const dir = consumer(`${short}-readme-${tool}`);
      const installed = sh(tool, installArgs(install), dir);
      if (!installed.ok) return installed;
      writeFileSync(join(dir, 'example.ts'), example);
      const built = compile(dir, 'example.ts', true);
      if (!built.ok) return built;
      return sh(process.execPath, [join('out', 'example.js')], dir);
    });
  }
}

// two copies of core-matrix side by side (an install with two versions): errors and generators cross
if (only === undefined || only.includes('core-matrix')) {
  check('@crowdlearn/core-matrix', 'two copies side by side interoperate (errors, seeds)', () => {
    const dir = consumer('core-matrix-two-copies');
    const version = JSON.parse(sh('npm', ['view', '@crowdlearn/core-matrix', 'version', '--json'], dir).out || '""');
    const installed = sh('npm', ['i', '@crowdlearn/core-matrix', `core-matrix-copy@npm:@crowdlearn/core-matrix@${version}`], dir);
    if (!installed.ok) return installed;
    writeFileSync(
      join(dir, 'two.mjs'),
      [
        "import * as a from '@crowdlearn/core-matrix';",
        "import * as b from 'core-matrix-copy';",
        "if (a.CrowdError === b.CrowdError) throw new Error('one copy only');",
        "const err = new a.CrowdError('PARSE_ERROR', 'x');",
        "if (!b.isCrowdError(err, 'PARSE_ERROR') || !(err instanceof b.CrowdError)) throw new Error('error not recognised');",
        'const rng = new a.Rng(7);',
        'if (b.toRng(rng) !== rng) throw new Error("generator not accepted");',
        "console.log('interoperate');",
      ].join('\n'),
    );
    const ran = sh(process.execPath, ['two.mjs'], dir);
    return { ok: ran.ok && ran.out.includes('interoperate'), out: ran.out };
  });
}

// the command line, installed globally (into a prefix of its own), run from another folder
if (only === undefined || only.includes('cli')) {
  lintPublished('@crowdlearn/bench');
  lintPublished('@crowdlearn/cli', false);
  const prefix = join(root, 'global');
  const bin = join(prefix, 'bin', 'crowdlearn');
  if (check('@crowdlearn/cli', 'npm i -g @crowdlearn/cli', () => sh('npm', ['i', '-g', '@crowdlearn/cli', '--prefix', prefix], root))) sizes['@crowdlearn/cli'] = megabytes(prefix);
  check('@crowdlearn/cli', 'crowdlearn --version', () => {
    const r = sh(bin, ['--version'], root);
    return { ok: r.ok && /^crowdlearn \d+\.\d+\.\d+/.test(r.out) && !r.out.includes('0.0.0'), out: r.out };
  });
  check('@crowdlearn/cli', 'crowdlearn aggregate on a file in another folder, relative paths', () => {
    const work = join(root, 'work', 'project');
    mkdirSync(join(work, 'data'), { recursive: true });
    writeFileSync(join(work, 'data', 'answers.csv'), 'question,worker,answer\nq1,w1,cat\nq1,w2,cat\nq1,w3,dog\nq2,w1,dog\nq2,w2,dog\nq2,w3,dog\n');
    writeFileSync(join(work, 'data', 'truth.csv'), 'question,truth\nq1,cat\nq2,dog\n');
    const r = sh(bin, ['aggregate', 'data/answers.csv', '--gold', 'data/truth.csv', '--method', 'ds', '--out', 'labels.csv'], work);
    if (!r.ok) return r;
    const rows = readFileSync(join(work, 'labels.csv'), 'utf8').trim().split('\n');
    return { ok: rows[0] === 'item,label,confidence' && rows[1]?.startsWith('q1,cat,') === true && rows[2]?.startsWith('q2,dog,') === true, out: r.out + rows.join('\n') };
  });
}

const passed = checks.filter((c) => c.ok).length;
const failed = checks.length - passed;
for (const [name, mb] of Object.entries(sizes)) console.log(`installed size ${name}: ${mb} MB`);
console.log(`adoption: ${passed} passed, ${failed} failed`);
if (args.report !== undefined) {
  mkdirSync(dirname(args.report), { recursive: true });
  writeFileSync(args.report, JSON.stringify({ registry, passed, failed, checks, sizes }, null, 2) + '\n');
}
if (existsSync(root) && process.env.CROWDLEARN_KEEP_ADOPTION === undefined) rmSync(root, { recursive: true, force: true });
process.exit(failed === 0 ? 0 : 1);
