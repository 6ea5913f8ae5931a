import { existsSync } from 'node:fs';
import { CrowdError, type CrowdLabels } from '@crowdlearn/core-matrix';
import { writeFileAtomic } from '@crowdlearn/datasets';

/** Writes a file atomically (temporary file, then rename); refuses to replace one without `force`. */
export async function writeOutput(path: string, data: string | Uint8Array, force: boolean): Promise<void> {
  assertWritable(path, force);
  await writeFileAtomic(path, data);
}

/** Fails when `path` exists and `force` is not set: call it before long work whose result goes there. */
export function assertWritable(path: string | undefined, force: boolean): void {
  if (path !== undefined && existsSync(path) && !force) {
    throw new CrowdError('INVALID_ARGUMENT', 'the output file exists', { source: path, expected: '--force to replace it' });
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

/** Inferred labels as `task,label` rows with the matrix's external ids (what `aggregate --out` writes). */
export function inferredLabelsCsv(labels: CrowdLabels, inferred: ArrayLike<number>): string {
  const rows = ['task,label', ...Array.from(inferred, (k, i) => `${csvField(labels.items.idOf(i))},${csvField(labels.classes.idOf(k))}`)];
  return rows.join('\n') + '\n';
}

/** A CSV field, quoted when it has a comma, quote or line break. */
export function csvField(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
