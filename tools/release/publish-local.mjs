#!/usr/bin/env node
// Publishes every package of the workspace to a registry exactly as a release would: on a
// scratch copy of the repository (this one is never changed), `changeset version` applies the
// pending changesets (versions, internal ranges, CHANGELOGs), then `pnpm publish` packs each
// package (workspace:^ ranges become the released versions) and publishes it.
//   node tools/release/publish-local.mjs --registry http://127.0.0.1:4873 --token-file <file> [--report <json>]
// A failure names the package and the step, and the exit code is 1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]] : [])).filter((e) => e.length === 2));
const registry = args.registry;
if (registry === undefined || args['token-file'] === undefined) {
  console.error('usage: publish-local.mjs --registry <url> --token-file <file> [--report <json>]');
  process.exit(2);
}
const token = readFileSync(args['token-file'], 'utf8').trim();

function fail(what, detail) {
  console.error(`release: ${what}`);
  if (detail) console.error(String(detail).split('\n').slice(-30).join('\n'));
  process.exit(1);
}

// 1. the scratch copy: the sources and the built dist folders, without node_modules
const scratch = mkdtempSync(join(tmpdir(), 'crowdlearn-release-'));
const tar = spawnSync('bash', ['-c', `tar -C "${repo}" --exclude=./node_modules --exclude='*/node_modules' --exclude=.turbo --exclude=.git -cf - . | tar -C "${scratch}" -xf -`], { encoding: 'utf8' });
if (tar.status !== 0) fail('could not copy the repository to a scratch folder', tar.stderr);
writeFileSync(join(scratch, '.npmrc'), `registry=${registry}\n${registry.replace(/^https?:/, '')}/:_authToken=${token}\n`);

// 2. changeset version: the release's versions, ranges and CHANGELOGs
const changeset = join(repo, 'node_modules', '@changesets', 'cli', 'bin.js');
const version = spawnSync(process.execPath, [changeset, 'version'], { cwd: scratch, encoding: 'utf8' });
if (version.status !== 0) fail('changeset version failed', version.stdout + version.stderr);

// pnpm publish resolves workspace: ranges from the installed workspace: link it (from the lockfile and the store)
const pnpmBin = process.env.PNPM ?? 'pnpm';
const install = spawnSync(pnpmBin, ['install', '--frozen-lockfile', '--prefer-offline', '--ignore-scripts'], { cwd: scratch, encoding: 'utf8' });
if (install.status !== 0) fail('pnpm install in the scratch copy failed', install.stdout + install.stderr);

// 3. the packages to publish, and their versions after `changeset version`
const dirs = ['packages', 'apps'].flatMap((top) => readdirSync(join(scratch, top)).map((d) => join(scratch, top, d))).filter((d) => existsSync(join(d, 'package.json')));
const packages = dirs.map((dir) => ({ dir, ...JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) })).filter((p) => p.private !== true);
for (const p of packages) {
  for (const [dep, range] of Object.entries({ ...p.dependencies, ...p.peerDependencies })) {
    const internal = packages.find((q) => q.name === dep);
    if (internal !== undefined && !String(range).startsWith('workspace:')) fail(`${p.name}: its dependency ${dep} is ${range}, not a workspace range`);
  }
  if (!existsSync(join(p.dir, 'CHANGELOG.md'))) fail(`${p.name}: changeset version wrote no CHANGELOG.md (no changeset names it)`);
}

// 4. publish, dependencies first; each package on its own, so that a failure names it
const pnpm = pnpmBin;
const sorted = topological(packages);
const published = [];
for (const p of sorted) {
  const existing = spawnSync('npm', ['view', `${p.name}@${p.version}`, 'version', '--registry', registry], { encoding: 'utf8' });
  if (existing.status === 0 && existing.stdout.trim() === p.version) {
    console.log(`already published ${p.name}@${p.version}`);
    published.push({ name: p.name, version: p.version });
    continue;
  }
  const r = spawnSync(pnpm, ['publish', '--registry', registry, '--no-git-checks', '--access', 'public'], { cwd: p.dir, encoding: 'utf8', env: { ...process.env, npm_config_registry: registry } });
  if (r.status !== 0) fail(`${p.name}@${p.version}: pnpm publish failed`, r.stdout + r.stderr);
  published.push({ name: p.name, version: p.version });
  console.log(`published ${p.name}@${p.version}`);
}
if (args.report !== undefined) writeFileSync(args.report, JSON.stringify({ registry, published }, null, 2) + '\n');
rmSync(scratch, { recursive: true, force: true });

/** The packages ordered so that each comes after the workspace packages it depends on. */
function topological(list) {
  const byName = new Map(list.map((p) => [p.name, p]));
  const out = [];
  const seen = new Set();
  const visit = (p) => {
    if (seen.has(p.name)) return;
    seen.add(p.name);
    for (const dep of Object.keys({ ...p.dependencies, ...p.peerDependencies })) if (byName.has(dep)) visit(byName.get(dep));
    out.push(p);
  };
  list.forEach(visit);
  return out;
}
