import { statSync } from 'node:fs';
import { CrowdError, type CrowdLabels } from '@crowdlearn/core-matrix';
import { writeFileAtomic, type FileContent } from '@crowdlearn/datasets';

/** `--out -`: standard output. */
export const STDOUT = '-';

/** Names of standard output as a file (written as standard output, whatever it is connected to). */
const STDOUT_PATHS: ReadonlySet<string> = new Set([STDOUT, '/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']);

/** Whether an output path means standard output. */
export function isStdout(path: string | undefined): boolean {
  return path !== undefined && STDOUT_PATHS.has(path);
}

/**
 * Writes an output: `-` to standard output; a file atomically (temporary
 * file, then rename), refusing to replace one without `force`. Through a
 * symbolic link the link is kept and its target written; a device or FIFO
 * (`/dev/stdout`) is written directly.
 */
export async function writeOutput(path: string, data: FileContent, force: boolean): Promise<void> {
  if (isStdout(path)) {
    const chunks = typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
    for (const chunk of chunks) await new Promise<void>((done, fail) => process.stdout.write(chunk, (err) => (err ? fail(err) : done())));
    return;
  }
  assertWritable(path, force);
  await writeFileAtomic(path, data);
}

/**
 * Fails when `path` is an existing regular file (through links) and `force`
 * is not set: call it before long work whose result goes there. Standard
 * output, devices and FIFOs are never "existing outputs".
 */
export function assertWritable(path: string | undefined, force: boolean): void {
  if (path === undefined || isStdout(path) || force) return;
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    isFile = false;
  }
  if (isFile) throw new CrowdError('INVALID_ARGUMENT', 'the output file exists', { source: path, expected: '--force to replace it' });
}

/** Prints exactly one JSON object on stdout (NaN and Infinity become null). */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)) + '\n');
}

/** A fixed-point number for humans. */
export function fmt(x: number, digits = 4): string {
  return Number.isFinite(x) ? x.toFixed(digits) : String(x);
}

/** The sizes an aggregate report states. */
export interface ReportSizes {
  numItems: number;
  numWorkers: number;
  numLabels: number;
  numClasses: number;
}

/** The fields every `aggregate` report starts with (`extra`, such as the engine, after the method). */
export function aggregateReport(method: string, extra: Record<string, unknown>, source: string, sizes: ReportSizes, seconds: number, run: { iterations?: number; converged?: boolean }): Record<string, unknown> {
  const report: Record<string, unknown> = { method, ...extra, source, items: sizes.numItems, workers: sizes.numWorkers, labels: sizes.numLabels, classes: sizes.numClasses, seconds };
  if (run.iterations !== undefined) report.iterations = run.iterations;
  if (run.converged !== undefined) report.converged = run.converged;
  return report;
}

/** The first two lines of an `aggregate` text report: what ran on what, and how long it took. */
export function aggregateSummaryLines(what: string, source: string, sizes: ReportSizes, seconds: number, iterations: number | undefined): string[] {
  return [
    `${what} on ${source}: ${sizes.numItems} items, ${sizes.numWorkers} workers, ${sizes.numLabels} labels, ${sizes.numClasses} classes`,
    `time ${fmt(seconds, 3)} s${iterations !== undefined ? `, ${iterations} iterations` : ''}`,
  ];
}

/** The item ids of a label matrix, one per line in item order: the ids file beside an `.npy` of its features. */
export function itemIdLines(labels: CrowdLabels): string {
  return labels.items.ids().map(String).join('\n') + '\n';
}
