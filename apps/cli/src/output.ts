import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CrowdError } from '@crowdlearn/core-matrix';

/** Writes a file atomically (temporary file, then rename); refuses to replace one without `force`. */
export function writeOutput(path: string, data: string | Uint8Array, force: boolean): void {
  if (existsSync(path) && !force) {
    throw new CrowdError('INVALID_ARGUMENT', 'the output file exists', { source: path, expected: '--force to replace it' });
  }
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new CrowdError('IO_ERROR', 'cannot write the output', { source: path, found: String((err as Error).message) });
  }
}

/** Prints exactly one JSON object on stdout (NaN and Infinity become null). */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)) + '\n');
}

/** A fixed-point number for humans. */
export function fmt(x: number, digits = 4): string {
  return Number.isFinite(x) ? x.toFixed(digits) : String(x);
}
