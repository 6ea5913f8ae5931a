import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PerfOutcome, PerfTask } from './tasks.js';

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

/** Runs a measurement in a fresh Node process (so peak RSS is its own) and returns what it printed. */
export function runInChild(task: PerfTask, maxOldSpaceMiB = 16000): Promise<PerfOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${maxOldSpaceMiB}`, WORKER, JSON.stringify(task)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || line === '') reject(new Error(`perf worker failed (${JSON.stringify(task)}): ${err.trim().split('\n').at(-1) ?? code}`));
      else resolve(JSON.parse(line) as PerfOutcome);
    });
  });
}
