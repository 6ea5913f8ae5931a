import { accuracy, CrowdError, GoldLabels, type Features } from '@crowdlearn/core-matrix';
import { oracleWorker, type OracleWorkerResult } from '@crowdlearn/mmlc';
import { assertModelTarget, initBackend, modelAccuracy, presetFor, saveModel } from '@crowdlearn/neural';
import { DASC_BASES, DASC_CLASSIFIER, dascBaseModel, defaultDascBase, roundBudget, selfTrain } from '@crowdlearn/dasc';
import { loadInput, readFeatureTable, type InputOptions, type LoadedInput } from '../input.js';
import { methodEntry, optionValue, requestedPreset } from '../methods.js';
import type { BaseModelEntry } from '@crowdlearn/neural';
import { assertWritable, fmt, inferredLabelsCsv, printJson, writeOutput } from '../output.js';
import { mmlcPreset, owfCentre, trainMmlc } from '../mmlc.js';
import { crowdMetaCommand } from '../crowdmeta.js';
import { trainCrowdingCli, type CrowdingCliOptions } from '../crowding.js';
import { trainingProgress } from '../progress.js';

/** Options of `crowdlearn train`. */
export interface TrainCommandOptions extends InputOptions, CrowdingCliOptions {
  method: string;
  test?: string;
  save?: string;
  seed?: number;
  epochs?: number;
  preset?: string;
  backend?: string;
  quiet?: boolean;
  json?: boolean;
  /** DASC: the base model. */
  base?: string;
  /** DASC: self-training rounds. */
  rounds?: number;
  /** DASC: pseudo-annotations per round, a fraction of the empty cells (< 1) or a count. */
  budget?: number;
  /** MMLC-owf: the centre estimator. */
  centre?: string;
  /** MMLC-owf: worker weighting of the centre. */
  weighting?: string;
  /** MMLC-owf and CrowdMeta: where to write the inferred labels. */
  out?: string;
  force?: boolean;
  /** CrowdMeta: the source-domain and support files, meta-iterations, second-order MAML. */
  source?: string;
  support?: string;
  metaIters?: number;
  secondOrder?: boolean;
}

/** Trains a base model; reports training (and test) accuracy; saves it with --save. */
export async function trainCommand(file: string | undefined, o: TrainCommandOptions): Promise<void> {
  // checked before training, which can take minutes: --save never touches what is not a model saved before
  if (o.save !== undefined) await assertModelTarget(o.save, { replace: o.force === true });
  const input = await loadInput(file, o);
  if (input.features === undefined) throw new CrowdError('INVALID_ARGUMENT', 'training needs item features', { expected: '--features <file> or a --dataset with features' });
  const features = input.features;
  const backend = await initBackend(o.backend !== undefined ? { backend: o.backend as 'wasm' } : {});
  if (o.method === 'mmlc-owf') return oracleWorkerCommand(input, features, backend.name, o);
  if (o.method === 'crowdmeta') return crowdMetaCommand(input, features, backend.name, o);
  if (o.method === 'crowding') return crowdingCommand(input, features, backend.name, o);
  if (o.out !== undefined) throw new CrowdError('INVALID_ARGUMENT', `--out writes inferred labels, which ${o.method} does not produce`, { expected: '--save <dir> for the trained model, or --method mmlc-owf / crowdmeta' });
  const preset = presetFor(requestedPreset(methodEntry(o.method, 'train'), o));
  const dasc = o.method === 'dasc';
  // DASC wraps a base model with the DASC specification's settings, by default the one its README's numbers come from
  const base = o.base ?? defaultDascBase(preset);
  if (dasc && !(base in DASC_BASES)) {
    throw new CrowdError('INVALID_ARGUMENT', `unknown DASC base model ${JSON.stringify(o.base)}`, { expected: `one of ${Object.keys(DASC_BASES).join(', ')}` });
  }
  const shape = { numClasses: input.labels.numClasses, numWorkers: input.labels.numWorkers };
  const epochs = o.epochs !== undefined ? { epochs: Number(o.epochs) } : {};
  const model = dasc
    ? dascBaseModel(base, shape, preset, undefined, epochs)
    : (methodEntry(o.method, 'train') as BaseModelEntry).create(shape, epochs, preset);
  const progress = trainingProgress(o.quiet === true || o.json === true);
  const t0 = performance.now();
  let rounds: { round: number; selected: number; imbalanceRatio: number }[] | undefined;
  try {
    if (dasc) {
      const result = await selfTrain(model, { labels: input.labels, features }, {
        seed: o.seed ?? 0,
        rounds: optionValue(DASC_CLASSIFIER, 'rounds', o.rounds) as number,
        budget: roundBudget(o.budget ?? (optionValue(DASC_CLASSIFIER, 'budget', undefined) as number), '--budget'),
        ...(input.gold !== undefined ? { gold: input.gold } : {}),
        ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}),
      });
      rounds = result.rounds.map((r) => ({ round: r.round, selected: r.selected, imbalanceRatio: r.imbalanceRatio }));
    } else {
      await model.fit({ labels: input.labels, features }, { seed: o.seed ?? 0, ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}) });
    }
  } finally {
    progress.stop();
  }
  const seconds = (performance.now() - t0) / 1000;
  const report: Record<string, unknown> = {
    method: o.method,
    source: input.source,
    backend: backend.name,
    items: input.labels.numItems,
    workers: input.labels.numWorkers,
    labels: input.labels.numLabels,
    classes: input.labels.numClasses,
    seconds,
  };
  if (rounds !== undefined) {
    report.base = base;
    report.rounds = rounds;
  }
  if (input.gold !== undefined && input.gold.size > 0) report.trainAccuracy = modelAccuracy(model, features, input.gold);
  const test = o.test !== undefined ? readTestFile(o.test, input.labels.classes.ids().map(String), features) : input.test;
  if (test?.features !== undefined) report.testAccuracy = modelAccuracy(model, test.features, test.gold);
  if (o.save !== undefined) {
    await saveModel(model, o.save, { replace: o.force === true });
    report.saved = o.save;
  }
  model.dispose();
  if (o.json === true) return printJson(report);
  const lines = [`${o.method} on ${input.source} (${backend.name}): ${fmt(seconds, 1)} s`];
  if (rounds !== undefined) lines.push(`self-training: ${rounds.length - 1} rounds, ${rounds.reduce((a, r) => a + r.selected, 0)} pseudo-annotations, imbalance ratio ${rounds.map((r) => r.imbalanceRatio.toFixed(2)).join(' → ')}`);
  if (report.trainAccuracy !== undefined) lines.push(`accuracy on the crowd items ${fmt(100 * (report.trainAccuracy as number), 2)}%`);
  if (report.testAccuracy !== undefined) lines.push(`test accuracy ${fmt(100 * (report.testAccuracy as number), 2)}%`);
  if (o.save !== undefined) lines.push(`model saved to ${o.save}`);
  process.stdout.write(lines.join('\n') + '\n');
}

/** MMLC-owf: trains the worker model, infers the truth from the oracle worker, reports accuracy with gold, writes task,label rows with --out. */
async function oracleWorkerCommand(input: LoadedInput, features: Features, backend: string, o: TrainCommandOptions): Promise<void> {
  if (o.save !== undefined) throw new CrowdError('UNSUPPORTED', 'mmlc-owf models cannot be saved yet', { expected: 'no --save; --out writes the inferred labels' });
  assertWritable(o.out, o.force === true);
  // checked before training, which can take minutes
  const centre = owfCentre(mmlcPreset(o), input.labels.numWorkers, o.centre, o.weighting);
  const t0 = performance.now();
  const { model, preset, epochs } = await trainMmlc(input.labels, features, o);
  let owf: OracleWorkerResult;
  try {
    owf = oracleWorker(model, input.labels, features, centre);
  } finally {
    model.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  const { labels } = input;
  const report: Record<string, unknown> = {
    method: o.method,
    source: input.source,
    backend,
    preset,
    epochs,
    items: labels.numItems,
    workers: labels.numWorkers,
    labels: labels.numLabels,
    classes: labels.numClasses,
    seconds,
    oracle: Array.from(owf.oracle),
  };
  if (input.gold !== undefined && input.gold.size > 0) report.accuracy = accuracy(owf.labels, input.gold);
  if (o.out !== undefined) {
    await writeOutput(o.out, inferredLabelsCsv(labels, owf.labels), o.force === true);
    report.out = o.out;
  }
  if (o.json === true) return printJson(report);
  const lines = [`mmlc-owf on ${input.source} (${backend}, preset ${preset}, ${epochs} epochs): ${fmt(seconds, 1)} s`];
  if (report.accuracy !== undefined) lines.push(`accuracy ${fmt(100 * (report.accuracy as number), 2)}% on ${input.gold?.size} gold items`);
  if (o.out !== undefined) lines.push(`labels written to ${o.out}`);
  process.stdout.write(lines.join('\n') + '\n');
}

/** A test set file: CSV with a header `id, f1..fd, label` (the last column is the class). */
function readTestFile(path: string, classNames: string[], train: Features): { features: Features; gold: GoldLabels } {
  const table = readFeatureTable(path, true);
  if (table.features.numCols !== train.numCols) {
    throw new CrowdError('SHAPE_MISMATCH', 'the test features differ in width from the training features', { source: path, expected: String(train.numCols), found: String(table.features.numCols) });
  }
  const gold = (table.labels ?? []).map((name, j) => {
    const k = classNames.indexOf(name);
    if (k < 0) throw new CrowdError('UNKNOWN_CLASS', `unknown class in the test file, row ${j + 1}`, { source: path, found: JSON.stringify(name) });
    return k;
  });
  return { features: table.features, gold: GoldLabels.fromArray(gold, classNames.length) };
}

/** CrowdInG: pretrains DL-CL, runs the GAN epochs, reports the starting point's and the final test accuracy, saves the classifier with --save. */
async function crowdingCommand(input: LoadedInput, features: Features, backend: string, o: TrainCommandOptions): Promise<void> {
  if (o.out !== undefined) throw new CrowdError('INVALID_ARGUMENT', '--out writes inferred labels, which crowding does not produce', { expected: '--save <dir> for the classifier, or `complete --method crowding` for the augmented annotations' });
  const test = o.test !== undefined ? readTestFile(o.test, input.labels.classes.ids().map(String), features) : input.test;
  const monitored = test?.features !== undefined ? { features: test.features, gold: test.gold } : undefined;
  const t0 = performance.now();
  const result = await trainCrowdingCli(input, features, o, monitored);
  const seconds = (performance.now() - t0) / 1000;
  const { model, history, bestEpoch, settings } = result;
  const report: Record<string, unknown> = {
    method: o.method,
    variant: o.variant ?? 'crowding',
    source: input.source,
    backend,
    items: input.labels.numItems,
    workers: input.labels.numWorkers,
    labels: input.labels.numLabels,
    classes: input.labels.numClasses,
    epochs: settings.epochs,
    bestEpoch,
    selectedBy: input.valid?.features !== undefined ? 'validation accuracy' : 'last epoch',
    seconds,
  };
  try {
    if (input.gold !== undefined && input.gold.size > 0) report.trainAccuracy = modelAccuracy(model.classifier, features, input.gold);
    if (monitored !== undefined) {
      report.startingTestAccuracy = history[0]?.monitorAccuracy;
      report.testAccuracy = modelAccuracy(model.classifier, monitored.features, monitored.gold);
    }
    if (o.save !== undefined) {
      await saveModel(model.classifier, o.save, { replace: o.force === true });
      report.saved = o.save;
    }
  } finally {
    model.dispose();
  }
  if (o.json === true) return printJson(report);
  const lines = [`crowding (${report.variant as string}) on ${input.source} (${backend}): ${settings.epochs} GAN epochs, kept epoch ${bestEpoch} (${report.selectedBy as string}), ${fmt(seconds, 1)} s`];
  if (report.trainAccuracy !== undefined) lines.push(`accuracy on the crowd items ${fmt(100 * (report.trainAccuracy as number), 2)}%`);
  if (report.testAccuracy !== undefined) lines.push(`test accuracy ${fmt(100 * (report.testAccuracy as number), 2)}% (DL-CL starting point ${fmt(100 * (report.startingTestAccuracy as number), 2)}%)`);
  if (o.save !== undefined) lines.push(`classifier saved to ${o.save}`);
  process.stdout.write(lines.join('\n') + '\n');
}
