import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PerfOutcome } from './tasks.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/crowdkit-run.py', import.meta.url));

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
  return new Promise((resolve, reject) => {
    const child = spawn(python, [SCRIPT, method, dataPath, goldPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || line === '') reject(new Error(`crowd-kit ${method} failed: ${err.trim().split('\n').at(-1) ?? `exit ${String(code)}`}`));
      else resolve(JSON.parse(line) as PerfOutcome);
    });
  });
}
