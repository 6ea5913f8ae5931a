import { CrowdError, tableObjects } from '@crowdlearn/core-matrix';
import { labelsTable, workerConfusions, workersTable, type AggregationResult } from '@crowdlearn/aggregators';
import type { LoadedInput } from './input.js';
import { assertWritable, isStdout, STDOUT, writeOutput } from './output.js';
import { encodeTable, tableFormat } from './table-output.js';

/** The output flags of truth inference (`aggregate`, and `train` for mmlc-owf and crowdmeta). */
export interface AggregationOutputFlags {
  /** Where the inferred labels go (`-`: standard output). */
  out?: string;
  /** The format of `--out` when its extension does not say it (or on standard output). */
  outFormat?: string;
  /** Add one probability column per class. */
  proba?: boolean;
  /** Where the worker table goes. */
  workersOut?: string;
  /** Add each worker's flattened confusion matrix to the worker table. */
  confusions?: boolean;
  /** Put the labels and worker tables in the JSON report. */
  jsonDetail?: boolean;
  json?: boolean;
  force?: boolean;
}

/**
 * Where the labels go: `--out`, or standard output when only `--out-format`
 * was given. Checked before any work: the JSON report and a table cannot
 * share standard output, and an existing file needs --force.
 */
export function labelsDestination(o: AggregationOutputFlags): string | undefined {
  const out = o.out ?? (o.outFormat !== undefined ? STDOUT : undefined);
  if (isStdout(out) && o.json === true) throw new CrowdError('INVALID_ARGUMENT', '--json prints the report on standard output, so the labels need a file', { expected: '--out <file> with --json, or --json-detail for the labels in the report' });
  if (isStdout(o.workersOut) && (o.json === true || isStdout(out))) throw new CrowdError('INVALID_ARGUMENT', '--workers-out - needs standard output to itself', { expected: '--workers-out <file>' });
  if (o.proba === true && out === undefined && o.jsonDetail !== true) throw new CrowdError('INVALID_ARGUMENT', '--proba adds columns to the labels written by --out', { expected: '--out <file> (or -) with --proba' });
  if (o.confusions === true && o.workersOut === undefined && o.jsonDetail !== true) throw new CrowdError('INVALID_ARGUMENT', '--confusions adds columns to the worker table', { expected: '--workers-out <file> (or --json-detail) with --confusions' });
  if (o.jsonDetail === true && o.json !== true) throw new CrowdError('INVALID_ARGUMENT', '--json-detail adds the tables to the JSON report', { expected: '--json with --json-detail' });
  if (out !== undefined) tableFormat(out, o.outFormat);
  assertWritable(out, o.force === true);
  assertWritable(o.workersOut, o.force === true);
  return out;
}

/**
 * Writes the inferred labels (`item, label, confidence[, p_<class>...]`)
 * and the worker table where the flags say, in the format of each file's
 * extension, and adds what was written (and, with --json-detail, the
 * tables) to `report`.
 */
export async function writeAggregationOutputs(input: LoadedInput, result: AggregationResult, o: AggregationOutputFlags, report: Record<string, unknown>): Promise<void> {
  const out = labelsDestination(o);
  const gold = input.gold !== undefined && input.gold.size > 0 ? input.gold : undefined;
  const wantWorkers = o.workersOut !== undefined || o.jsonDetail === true;
  if (o.confusions === true && workerConfusions(result, input.labels.numWorkers, input.labels.numClasses) === undefined) {
    throw new CrowdError('INVALID_ARGUMENT', `--confusions needs a method with a confusion matrix per worker; ${result.method} has none`, { expected: 'ds, one-coin-ds, zencrowd, hds or fds' });
  }
  const workers = wantWorkers ? workersTable(input.labels, result, { ...(gold !== undefined ? { gold } : {}), confusions: o.confusions === true }) : undefined;
  const labels = out !== undefined || o.jsonDetail === true ? labelsTable(input.labels, result, o.proba === true) : undefined;
  if (out !== undefined && labels !== undefined) {
    await writeOutput(out, await encodeTable(labels, tableFormat(out, o.outFormat)), o.force === true);
    if (!isStdout(out)) report.out = out;
  }
  if (o.workersOut !== undefined && workers !== undefined) {
    await writeOutput(o.workersOut, await encodeTable(workers, tableFormat(o.workersOut, undefined)), o.force === true);
    report.workersOut = o.workersOut;
  }
  if (o.jsonDetail === true) {
    if (labels !== undefined) report.labelRows = tableObjects(labels);
    if (workers !== undefined) report.workerRows = tableObjects(workers);
  }
}
