import { removeLabels, type CrowdLabels, type Features, type GoldLabels } from '@crowdlearn/core-matrix';
import {
  CROWDING_VARIANTS,
  crowdingPreset,
  dlCl,
  generatorAugmentedCrowdlayer,
  selfAugmentedCrowdlayer,
  trainCrowdInG,
  type CrowdInGOptions,
  type CrowdInGVariant,
  type EpochRecord,
} from '@crowdlearn/crowding';
import type { Dataset } from '@crowdlearn/datasets';
import { baseModelEntry, initBackend, modelAccuracy, type CrowdModel } from '@crowdlearn/neural';
import { runComparison, type RunOutcome } from '../engine/compare.js';
import { zoomed, type LineChart, type SuiteResult } from '../engine/results.js';
import { checkNames, datasetLoader } from './names.js';
import { startingPointTable } from './starting-points.js';
import type { SuiteOptions } from './options.js';

const VARIANTS = Object.keys(CROWDING_VARIANTS) as CrowdInGVariant[];
const BASELINES = ['dl-cl', 'dl-mv', 'doctor-net', 'dl-cl+self', 'dl-cl+ing'] as const;

/** The suite's methods: CrowdInG's variants and its baselines. */
export const CROWDING_SUITE_METHODS: readonly string[] = [...VARIANTS, ...BASELINES];

/** The data of one run: the crowd, its held-out splits, the dataset's settings. */
interface CrowdingRun {
  d: Dataset;
  labels: CrowdLabels;
  features: Features;
  test: { features: Features; gold: GoldLabels };
  options: CrowdInGOptions;
}

/**
 * The per-dataset settings (specs/crowding.md §2, §9): the base models'
 * preset (specs/dasc.md §5) for DL-CL, LCA off on Music, and the LabelMe
 * validation split for model selection (the reference code's protocol; the
 * starting point, epoch 0, is a candidate). Test accuracy is recorded after
 * every epoch for the learning curves, without selecting on it.
 */
function crowdingRun(d: Dataset, labels: CrowdLabels, seed: number, extra: CrowdInGOptions, quick: boolean): CrowdingRun {
  const test = d.test as { features: Features; gold: GoldLabels };
  const { preset, lca } = crowdingPreset(d.meta.name);
  return {
    d,
    labels,
    features: d.features as Features,
    test,
    options: { seed, crowdlayer: { preset }, lca, ...(quick ? { epochs: 10 } : {}), ...extra },
  };
}

/** One method on one run: CrowdInG (a variant) or a baseline, its test accuracy, and CrowdInG's per-epoch record. */
async function runMethod(method: string, run: CrowdingRun): Promise<{ value: number; extra?: Record<string, number>; history?: EpochRecord[] }> {
  const { d, labels, features, test, options } = run;
  const data = { labels, features };
  const accuracy = (m: CrowdModel) => modelAccuracy(m, test.features, test.gold);
  if ((VARIANTS as string[]).includes(method) || method === 'dl-cl+ing') {
    const valid = d.valid as { features: Features; gold: GoldLabels } | undefined;
    const r = await trainCrowdInG(
      { ...data, monitor: test, ...(valid !== undefined ? { valid } : {}) },
      { ...options, ...(method === 'dl-cl+ing' ? {} : { variant: method as CrowdInGVariant }) },
    );
    try {
      if (method === 'dl-cl+ing') {
        const ing = await generatorAugmentedCrowdlayer(r.model, data, { seed: options.seed ?? 0, ...(options.crowdlayer ? { crowdlayer: options.crowdlayer } : {}) });
        const value = accuracy(ing.model);
        ing.model.dispose();
        return { value };
      }
      const start = r.history[0]?.monitorAccuracy ?? Number.NaN;
      return { value: accuracy(r.model.classifier), extra: { startingPoint: start, bestEpoch: r.bestEpoch }, history: r.history };
    } finally {
      r.model.dispose();
    }
  }
  const preset = options.crowdlayer?.preset ?? 'default';
  // the paper's DL-MV and Doctor Net (its WDN) from the neural catalogue
  const catalogued: Record<string, string> = { 'dl-mv': 'mv-dl', 'doctor-net': 'wdn' };
  const model =
    method === 'dl-cl'
      ? dlCl(labels, options.crowdlayer)
      : catalogued[method] !== undefined
        ? baseModelEntry(catalogued[method]).create(labels, {}, preset)
        : undefined;
  if (model !== undefined) {
    await model.fit(data, { seed: options.seed ?? 0 });
    const value = accuracy(model);
    model.dispose();
    return { value };
  }
  const self = await selfAugmentedCrowdlayer(data, { seed: options.seed ?? 0, ...(options.crowdlayer ? { crowdlayer: options.crowdlayer } : {}) });
  const value = accuracy(self.model);
  self.model.dispose();
  return { value };
}

/**
 * CrowdInG's Tables 1-2 on the bundled data: test accuracy of CrowdInG, its
 * ablation variants (CrowdG, CrowdInGU, CrowdInGI, CrowdInGR, one-step) and
 * the baselines DL-CL (Crowdlayer MW, CrowdInG's starting point), DL-MV,
 * Doctor Net, DL-CL+Self and DL-CL+InG, on the `labelme` and `music` test
 * splits. The report plots the mean test accuracy per GAN epoch of each
 * variant (epoch 0 = the pretrained DL-CL).
 */
export async function crowdingSuite(o: SuiteOptions): Promise<SuiteResult> {
  const datasets = o.datasets ?? (o.quick ? ['music'] : ['labelme', 'music']);
  const seeds = o.seeds ?? (o.quick ? [0] : [0, 1, 2, 3, 4]);
  const all = [...VARIANTS, ...BASELINES];
  const methods = o.methods ?? (o.quick ? ['crowding', 'dl-cl'] : all);
  checkNames('method', methods, CROWDING_SUITE_METHODS);
  checkNames('dataset', datasets, ['labelme', 'music']);
  await initBackend();
  const get = datasetLoader();
  const curves = new Map<string, EpochRecord[][]>();
  const result = await runComparison({
    suite: 'crowding',
    metric: 'test accuracy',
    higherIsBetter: true,
    datasets,
    methods,
    seeds,
    onRun: o.onRun,
    run: async (name, method, seed): Promise<RunOutcome> => {
      const d = get(name);
      const r = await runMethod(method, crowdingRun(d, d.labels, seed, {}, o.quick));
      if (r.history !== undefined) curves.set(`${name}|${method}`, [...(curves.get(`${name}|${method}`) ?? []), r.history]);
      return { value: r.value, ...(r.extra !== undefined ? { extra: r.extra } : {}) };
    },
  });
  result.lineCharts = learningCurves(curves);
  result.notes.push(...startingPointTable(result.runs));
  return result;
}

/** Mean test accuracy after each GAN epoch, one chart per dataset, one line per variant. */
function learningCurves(curves: Map<string, EpochRecord[][]>): LineChart[] {
  const charts = new Map<string, LineChart>();
  for (const [key, runs] of curves) {
    const [dataset, method] = key.split('|') as [string, string];
    // a short title: the chart is narrow
    const title = `${dataset}: test accuracy per epoch`;
    let chart = charts.get(title);
    if (chart === undefined) charts.set(title, (chart = { title, xLabel: 'GAN epoch (0: pretrained DL-CL)', yLabel: 'test accuracy', series: [] }));
    const epochs = Math.min(...runs.map((r) => r.length));
    const points = Array.from({ length: epochs }, (_, t): [number, number] => [t, runs.reduce((s, r) => s + ((r[t] as EpochRecord).monitorAccuracy ?? Number.NaN), 0) / runs.length]);
    chart.series.push({ name: method, points });
  }
  return [...charts.values()].map(zoomed);
}


const REMOVED = [0, 0.2, 0.4, 0.6];

/**
 * CrowdInG's annotation-removal study (Fig. 5): remove a fraction p of the
 * observed annotations, keeping at least one per instance (specs/crowding.md
 * §9), for p in 0, 0.2, 0.4, 0.6, and compare CrowdInG, DL-CL and DL-MV.
 * Datasets are named `<dataset>@<p>`; the report plots accuracy against p.
 */
export async function crowdingSparsitySuite(o: SuiteOptions): Promise<SuiteResult> {
  const bases = o.datasets ?? (o.quick ? ['music'] : ['labelme', 'music']);
  checkNames('dataset', bases, ['labelme', 'music']);
  const datasets = bases.flatMap((b) => REMOVED.map((p) => `${b}@${p}`));
  const seeds = o.seeds ?? (o.quick ? [0] : [0, 1, 2]);
  const all = ['crowding', 'dl-cl', 'dl-mv'];
  const methods = o.methods ?? all;
  checkNames('method', methods, all);
  await initBackend();
  const get = datasetLoader();
  const result = await runComparison({
    suite: 'crowding-sparsity',
    metric: 'test accuracy',
    higherIsBetter: true,
    datasets,
    methods,
    seeds,
    onRun: o.onRun,
    run: async (name, method, seed): Promise<RunOutcome> => {
      const [dataset, p] = name.split('@') as [string, string];
      const d = get(dataset);
      const labels = removeLabels(d.labels, { fraction: Number(p), seed: 1000 + seed, keepOnePerItem: true });
      const r = await runMethod(method, crowdingRun(d, labels, seed, {}, o.quick));
      return { value: r.value, extra: { ...r.extra, annotations: labels.numLabels } };
    },
  });
  result.lineCharts = bases.map((b) => zoomed({
    title: `${b}: test accuracy against removed annotations`,
    xLabel: 'fraction of annotations removed',
    yLabel: 'test accuracy',
    series: methods.map((m) => ({
      name: m,
      points: REMOVED.map((p): [number, number] => [p, result.summary.find((r) => r.dataset === `${b}@${p}` && r.method === m)?.mean ?? Number.NaN]),
    })),
  }));
  result.notes.push(...startingPointTable(result.runs));
  return result;
}

const LAMBDAS = [0.1, 0.25, 0.5, 0.75, 1];
const THRESHOLDS = [0.2, 0.4, 0.5, 0.6, 0.8];

/**
 * CrowdInG's hyperparameter study (Fig. 6): the information weight λ in
 * 0.1-1 (t at its default) and the entropy threshold t in 0.2-0.8 (λ at its
 * default) on one dataset (default `labelme`, as the paper). Methods are
 * named `lambda=<λ>` and `t=<t>`; the report plots accuracy against each.
 */
export async function crowdingHyperSuite(o: SuiteOptions): Promise<SuiteResult> {
  const datasets = o.datasets ?? (o.quick ? ['music'] : ['labelme']);
  checkNames('dataset', datasets, ['labelme', 'music']);
  const seeds = o.seeds ?? (o.quick ? [0] : [0, 1, 2]);
  const all = [...LAMBDAS.map((l) => `lambda=${l}`), ...THRESHOLDS.map((t) => `t=${t}`)];
  const methods = o.methods ?? all;
  checkNames('method', methods, all);
  await initBackend();
  const get = datasetLoader();
  const result = await runComparison({
    suite: 'crowding-hyper',
    metric: 'test accuracy',
    higherIsBetter: true,
    datasets,
    methods,
    seeds,
    onRun: o.onRun,
    run: async (name, method, seed): Promise<RunOutcome> => {
      const d = get(name);
      const [key, value] = method.split('=') as [string, string];
      const setting = key === 'lambda' ? { informationWeight: Number(value) } : { entropyThreshold: Number(value) };
      const r = await runMethod('crowding', crowdingRun(d, d.labels, seed, setting, o.quick));
      return { value: r.value, ...(r.extra !== undefined ? { extra: r.extra } : {}) };
    },
  });
  result.lineCharts = datasets.flatMap((dataset) =>
    (
      [
        ['lambda', LAMBDAS, 'information weight λ'],
        ['t', THRESHOLDS, 'entropy threshold t'],
      ] as const
    ).map(([key, values, label]) => zoomed({
      title: `${dataset}: test accuracy against ${label}`,
      xLabel: label,
      yLabel: 'test accuracy',
      series: [
        {
          name: 'crowding',
          points: values
            .filter((v) => methods.includes(`${key}=${v}`))
            .map((v): [number, number] => [v, result.summary.find((r) => r.dataset === dataset && r.method === `${key}=${v}`)?.mean ?? Number.NaN]),
        },
      ],
    })),
  );
  result.notes.push(...startingPointTable(result.runs));
  return result;
}

/**
 * DL-CL schedules the starting-point study compares (issue: crowding):
 * `e<epochs>` trains for that many epochs of the preset's batch and keeps the
 * last epoch; `-valid` keeps the epoch with the best accuracy on the
 * dataset's validation split; `b<batch>` changes the minibatch size (more
 * Adam steps per epoch).
 */
const START_SCHEDULES: Readonly<Record<string, { epochs: number; batchSize?: number; valid: boolean }>> = {
  e50: { epochs: 50, valid: false },
  'e50-valid': { epochs: 50, valid: true },
  'e100-valid': { epochs: 100, valid: true },
  'e200-valid': { epochs: 200, valid: true },
  'e500-valid': { epochs: 500, valid: true },
  'b128-e25': { epochs: 25, batchSize: 128, valid: false },
  'b128-e50': { epochs: 50, batchSize: 128, valid: false },
  'b128-e100-valid': { epochs: 100, batchSize: 128, valid: true },
  'b64-e50-valid': { epochs: 50, batchSize: 64, valid: true },
};

/**
 * CrowdInG's starting point with more optimisation: DL-CL (Crowdlayer MW
 * from 2·I, the dataset's preset) trained on longer or finer schedules,
 * with model selection on the validation split (LabelMe's 500 items; the
 * paper's LabelMe augmentation, the training set tiled ten times, is in
 * effect ten times the epochs). Test accuracy; `extra.bestEpoch` records
 * the kept epoch.
 */
export async function crowdingStartSuite(o: SuiteOptions): Promise<SuiteResult> {
  const datasets = o.datasets ?? ['labelme'];
  checkNames('dataset', datasets, ['labelme']);
  const seeds = o.seeds ?? (o.quick ? [0] : [0, 1, 2, 3, 4]);
  const all = Object.keys(START_SCHEDULES);
  const methods = o.methods ?? (o.quick ? ['e50', 'e100-valid'] : all);
  checkNames('method', methods, all);
  await initBackend();
  const get = datasetLoader();
  return runComparison({
    suite: 'crowding-start',
    metric: 'test accuracy',
    higherIsBetter: true,
    datasets,
    methods,
    seeds,
    onRun: o.onRun,
    run: async (name, method, seed): Promise<RunOutcome> => {
      const d = get(name);
      const schedule = START_SCHEDULES[method] as (typeof START_SCHEDULES)[string];
      const valid = d.valid as { features: Features; gold: GoldLabels };
      const test = d.test as { features: Features; gold: GoldLabels };
      const model = dlCl(d.labels, {
        preset: 'labelme',
        training: { epochs: schedule.epochs, ...(schedule.batchSize !== undefined ? { batchSize: schedule.batchSize } : {}) },
      });
      try {
        const report = await model.fit({ labels: d.labels, features: d.features as Features }, { seed, ...(schedule.valid ? { validation: valid } : {}) });
        const history = Object.values(report.phases)[0];
        return { value: modelAccuracy(model, test.features, test.gold), extra: { bestEpoch: history?.bestEpoch ?? schedule.epochs } };
      } finally {
        model.dispose();
      }
    },
  });
}
