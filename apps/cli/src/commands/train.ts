import { accuracy, CrowdError, GoldLabels, type Features } from '@crowdlearn/core-matrix';
import type { AggregationResult } from '@crowdlearn/aggregators';
import { assertModelTarget, modelAccuracy, saveModel, type ClassifierResult } from '@crowdlearn/neural';
import { loadInput, type InputOptions } from '../input.js';
import { flagName, methodEntry, requestedPreset } from '../methods.js';
import { methodBackend, methodOptions, seedValue } from '../method-flags.js';
import { methodInputs, readLabelledFeatures, type InputFlags } from '../method-inputs.js';
import { fmt, isStdout, printJson } from '../output.js';
import { labelsDestination, writeAggregationOutputs, type AggregationOutputFlags } from '../aggregation-outputs.js';
import { runProgress } from '../progress.js';

/** Options of `crowdlearn train` (besides the method's own, derived from its catalogue entry). */
export interface TrainCommandOptions extends InputOptions, InputFlags, AggregationOutputFlags, Record<string, unknown> {
  method: string;
  save?: string;
  seed?: unknown;
  preset?: string;
  backend?: string;
  quiet?: boolean;
  json?: boolean;
}

/**
 * Runs a method that trains a model, through its catalogue entry: a
 * classifier (reports training and test accuracy, saves it with --save) or
 * truth inference by a trained model (reports accuracy with gold, writes
 * the inferred labels and the worker table as `aggregate` does). What the method reports of
 * its run (rounds, epochs kept, a starting point) joins the report.
 */
export async function trainCommand(file: string | undefined, o: TrainCommandOptions): Promise<void> {
  const entry = methodEntry(o.method, 'train');
  const classifier = entry.family === 'classifier';
  for (const flag of ['workersOut', 'proba', 'confusions', 'jsonDetail', 'outFormat'] as const) {
    if (classifier && o[flag] !== undefined) throw new CrowdError('INVALID_ARGUMENT', `${flagName(flag)} does not apply to ${o.method}`, { expected: 'a truth-inference method (mmlc-owf, crowdmeta)' });
  }
  if (classifier && o.out !== undefined) throw new CrowdError('INVALID_ARGUMENT', `--out writes inferred labels, which ${o.method} does not produce`, { expected: '--save <dir> for the trained model, or a truth-inference method (mmlc-owf, crowdmeta)' });
  if (!classifier && o.save !== undefined) throw new CrowdError('INVALID_ARGUMENT', `--save saves a classifier, which ${o.method} does not train`, { expected: '--out <file> for the inferred labels' });
  if (!classifier && o.test !== undefined) throw new CrowdError('INVALID_ARGUMENT', `--test scores a classifier, which ${o.method} does not train`, { expected: '--gold to score the inferred labels' });
  const options = methodOptions(entry, 'train', o);
  const seed = seedValue(o.seed);
  const preset = requestedPreset(entry, o);
  // checked before training, which can take minutes: --save never touches what is not a model saved before
  if (o.save !== undefined) await assertModelTarget(o.save, { replace: o.force === true });
  // truth inference by a trained model writes what `aggregate` writes; checked before training
  const out = classifier ? undefined : labelsDestination(o);
  const input = await loadInput(file, o);
  if (input.features === undefined) throw new CrowdError('INVALID_ARGUMENT', 'training needs item features', { expected: '--features <file> or a --dataset with features' });
  const features = input.features;
  const test = o.test !== undefined ? readTestFile(o.test, input.labels.classes.ids().map(String), features) : input.test?.features !== undefined ? { features: input.test.features, gold: input.test.gold } : undefined;
  const extra = methodInputs(entry, o, input, test);
  const backend = await methodBackend(entry, o.backend);
  const progress = runProgress(o.quiet === true || o.json === true);
  const t0 = performance.now();
  let result: ClassifierResult | AggregationResult;
  try {
    const context = { seed, ...(preset !== undefined ? { preset } : {}), ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}) };
    result = (await entry.run({ labels: input.labels, features, ...extra }, options, context)) as ClassifierResult | AggregationResult;
  } finally {
    progress.stop();
  }
  const seconds = (performance.now() - t0) / 1000;
  const report: Record<string, unknown> = {
    method: o.method,
    source: input.source,
    backend,
    items: input.labels.numItems,
    workers: input.labels.numWorkers,
    labels: input.labels.numLabels,
    classes: input.labels.numClasses,
    seconds,
    ...result.details,
  };
  const gold = input.gold !== undefined && input.gold.size > 0 ? input.gold : undefined;
  if ('classifier' in result) {
    try {
      if (gold !== undefined) report.trainAccuracy = modelAccuracy(result.classifier, features, gold);
      if (test !== undefined) report.testAccuracy = modelAccuracy(result.classifier, test.features, test.gold);
      if (o.save !== undefined) {
        await saveModel(result.classifier, o.save, { replace: o.force === true, classes: input.labels.classes.ids().map(String), featureNames: features.columnNames });
        report.saved = o.save;
      }
    } finally {
      result.dispose();
    }
  } else {
    if (gold !== undefined) report.accuracy = accuracy(result.labels, gold);
    await writeAggregationOutputs(input, result, o, report);
  }
  if (o.json === true) return printJson(report);
  // with the labels on standard output, the summary goes to standard error
  (isStdout(out) ? process.stderr : process.stdout).write(summaryLines(report, gold?.size).join('\n') + '\n');
}

/** The text report: the run, what the method reports of it, the accuracies, where things were written. */
function summaryLines(report: Record<string, unknown>, goldItems: number | undefined): string[] {
  const lines = [`${report.method as string} on ${report.source as string} (${report.backend as string}): ${fmt(report.seconds as number, 1)} s`];
  const rounds = report.rounds as { selected: number; imbalanceRatio: number }[] | number | undefined;
  if (Array.isArray(rounds)) lines.push(`self-training around ${report.base as string}: ${rounds.length - 1} rounds, ${rounds.reduce((a, r) => a + r.selected, 0)} pseudo-annotations, imbalance ratio ${rounds.map((r) => r.imbalanceRatio.toFixed(2)).join(' → ')}`);
  if (report.bestEpoch !== undefined) lines.push(`${report.variant as string}: ${report.epochs as number} epochs, kept epoch ${report.bestEpoch as number} (${report.selectedBy as string})`);
  if (report.preset !== undefined && typeof report.epochs === 'number') lines.push(`preset ${report.preset as string}, ${report.epochs} epochs`);
  if (report.trainAccuracy !== undefined) lines.push(`accuracy on the crowd items ${fmt(100 * (report.trainAccuracy as number), 2)}%`);
  if (report.testAccuracy !== undefined) {
    const start = report.startingTestAccuracy !== undefined ? ` (starting point ${fmt(100 * (report.startingTestAccuracy as number), 2)}%)` : '';
    lines.push(`test accuracy ${fmt(100 * (report.testAccuracy as number), 2)}%${start}`);
  }
  if (report.accuracy !== undefined) lines.push(`accuracy ${fmt(100 * (report.accuracy as number), 2)}% on ${goldItems} gold items`);
  for (const w of (report.warnings as string[] | undefined) ?? []) lines.push(`warning: ${w}`);
  if (report.saved !== undefined) lines.push(`model saved to ${report.saved as string}`);
  if (report.out !== undefined) lines.push(`labels written to ${report.out as string}`);
  if (report.workersOut !== undefined) lines.push(`worker table written to ${report.workersOut as string}`);
  return lines;
}

/** A test set file: CSV with a header `id, f1..fd, label` (the last column is the class, one the crowd used). */
function readTestFile(path: string, classNames: string[], train: Features): { features: Features; gold: GoldLabels } {
  const test = readLabelledFeatures(path, train.numCols, classNames);
  return { features: test.features, gold: GoldLabels.fromArray(Array.from(test.classes), classNames.length) };
}
