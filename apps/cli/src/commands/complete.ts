import { accuracy, completionAccuracy, CrowdError, type CrowdLabels, type Features } from '@crowdlearn/core-matrix';
import { writeLongCsv } from '@crowdlearn/datasets';
import { initBackend } from '@crowdlearn/neural';
import { completeTllc, completeWslc, TLLC_POSTER_PRESET, type CompletionRule, type RadiusRule, type TllcOptions } from '@crowdlearn/tllc';
import { fillGirt, fillGmv, fillWithModel } from '@crowdlearn/mmlc';
import { loadInput, type InputOptions, type LoadedInput } from '../input.js';
import { trainCrowdingCli, type CrowdingCliOptions } from '../crowding.js';
import { isMethod, methodEntry, methodNames, optionValue, runAggregator } from '../methods.js';
import { assertWritable, fmt, printJson, writeOutput } from '../output.js';
import { completionProgress } from '../progress.js';
import { trainMmlc } from '../mmlc.js';

/** Options of `crowdlearn complete`. */
export interface CompleteCommandOptions extends InputOptions, CrowdingCliOptions {
  method: string;
  aggregate?: string;
  out?: string;
  force?: boolean;
  seed?: number;
  preset?: string;
  embeddingDim?: number;
  /** MMLC-df, G_MV, G_IRT: fill only workers with more than this many labels. */
  threshold?: number;
  /** MMLC-df: training epochs (default the preset's); crowding: DL-CL pretraining epochs. */
  epochs?: number;
  completionRule?: string;
  radius?: string;
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
  if (!isMethod(o.method, 'complete')) {
    throw new CrowdError('INVALID_ARGUMENT', `unknown completion method ${JSON.stringify(o.method)}`, { expected: `one of ${methodNames('complete').join(', ')}` });
  }
  const aggregators = o.aggregate === undefined ? [] : String(o.aggregate).split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const a of aggregators) {
    if (!isMethod(a, 'aggregate')) throw new CrowdError('INVALID_ARGUMENT', `unknown aggregator ${JSON.stringify(a)} in --aggregate`, { expected: 'names from `crowdlearn methods`' });
  }
  // stdout carries either the JSON report or the completed matrix: with --json the matrix needs a file
  if (o.json === true && o.out === undefined) {
    throw new CrowdError('INVALID_ARGUMENT', '--json prints the report on stdout, so the completed labels need --out', { expected: '--out <file> with --json' });
  }
  assertWritable(o.out, o.force === true);
  const input = await loadInput(file, o);
  const seed = Number(o.seed ?? 0);
  const t0 = performance.now();
  const report: Record<string, unknown> = { method: o.method, source: input.source, seed };
  const completed = await complete(o.method, input, { ...o, seed }, report);
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

/** Runs one completion method; adds what it has to say to `report`. */
async function complete(method: string, input: LoadedInput, o: CompleteCommandOptions & { seed: number }, report: Record<string, unknown>): Promise<CrowdLabels> {
  const { labels, features } = input;
  const entry = methodEntry(method, 'complete');
  const takesThreshold = entry.options.some((s) => s.name === 'threshold');
  if (!takesThreshold && o.threshold !== undefined) {
    const takers = methodNames('complete').filter((name) => methodEntry(name, 'complete').options.some((s) => s.name === 'threshold'));
    throw new CrowdError('INVALID_ARGUMENT', `--threshold does not apply to ${method}`, { expected: `a method that takes it: ${takers.join(', ')}` });
  }
  const threshold = takesThreshold ? (optionValue(entry, 'threshold', o.threshold) as number) : 0;
  if (method === 'g-mv') return fillGmv(labels, { seed: o.seed, threshold });
  if (method === 'g-irt') return fillGirt(labels, { seed: o.seed, threshold }).labels;
  if (features === undefined) throw new CrowdError('INVALID_ARGUMENT', `${method} needs item features`, { expected: '--features <file> or a --dataset with features' });
  if (method === 'wslc') return completeWslc(labels, features, { seed: o.seed }).labels;
  const backend = await initBackend(o.backend !== undefined ? { backend: o.backend as 'wasm' } : {});
  report.backend = backend.name;
  if (method === 'crowding') {
    const result = await trainCrowdingCli(input, features, o);
    try {
      Object.assign(report, { variant: o.variant ?? 'crowding', epochs: result.settings.epochs, bestEpoch: result.bestEpoch });
      return result.model.augment(labels, features, { seed: o.seed });
    } finally {
      result.model.dispose();
    }
  }
  if (method === 'mmlc-df') {
    const { model, preset, epochs } = await trainMmlc(labels, features, o);
    try {
      Object.assign(report, { preset, epochs, threshold });
      return fillWithModel(model, labels, features, { threshold });
    } finally {
      model.dispose();
    }
  }
  const progress = completionProgress(o.quiet === true || o.json === true);
  try {
    const result = await completeTllc(labels, features, { ...tllcOptions(o), seed: o.seed, ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}) });
    report.sourceItems = result.source.items.length;
    report.workersFinetuned = result.workers.filter((w) => w.finetuned).length;
    if (result.warnings.length > 0) report.warnings = result.warnings;
    return result.labels;
  } finally {
    progress.stop();
  }
}

/** TLLC's options from the flags: `--preset poster` (the poster's own settings), then the flags, checked against the catalogue. */
function tllcOptions(o: CompleteCommandOptions): TllcOptions {
  const entry = methodEntry('tllc', 'complete');
  const options: TllcOptions = {};
  if (o.preset !== undefined) {
    if (o.preset !== 'poster' && o.preset !== 'default') throw new CrowdError('INVALID_ARGUMENT', `unknown TLLC preset ${JSON.stringify(o.preset)}`, { expected: 'default or poster' });
    if (o.preset === 'poster') Object.assign(options, TLLC_POSTER_PRESET);
  }
  if (o.embeddingDim !== undefined) options.embeddingDim = optionValue(entry, 'embeddingDim', o.embeddingDim) as number;
  if (o.completionRule !== undefined) options.completionRule = optionValue(entry, 'completionRule', o.completionRule) as CompletionRule;
  if (o.radius !== undefined) options.radius = optionValue(entry, 'radius', o.radius) as RadiusRule;
  return options;
}
