import { basename } from 'node:path';
import { CrowdError } from '@crowdlearn/core-matrix';
import { aggregate, binaryRelevance, type AggregateOptions } from '@crowdlearn/aggregators';
import { csvField, readMultiLabelText } from '@crowdlearn/datasets';
import { columnMapping, readText } from '../input.js';
import type { AnyEntry } from '../methods.js';
import { assertWritable, fmt, isStdout, printJson, writeOutput } from '../output.js';

/** The flags `aggregate --multi-label` reads. */
export interface MultiLabelFlags {
  labelSeparator?: string;
  columns?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
}

/**
 * `aggregate --multi-label`: BinaryRelevance over the chosen aggregator. Each
 * row's labels cell lists the worker's labels for the item (`house|tree`, or
 * a JSON array); every label is aggregated as its own yes/no question, and
 * `--out` writes `item,labels` rows (the item's labels joined by the
 * separator).
 */
export async function aggregateMultiLabel(file: string | undefined, entry: AnyEntry, options: Record<string, unknown>, seed: number, o: MultiLabelFlags): Promise<void> {
  if (file === undefined) throw new CrowdError('INVALID_ARGUMENT', '--multi-label needs a labels file', { expected: 'crowdlearn aggregate tags.csv --multi-label --method ds' });
  if (entry.capabilities.needsFeatures || entry.capabilities.neural || Object.values(entry.capabilities.inputs ?? {}).includes('required')) {
    throw new CrowdError('INVALID_ARGUMENT', `--multi-label runs a label-only aggregator, not ${entry.name}`, { expected: 'mv, ds, glad, mace, ... (see crowdlearn methods)' });
  }
  assertWritable(o.out, o.force === true);
  const separator = o.labelSeparator ?? '|';
  const source = basename(file);
  const columns = columnMapping(o.columns);
  const answers = readMultiLabelText(readText(file), { source, separator, ...(columns !== undefined ? { columns } : {}) });
  const t0 = performance.now();
  const result = binaryRelevance(answers, (labels) => aggregate(labels, { ...options, method: entry.name, seed } as AggregateOptions));
  const seconds = (performance.now() - t0) / 1000;
  const classes = answers.classes.ids().map(String);
  const items = answers.items.ids().map(String);
  const perItem = result.labels.map((ls) => Array.from(ls, (c) => classes[c] as string));
  if (o.out !== undefined) await writeOutput(o.out, ['item,labels', ...items.map((id, i) => `${csvField(id)},${csvField((perItem[i] as string[]).join(separator))}`)].join('\n') + '\n', o.force === true);
  const report = { method: `binary-relevance(${entry.name})`, source, items: items.length, workers: answers.workers.size, answers: answers.numAnswers, labels: classes.length, seconds, ...(o.out !== undefined ? { out: o.out } : { result: Object.fromEntries(items.map((id, i) => [id, perItem[i]])) }) };
  if (o.json === true) return printJson(report);
  const lines = [`binary relevance over ${entry.name} on ${source}: ${items.length} items, ${answers.workers.size} workers, ${answers.numAnswers} answers, ${classes.length} labels`, `time ${fmt(seconds, 3)} s`];
  if (o.out !== undefined) lines.push(`labels written to ${o.out}`);
  else lines.push(...items.slice(0, 20).map((id, i) => `  ${id}: ${(perItem[i] as string[]).join(separator) || '(none)'}`), ...(items.length > 20 ? [`  ... ${items.length - 20} more (--out writes them all)`] : []));
  (isStdout(o.out) ? process.stderr : process.stdout).write(lines.join('\n') + '\n');
}
