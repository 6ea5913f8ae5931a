import { existsSync } from 'node:fs';
import { CrowdError } from '@crowdlearn/core-matrix';
import { writeFileAtomic } from '@crowdlearn/datasets';

/** Writes a file atomically (temporary file, then rename); refuses to replace one without `force`. */
export async function writeOutput(path: string, data: string | Uint8Array, force: boolean): Promise<void> {
  if (existsSync(path) && !force) {
    throw new CrowdError('INVALID_ARGUMENT', 'the output file exists', { source: path, expected: '--force to replace it' });
  }
  await writeFileAtomic(path, data);
}

/** Prints exactly one JSON object on stdout (NaN and Infinity become null). */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)) + '\n');
}

/** A fixed-point number for humans. */
export function fmt(x: number, digits = 4): string {
  return Number.isFinite(x) ? x.toFixed(digits) : String(x);
}
