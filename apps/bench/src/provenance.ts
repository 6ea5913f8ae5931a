/**
 * What produced a bench run's numbers, written into every `results.json`
 * and report: the command line, the date, the code (git commit and whether
 * the tree had changes; every `@crowdlearn/*` version), the runtime (Node,
 * the TF.js backend) and the machine (CPU model, cores, memory).
 */
import { spawnSync } from 'node:child_process';
import { arch, availableParallelism, cpus, platform, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { currentBackend } from '@crowdlearn/neural';
import { crowdlearnVersions, versionOf } from './versions.js';

/** See the file's comment. */
export interface Provenance {
  /** The command line as typed (`crowdlearn-bench` and its arguments), shell-quoted. */
  command: string;
  /** When the run started (ISO 8601, UTC). */
  started: string;
  /** The seeds the suite ran, when it was given them. */
  seeds?: number[];
  /** The bench's git checkout, when it runs from one: the commit, and whether tracked files had changes. */
  git?: { commit: string; dirty: boolean };
  /** `@crowdlearn/bench` and every crowdlearn package it runs, with their versions. */
  packages: Record<string, string>;
  /** `process.version`. */
  node: string;
  /** The TF.js backend this process used, or why there is none. */
  backend: string;
  /** The machine. */
  machine: { cpu: string; cores: number; memoryGiB: number; platform: string };
}

/** A shell word as a user would type it: bare when safe, else in single quotes. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** The commit of the checkout that holds this file, and whether tracked files differ from it; undefined outside git. */
function gitState(): { commit: string; dirty: boolean } | undefined {
  const cwd = fileURLToPath(new URL('.', import.meta.url));
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', timeout: 10_000 });
  if (head.status !== 0) return undefined;
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8', timeout: 10_000 });
  return { commit: head.stdout.trim(), dirty: status.status !== 0 || status.stdout.trim() !== '' };
}

/** The provenance of a run started at `started` with `argv` (the bench's own arguments, without node and the script). */
export function collectProvenance(argv: readonly string[], started: Date, seeds?: number[]): Provenance {
  const backend = currentBackend();
  const git = gitState();
  return {
    command: ['crowdlearn-bench', ...argv].map(shellWord).join(' '),
    started: started.toISOString(),
    ...(seeds !== undefined ? { seeds } : {}),
    ...(git !== undefined ? { git } : {}),
    packages: { '@crowdlearn/bench': versionOf(fileURLToPath(new URL('../package.json', import.meta.url))), ...crowdlearnVersions() },
    node: process.version,
    backend: backend !== undefined ? backend.name : 'none in this process (it trained no network; the perf suites\' child processes record theirs in their runs)',
    machine: { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: availableParallelism(), memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, platform: `${platform()} ${arch()}` },
  };
}

/** The provenance as label/value rows, for the reports. */
export function provenanceRows(p: Provenance): [string, string][] {
  return [
    ['command', p.command],
    ['started', p.started],
    ...(p.seeds !== undefined ? [['seeds', p.seeds.join(', ')] as [string, string]] : []),
    ['git commit', p.git !== undefined ? `${p.git.commit}${p.git.dirty ? ' (with uncommitted changes)' : ''}` : 'not a git checkout'],
    ['packages', Object.entries(p.packages).map(([name, version]) => `${name} ${version}`).join(', ')],
    ['Node', p.node],
    ['TF.js backend', p.backend],
    ['machine', `${p.machine.cpu}, ${p.machine.cores} cores, ${p.machine.memoryGiB} GiB, ${p.machine.platform}`],
  ];
}
