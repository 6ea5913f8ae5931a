import { basename } from 'node:path';
import { CrowdError, numericErrors } from '@crowdlearn/core-matrix';
import type { NumericAggregationResult } from '@crowdlearn/aggregators';
import { csvField, readNumericGoldText, readNumericLabelsText } from '@crowdlearn/datasets';
import { columnMapping, readText } from '../input.js';
import { methodEntry } from '../methods.js';
import { methodOptions, seedValue } from '../method-flags.js';
import { assertWritable, fmt, isStdout, printJson, writeOutput } from '../output.js';

/** Options of `crowdlearn estimate`. */
export interface EstimateCommandOptions {
  method?: string;
  seed?: unknown;
  gold?: string;
  columns?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
  [flag: string]: unknown;
}

/**
 * Numeric truth inference: reads `item,worker,answer` rows whose answers are
 * numbers (a truth column, or `--gold item,truth` rows, scores the result by
 * RMSE and MAE), runs a numeric aggregator of the catalogue, and writes
 * `item,value` rows with `--out`.
 */
export async function estimateCommand(file: string | undefined, o: EstimateCommandOptions): Promise<void> {
  if (file === undefined) throw new CrowdError('INVALID_ARGUMENT', 'estimate needs a file of numeric answers', { expected: 'crowdlearn estimate answers.csv --method mean' });
  const entry = methodEntry(o.method ?? 'mean', 'estimate');
  const options = methodOptions(entry, 'estimate', o);
  const seed = seedValue(o.seed);
  assertWritable(o.out, o.force === true);
  const source = basename(file);
  const columns = columnMapping(o.columns);
  const data = readNumericLabelsText(readText(file), { source, ...(columns !== undefined ? { columns } : {}) });
  const truth = o.gold !== undefined ? readNumericGoldText(readText(o.gold), data.labels, { source: basename(o.gold) }) : data.truth;
  const t0 = performance.now();
  const result = (await entry.run({ labels: data.labels }, options, { seed })) as NumericAggregationResult;
  const seconds = (performance.now() - t0) / 1000;
  const report: Record<string, unknown> = { method: entry.name, source, items: data.labels.numItems, workers: data.labels.numWorkers, answers: data.labels.numLabels, seconds };
  if (result.iterations !== undefined) report.iterations = result.iterations;
  if (truth !== undefined) {
    const errors = numericErrors(result.values, truth);
    if (errors.count > 0) Object.assign(report, { goldItems: errors.count, rmse: errors.rmse, mae: errors.mae });
  }
  if (o.out !== undefined) {
    const ids = data.labels.items.ids();
    const rows = ['item,value', ...Array.from(result.values, (v, i) => `${csvField(String(ids[i]))},${Number.isFinite(v) ? String(v) : ''}`)];
    await writeOutput(o.out, rows.join('\n') + '\n', o.force === true);
    report.out = o.out;
  }
  if (o.json === true) return printJson(report);
  const lines = [`${entry.name} on ${source}: ${data.labels.numItems} items, ${data.labels.numWorkers} workers, ${data.labels.numLabels} answers`, `time ${fmt(seconds, 3)} s${result.iterations !== undefined ? `, ${result.iterations} iterations` : ''}`];
  if (report.rmse !== undefined) lines.push(`RMSE ${fmt(report.rmse as number)}, MAE ${fmt(report.mae as number)} on ${report.goldItems as number} items with a truth`);
  if (o.out !== undefined) lines.push(`estimates written to ${o.out}`);
  (isStdout(o.out) ? process.stderr : process.stdout).write(lines.join('\n') + '\n');
}
