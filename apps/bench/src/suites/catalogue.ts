import { accuracy, type CompletionEntry, type CompletionResult } from '@crowdlearn/core-matrix';
import { aggregate } from '@crowdlearn/aggregators';
import { CROWDING_CLASSIFIER, CROWDING_COMPLETION } from '@crowdlearn/crowding';
import { DASC_CLASSIFIER } from '@crowdlearn/dasc';
import { listDatasets, type Dataset } from '@crowdlearn/datasets';
import { MMLC_COMPLETION } from '@crowdlearn/mmlc';
import { BASE_MODELS, modelAccuracy, type ClassifierEntry, type ClassifierResult } from '@crowdlearn/neural';
import { TLLC_COMPLETION } from '@crowdlearn/tllc';
import { runComparison, type RunOutcome } from '../engine/compare.js';
import type { SuiteResult } from '../engine/results.js';
import { checkNames, datasetLoader } from './names.js';
import { userDataSizes, type SuiteOptions } from './options.js';

/**
 * Every label-completion method of the packages' catalogues, at its
 * defaults: what the `completion` suite runs. A method added to one of
 * these catalogues joins the suite.
 */
export const CATALOGUE_COMPLETION: readonly CompletionEntry[] = [...TLLC_COMPLETION, ...MMLC_COMPLETION, CROWDING_COMPLETION];

/** Every trained-classifier method of the packages' catalogues, at its defaults: what the `classifiers` suite runs. */
export const CATALOGUE_CLASSIFIERS: readonly ClassifierEntry[] = [...BASE_MODELS, DASC_CLASSIFIER, CROWDING_CLASSIFIER] as readonly ClassifierEntry[];

/** The bundled datasets a family can run on: with features and gold (completion), with features and a test split (classifiers). */
function datasetsWith(need: 'gold' | 'test'): string[] {
  return listDatasets()
    .filter((m) => m.featureDim > 0 && (need === 'gold' ? m.goldItems > 0 : (m.splits.test ?? 0) > 0))
    .map((m) => m.name);
}

/** The suite's method, bundled dataset and seed lists, checked; the user's crowds (`--data`) follow the bundled datasets. */
function plan(o: SuiteOptions, names: string[], need: 'gold' | 'test'): { methods: string[]; datasets: string[]; seeds: number[] } {
  const methods = o.methods ?? names;
  const datasets = o.datasets ?? datasetsWith(need);
  checkNames('method', methods, names);
  checkNames('dataset', datasets, listDatasets().map((m) => m.name));
  return { methods, datasets: [...datasets, ...(o.data ?? []).map((d) => d.name)], seeds: o.seeds ?? (o.quick ? [0] : [0, 1, 2]) };
}

/** The suite's datasets by name: the user's crowds, else the bundled ones (each loaded once). */
function crowdLoader(o: SuiteOptions): (name: string) => Pick<Dataset, 'labels' | 'gold' | 'features'> & { preset?: string } {
  const user = new Map((o.data ?? []).map((d) => [d.name, d]));
  const bundled = datasetLoader();
  return (name) => {
    const mine = user.get(name);
    if (mine !== undefined) return mine;
    const d = bundled(name);
    return { labels: d.labels, ...(d.gold !== undefined ? { gold: d.gold } : {}), ...(d.features !== undefined ? { features: d.features } : {}), preset: d.meta.name };
  };
}

/** A dataset as a completion method's input: its labels and, where it has them, its features. */
const input = (d: Pick<Dataset, 'labels' | 'features'>) => ({ labels: d.labels, ...(d.features !== undefined ? { features: d.features } : {}) });

/**
 * Every completion method of the catalogues at its defaults (the dataset's
 * preset where the method has one): majority vote's accuracy on the gold
 * items after completion, beside which the report's `mv-before` row is MV on
 * the observed labels alone. Long: MMLC-df's Music preset trains 15,000 epochs.
 */
export async function completionSuite(o: SuiteOptions): Promise<SuiteResult> {
  const entries = [...CATALOGUE_COMPLETION, ...((o.extraMethods ?? []) as CompletionEntry[])];
  const names = entries.map((e) => e.name);
  const p = plan(o, [...names, 'mv-before'], 'gold');
  const get = crowdLoader(o);
  const sizes = userDataSizes(o.data);
  const result = await runComparison({
    suite: 'completion',
    metric: 'MV accuracy after completion',
    higherIsBetter: true,
    ...p,
    deterministic: new Set([...entries.filter((e) => e.capabilities.randomness === 'deterministic').map((e) => e.name), 'mv-before']),
    onRun: o.onRun,
    run: async (name, method, seed): Promise<RunOutcome> => {
      const d = get(name);
      if (d.gold === undefined) return { skipped: 'no gold' };
      if (method === 'mv-before') return { value: accuracy(aggregate(d.labels, { method: 'mv', seed }).labels, d.gold) };
      const entry = entries.find((e) => e.name === method) as CompletionEntry;
      if (entry.capabilities.needsFeatures && d.features === undefined) return { skipped: 'needs features' };
      const r: CompletionResult = await entry.run(input(d), {}, { seed, ...(d.preset !== undefined ? { preset: d.preset } : {}) });
      return { value: accuracy(aggregate(r.labels, { method: 'mv', seed }).labels, d.gold), extra: { completed: r.completed } };
    },
  });
  return sizes !== undefined ? { ...result, datasetSizes: sizes } : result;
}

/**
 * Every trained-classifier method of the catalogues at its defaults (the
 * dataset's preset; the validation split where the method's protocol uses
 * it): test accuracy of the trained classifier.
 */
export async function classifiersSuite(o: SuiteOptions): Promise<SuiteResult> {
  const entries = [...CATALOGUE_CLASSIFIERS, ...((o.extraMethods ?? []) as ClassifierEntry[])];
  const names = entries.map((e) => e.name);
  const p = plan(o, names, 'test');
  const get = datasetLoader();
  return runComparison({
    suite: 'classifiers',
    metric: 'test accuracy',
    higherIsBetter: true,
    ...p,
    deterministic: new Set(),
    onRun: o.onRun,
    run: async (name, method, seed): Promise<RunOutcome> => {
      const d = get(name);
      if (d.features === undefined || d.test?.features === undefined) return { skipped: 'no features or test split' };
      const entry = entries.find((e) => e.name === method) as ClassifierEntry;
      const validation = entry.capabilities.inputs?.validation !== undefined && d.valid?.features !== undefined ? { validation: { features: d.valid.features, gold: d.valid.gold } } : {};
      const r: ClassifierResult = await entry.run({ labels: d.labels, features: d.features, ...validation }, {}, { seed, preset: d.meta.name });
      try {
        return { value: modelAccuracy(r.classifier, d.test.features, d.test.gold) };
      } finally {
        r.dispose();
      }
    },
  });
}
