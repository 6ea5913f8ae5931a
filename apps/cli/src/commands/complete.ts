import { accuracy, completionAccuracy, CrowdError, type CompletionResult, type Features } from '@crowdlearn/core-matrix';
import { writeLongCsv } from '@crowdlearn/datasets';
import { loadInput, type InputOptions } from '../input.js';
import { isMethod, methodEntry, requestedPreset, runAggregator } from '../methods.js';
import { methodBackend, methodOptions, seedValue } from '../method-flags.js';
import { assertWritable, fmt, isStdout, printJson, writeOutput } from '../output.js';
import { runProgress } from '../progress.js';

/** Options of `crowdlearn complete` (besides the method's own, derived from its catalogue entry). */
export interface CompleteCommandOptions extends InputOptions, Record<string, unknown> {
  method: string;
  aggregate?: string;
  out?: string;
  force?: boolean;
  seed?: unknown;
  preset?: string;
  backend?: string;
  quiet?: boolean;
  json?: boolean;
}

/**
 * Label completion: writes the observed plus completed labels (long CSV with
 * an origin column) to --out, or to stdout; with --aggregate, also runs
 * aggregators before and after and, with gold, reports their accuracy.
 */
export async function completeCommand(file: string | undefined, o: CompleteCommandOptions): Promise<void> {
  const aggregators = o.aggregate === undefined ? [] : String(o.aggregate).split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const a of aggregators) {
    if (!isMethod(a, 'aggregate')) throw new CrowdError('INVALID_ARGUMENT', `unknown aggregator ${JSON.stringify(a)} in --aggregate`, { expected: 'names from `crowdlearn methods`' });
  }
  // stdout carries either the JSON report or the completed matrix: with --json the matrix needs a file
  if (o.json === true && (o.out === undefined || isStdout(o.out))) {
    throw new CrowdError('INVALID_ARGUMENT', '--json prints the report on stdout, so the completed labels need --out', { expected: '--out <file> with --json' });
  }
  assertWritable(o.out, o.force === true);
  const entry = methodEntry(o.method, 'complete');
  const options = methodOptions(entry, 'complete', o);
  const seed = seedValue(o.seed);
  const preset = requestedPreset(entry, o);
  const input = await loadInput(file, o);
  if (entry.capabilities.needsFeatures && input.features === undefined) {
    throw new CrowdError('INVALID_ARGUMENT', `${o.method} needs item features`, { expected: '--features <file> or a --dataset with features' });
  }
  const backend = await methodBackend(entry, o.backend);
  const t0 = performance.now();
  const report: Record<string, unknown> = { method: o.method, source: input.source, seed, ...(backend !== undefined ? { backend } : {}) };
  const progress = runProgress(o.quiet === true || o.json === true);
  let result: CompletionResult;
  try {
    const context = { seed, ...(preset !== undefined ? { preset } : {}), ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}) };
    result = (await entry.run({ labels: input.labels, ...(input.features !== undefined ? { features: input.features } : {}) }, options, context)) as CompletionResult;
  } finally {
    progress.stop();
  }
  const completed = result.labels;
  Object.assign(report, result.details);
  if (result.warnings.length > 0) report.warnings = result.warnings;
  report.seconds = (performance.now() - t0) / 1000;
  Object.assign(report, {
    items: input.labels.numItems,
    workers: input.labels.numWorkers,
    labels: input.labels.numLabels,
    classes: input.labels.numClasses,
    completed: completed.numLabels - input.labels.numLabels,
    completionsPerWorker: (completed.numLabels - input.labels.numLabels) / Math.max(1, input.labels.numWorkers),
  });
  const gold = input.gold !== undefined && input.gold.size > 0 ? input.gold : undefined;
  if (gold !== undefined) report.completionAccuracy = completionAccuracy(completed, gold).accuracy;
  if (aggregators.length > 0) {
    const before: Record<string, number | null> = {};
    const after: Record<string, number | null> = {};
    for (const a of aggregators) {
      const b = await runAggregator(a, input.labels, input.features, seed);
      const c = await runAggregator(a, completed, input.features as Features, seed);
      before[a] = gold === undefined ? null : accuracy(b.labels, gold);
      after[a] = gold === undefined ? null : accuracy(c.labels, gold);
    }
    if (gold !== undefined) {
      report.accuracyBefore = before;
      report.accuracyAfter = after;
    }
  }
  const csv = writeLongCsv(completed, { origin: true });
  if (o.out !== undefined) {
    await writeOutput(o.out, csv, o.force === true);
    report.out = o.out;
  }
  if (o.json === true) return printJson(report);
  const lines = [
    `${o.method} on ${input.source}: ${report.completed as number} cells completed (${fmt(report.completionsPerWorker as number, 1)} per worker) in ${fmt(report.seconds as number, 1)} s`,
  ];
  if (report.completionAccuracy !== undefined) lines.push(`completion accuracy ${fmt(100 * (report.completionAccuracy as number), 2)}% against gold`);
  if (report.accuracyBefore !== undefined) {
    for (const a of aggregators) {
      lines.push(`${a}: ${fmt(100 * ((report.accuracyBefore as Record<string, number>)[a] as number), 2)}% before, ${fmt(100 * ((report.accuracyAfter as Record<string, number>)[a] as number), 2)}% after`);
    }
  }
  for (const w of (report.warnings as string[] | undefined) ?? []) lines.push(`warning: ${w}`);
  if (o.out !== undefined) {
    lines.push(`labels written to ${o.out}`);
    process.stdout.write(lines.join('\n') + '\n');
  } else {
    // the matrix is the output; the summary goes to stderr so that stdout pipes cleanly
    process.stdout.write(csv);
    process.stderr.write(lines.join('\n') + '\n');
  }
}
