import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PerfOutcome } from './tasks.js';


/** The aggregators crowd-kit has under the same names (its classes are in scripts/crowdkit-run.py). */
export const CROWDKIT_METHODS = ['mv', 'wawa', 'zbs', 'ds', 'one-coin-ds', 'glad', 'mace'] as const;

/** The Python to use: `CROWDLEARN_PYTHON`, else `python3`. */
export function pythonCommand(): string {
  return process.env.CROWDLEARN_PYTHON ?? 'python3';
}

/** Why crowd-kit cannot run with `python`, or undefined when it can (it imports `crowdkit` and `pandas`). */
export function crowdKitMissing(python: string): string | undefined {
  const probe = spawnSync(python, ['-c', 'import crowdkit.aggregation, pandas'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.error !== undefined) return `${python} did not start (${probe.error.message})`;
  if (probe.status !== 0) return `${python} cannot import crowdkit and pandas (${(probe.stderr ?? '').trim().split('\n').at(-1) ?? 'exit ' + String(probe.status)})`;
  return undefined;
}

/** Times crowd-kit's `method` on a long CSV (task,worker,label), scored against `goldPath` (task,label), in its own Python process. */
export function runCrowdKit(python: string, method: string, dataPath: string, goldPath: string): Promise<PerfOutcome> {
  return runPythonScript(python, 'crowdkit-run.py', [method, dataPath, goldPath]);
}

/** Where the PyTorch side-by-side's Python is: `CROWDLEARN_PYTHON`, `python3`, or Debian's `/usr/bin/python3` (where `python3-torch` installs), the first that imports torch; undefined with the reason otherwise. */
export function torchPython(): { python: string } | { missing: string } {
  const candidates = [...new Set([pythonCommand(), 'python3', '/usr/bin/python3'])];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch, numpy'], { encoding: 'utf8', timeout: 60_000 });
    if (probe.error === undefined && probe.status === 0) return { python };
  }
  return { missing: `none of ${candidates.join(', ')} imports torch and numpy (Debian: apt-get install python3-torch)` };
}

/** Runs a Python script that prints one JSON line (a {@link PerfOutcome}) in its own process. */
export function runPythonScript(python: string, script: string, args: string[]): Promise<PerfOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [fileURLToPath(new URL(`../../scripts/${script}`, import.meta.url)), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || line === '') reject(new Error(`${script} failed: ${err.trim().split('\n').at(-1) ?? `exit ${String(code)}`}`));
      else resolve(JSON.parse(line) as PerfOutcome);
    });
  });
}
