import { accuracy, type CrowdLabels, type Features, type GoldLabels } from '@crowdlearn/core-matrix';
import { aggregate } from '@crowdlearn/aggregators';
import type { Dataset } from '@crowdlearn/datasets';
import { initBackend, modelAccuracy } from '@crowdlearn/neural';
import {
  densitySweep,
  fillGirt,
  fillGmv,
  fillWithModel,
  MMLC_PRESETS,
  MmlcModel,
  mmlcConfig,
  oracleWorker,
  presetCentre,
  upperLimit,
  type CentreOptions,
  type OracleWorkerResult,
} from '@crowdlearn/mmlc';
import { runComparison, type RunOutcome } from '../engine/compare.js';
import type { LineChart, ScatterChart, SuiteResult, SummaryRow } from '../engine/results.js';
import { principalPlane } from '../stats/pca.js';
import { BASES, makeBase, type Base } from './base-models.js';
import { checkNames, datasetLoader } from './names.js';
import type { SuiteOptions } from './options.js';
import { aggregateByName } from './aggregate-by-name.js';

/** The datasets with MMLC presets. */
export const MMLC_DATASETS = ['music', 'labelme'] as const;
/** A dataset with an MMLC preset. */
export type MmlcDataset = (typeof MMLC_DATASETS)[number];
/** The statistical aggregators of the paper's Table 2 (and its density study). */
const AGGREGATORS = ['mv', 'ds', 'fds', 'hds'] as const;
/** Table 1: truth inference on the crowd items. */
const TABLE1 = [...AGGREGATORS, 'glad', ...BASES, 'mmlc-owf'];
/** The centre study (Fig. 3): the other estimators; `-w` is the code's worker weighting ('scale'). */
const CENTRES: Record<string, CentreOptions> = {
  'owf-mean': { centre: 'mean' },
  'owf-median': { centre: 'median' },
  'owf-kde-w': { centre: 'kde', weighting: 'scale' },
  'owf-mean-w': { centre: 'mean', weighting: 'scale' },
  'owf-median-w': { centre: 'median', weighting: 'scale' },
};
const FILLERS = ['mmlc-df', 'g-mv', 'g-irt'] as const;
type Filler = (typeof FILLERS)[number];
/** Table 2: each aggregator on each filled input, named `<aggregator>+<filler>`. */
const DF = AGGREGATORS.flatMap((a) => FILLERS.map((f) => `${a}+${f}`));
/** The suite's methods: Table 1, the centre study, the upper limit, Table 2's `<aggregator>+<filler>`. */
export const MMLC_SUITE_METHODS: string[] = [...TABLE1, ...Object.keys(CENTRES), 'upper-limit', ...DF];
const ALL = MMLC_SUITE_METHODS;
const QUICK = ['mv', 'ds', 'mmlc-owf', 'owf-mean', 'upper-limit', 'mv+mmlc-df', 'ds+mmlc-df', 'mv+g-mv', 'mv+g-irt'];
/** --quick trains far fewer epochs than the presets (Music's accuracy is flat after about 100 of its 15,000). */
const QUICK_EPOCHS: Record<MmlcDataset, number> = { music: 300, labelme: 15 };
/** The code's density grids of b (spec §5). */
const SWEEP: Record<MmlcDataset, number[]> = {
  music: Array.from({ length: 41 }, (_, j) => 10 * j),
  labelme: Array.from({ length: 20 }, (_, j) => 10 * j),
};

/** A trained MMLC model with its oracle worker. */
export interface Trained {
  model: MmlcModel;
  owf: OracleWorkerResult;
  kde: CentreOptions;
  seconds: number;
}

/**
 * MMLC's evaluation on the bundled Music and LabelMe crowds (specs/mmlc.md
 * §7): truth-inference accuracy on the crowd items of MMLC-owf (KDE, the
 * code's bandwidths) against MV, DS, FDS, HDS, GLAD and the neural base
 * models (Table 1); the other centre estimators and the gold-using "Truth"
 * upper limit (Fig. 3); MV, DS, FDS and HDS after filling with MMLC-df,
 * G_MV and G_IRT, as the change from the unfilled data (Table 2); accuracy
 * against filling density (Fig. 5) and the worker projections (Fig. 2, by
 * PCA instead of Isomap) in the report. One MMLC model per dataset and seed
 * feeds every MMLC method.
 */
export async function mmlcSuite(o: SuiteOptions): Promise<SuiteResult> {
  const datasets = (o.datasets ?? (o.quick ? ['music'] : [...MMLC_DATASETS])) as MmlcDataset[];
  const seeds = o.seeds ?? (o.quick ? [0] : [0, 1, 2, 3, 4]);
  const methods = o.methods ?? (o.quick ? QUICK : ALL);
  checkNames('method', methods, ALL);
  checkNames('dataset', datasets, MMLC_DATASETS);
  await initBackend();
  const get = datasetLoader();
  const trained = new Map<string, Trained>();
  const filled = new Map<string, CrowdLabels>();
  const sweeps = new Map<MmlcDataset, Map<number, { density: number; accuracy: Record<string, number> }[]>>();
  const scatters: ScatterChart[] = [];

  const crowd = (name: MmlcDataset) => {
    const d = get(name);
    return { d, labels: d.labels, features: d.features as Features, gold: d.gold as GoldLabels };
  };
  const mmlcOf = async (name: MmlcDataset, seed: number): Promise<Trained> => {
    const key = `${name}/${seed}`;
    let t = trained.get(key);
    if (t !== undefined) return t;
    // one dataset's models at a time
    for (const [k, old] of trained) {
      if (!k.startsWith(`${name}/`)) {
        old.model.dispose();
        trained.delete(k);
      }
    }
    const { labels, features, gold } = crowd(name);
    const { model, owf, kde, seconds } = await fitPreset(name, labels, features, seed, o.quick);
    t = { model, owf, kde, seconds };
    trained.set(key, t);
    if (seed === seeds[0]) scatters.push(projectionScatter(name, seed, model, owf, labels, gold));
    return t;
  };
  const filledOf = async (name: MmlcDataset, filler: Filler, seed: number): Promise<CrowdLabels> => {
    const key = `${name}/${filler}/${seed}`;
    let f = filled.get(key);
    if (f !== undefined) return f;
    const { labels, features, gold } = crowd(name);
    if (filler === 'mmlc-df') {
      const { model } = await mmlcOf(name, seed);
      f = fillWithModel(model, labels, features);
      recordSweep(name, seed, [...densitySweep(model, labels, features, SWEEP[name])].map((p) => ({
        density: p.density,
        accuracy: Object.fromEntries(AGGREGATORS.map((a) => [a, accuracy(aggregate(p.labels, { method: a, seed }).labels, gold)])),
      })));
    } else {
      f = filler === 'g-mv' ? fillGmv(labels, { seed }) : fillGirt(labels, { seed }).labels;
    }
    for (const k of filled.keys()) if (!k.startsWith(`${name}/`)) filled.delete(k);
    filled.set(key, f);
    return f;
  };
  const recordSweep = (name: MmlcDataset, seed: number, points: { density: number; accuracy: Record<string, number> }[]) => {
    let bySeed = sweeps.get(name);
    if (bySeed === undefined) sweeps.set(name, (bySeed = new Map()));
    bySeed.set(seed, points);
  };

  const result = await runComparison({
    suite: 'mmlc',
    metric: 'accuracy',
    higherIsBetter: true,
    datasets,
    methods,
    seeds,
    onRun: o.onRun,
    run: async (dataset, method, seed): Promise<RunOutcome> => {
      const name = dataset as MmlcDataset;
      const { d, labels, features, gold } = crowd(name);
      if (method === 'glad' || (AGGREGATORS as readonly string[]).includes(method)) {
        return { value: accuracy((await aggregateByName(method, labels, seed)).labels, gold) };
      }
      if ((BASES as readonly string[]).includes(method)) return { value: await baseModelAccuracy(method as Base, d, seed) };
      if (method === 'mmlc-owf') {
        const t = await mmlcOf(name, seed);
        return { value: accuracy(t.owf.labels, gold), extra: { trainingSeconds: t.seconds } };
      }
      if (method in CENTRES) {
        const t = await mmlcOf(name, seed);
        const centre = { ...(CENTRES[method] as CentreOptions), ...(CENTRES[method]?.centre === 'kde' ? { bandwidth: t.kde.bandwidth, grid: t.kde.grid } : {}) } as CentreOptions;
        return { value: accuracy(oracleWorker(t.model, labels, features, centre).labels, gold) };
      }
      if (method === 'upper-limit') {
        const t = await mmlcOf(name, seed);
        return { value: (await upperLimit(t.model, features, gold, { start: t.owf.oracle, seed })).accuracy, extra: { usesGold: true } };
      }
      const [aggregator, filler] = method.split('+') as [string, Filler];
      const input = await filledOf(name, filler, seed);
      const after = accuracy((await aggregateByName(aggregator, input, seed)).labels, gold);
      const before = accuracy((await aggregateByName(aggregator, labels, seed)).labels, gold);
      return { value: after, extra: { change: after - before, filledCells: input.numLabels - labels.numLabels } };
    },
  });
  for (const t of trained.values()) t.model.dispose();
  result.notes.push(...settingsNotes(datasets, o.quick), '', ...table2(result, datasets), '', ...trainingNotes(result, datasets));
  result.lineCharts = densityCharts(sweeps);
  result.scatterCharts = scatters;
  return result;
}

/** MMLC with the dataset's preset (--quick: fewer epochs) and its oracle worker with the code's KDE settings. */
export async function fitPreset(name: MmlcDataset, labels: CrowdLabels, features: Features, seed: number, quick: boolean): Promise<Trained> {
  const model = new MmlcModel(labels.numClasses, labels.numWorkers, mmlcConfig(name, labels.numWorkers, quick ? { epochs: QUICK_EPOCHS[name] } : {}));
  const t0 = performance.now();
  await model.fit(labels, features, { seed });
  const seconds = (performance.now() - t0) / 1000;
  const kde = presetCentre(name, labels.numWorkers);
  return { model, owf: oracleWorker(model, labels, features, kde), kde, seconds };
}

/** A base model trained on the crowd; its accuracy on the crowd items (truth inference). */
async function baseModelAccuracy(base: Base, d: Dataset, seed: number): Promise<number> {
  const model = makeBase(base, d);
  try {
    await model.fit({ labels: d.labels, features: d.features as Features }, { seed });
    return modelAccuracy(model, d.features as Features, d.gold as GoldLabels);
  } finally {
    model.dispose();
  }
}

/** The workers' projection vectors in their principal plane, coloured by accuracy against gold, with the oracle marked. */
function projectionScatter(name: string, seed: number, model: MmlcModel, owf: OracleWorkerResult, labels: CrowdLabels, gold: GoldLabels): ScatterChart {
  const E = model.config.experts;
  const rows = new Float64Array(owf.workers.length * E);
  owf.workers.forEach((r, j) => rows.set(owf.projections.subarray(r * E, (r + 1) * E), j * E));
  const { coords, extraCoords } = principalPlane(rows, owf.workers.length, E, [owf.oracle]);
  const hits = new Float64Array(labels.numWorkers);
  const judged = new Float64Array(labels.numWorkers);
  for (let e = 0; e < labels.numLabels; e++) {
    const g = gold.get(labels.item[e] as number);
    if (g === undefined) continue;
    judged[labels.worker[e] as number]!++;
    if (labels.label[e] === g) hits[labels.worker[e] as number]!++;
  }
  const [ox, oy] = extraCoords[0] as [number, number];
  return {
    title: `${name}: worker projections (seed ${seed})`,
    xLabel: 'PC 1',
    yLabel: 'PC 2',
    valueLabel: 'accuracy',
    points: owf.workers.reduce<ScatterChart['points']>((acc, r, j) => {
      const [x, y] = coords[j] as [number, number];
      if ((judged[r] as number) > 0) acc.push({ name: `worker ${labels.workers.idOf(r)} (${judged[r]} labels)`, x, y, value: (hits[r] as number) / (judged[r] as number) });
      return acc;
    }, []),
    marks: [{ name: 'oracle', x: ox, y: oy }],
  };
}

/** Accuracy of each aggregator against filling density, mean over seeds (Fig. 5). */
function densityCharts(sweeps: Map<MmlcDataset, Map<number, { density: number; accuracy: Record<string, number> }[]>>): LineChart[] {
  return [...sweeps].map(([name, bySeed]) => {
    const runs = [...bySeed.values()];
    const first = runs[0] ?? [];
    const lowest = Math.min(...runs.flatMap((r) => r.flatMap((p) => Object.values(p.accuracy))));
    return {
      title: `${name}: MMLC-df, accuracy vs density`,
      xLabel: `filling density (mean of ${runs.length} seed${runs.length === 1 ? '' : 's'})`,
      yLabel: 'accuracy',
      yMin: Math.max(0, Math.floor(20 * lowest - 1) / 20),
      series: AGGREGATORS.map((a) => ({
        name: a,
        points: first.map((p, j) => [Number(p.density.toFixed(3)), runs.reduce((s, r) => s + (r[j]?.accuracy[a] ?? Number.NaN), 0) / runs.length] as [number, number]),
      })),
    };
  });
}

/** The paper's Table 2 view: the unfilled accuracy and the change after each filling, mean ± sd over seeds, in points. */
function table2(result: SuiteResult, datasets: readonly string[]): string[] {
  const lines = ['Table 2 (change of accuracy after filling, percentage points, mean ± sd over seeds):', '', '| dataset | aggregator | original | G_MV | G_IRT | MMLC-df |', '|---|---|---:|---:|---:|---:|'];
  const cell = (rows: readonly SummaryRow[], d: string, m: string) => rows.find((r) => r.dataset === d && r.method === m);
  for (const d of datasets) {
    for (const a of AGGREGATORS) {
      const changes = FILLERS.map((f) => result.runs.filter((r) => r.dataset === d && r.method === `${a}+${f}` && typeof r.extra?.change === 'number').map((r) => 100 * (r.extra?.change as number)));
      if (changes.every((c) => c.length === 0)) continue;
      const original = cell(result.summary, d, a);
      const fmt = (v: number[]) => {
        if (v.length === 0) return '-';
        const mean = v.reduce((s, x) => s + x, 0) / v.length;
        const sd = v.length > 1 ? Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1)) : 0;
        return `${mean >= 0 ? '+' : '−'}${Math.abs(mean).toFixed(2)}${v.length > 1 ? ` ± ${sd.toFixed(2)}` : ''}`;
      };
      const [df, gmv, girt] = changes as [number[], number[], number[]];
      lines.push(`| ${d} | ${a} | ${original === undefined ? '-' : (100 * original.mean).toFixed(2)} | ${fmt(gmv)} | ${fmt(girt)} | ${fmt(df)} |`);
    }
  }
  return lines;
}

function trainingNotes(result: SuiteResult, datasets: readonly string[]): string[] {
  const lines: string[] = [];
  for (const d of datasets) {
    const t = result.runs.filter((r) => r.dataset === d && r.method === 'mmlc-owf' && typeof r.extra?.trainingSeconds === 'number').map((r) => r.extra?.trainingSeconds as number);
    if (t.length > 0) lines.push(`MMLC training on ${d}: ${(t.reduce((s, x) => s + x, 0) / t.length).toFixed(1)} s per seed (wasm).`);
  }
  lines.push('upper-limit uses gold labels (the "Truth" diagnostic): it is not a method result.');
  return lines;
}

function settingsNotes(datasets: readonly MmlcDataset[], quick: boolean): string[] {
  return datasets.map((d) => {
    const p = MMLC_PRESETS[d];
    return `${d}: ${p.experts} experts ${p.expertHidden.join('-')}, tower ${p.tower.join('-')} (${p.towerActivation}), Adam ${p.learningRate}, ${quick ? `${QUICK_EPOCHS[d]} epochs (--quick; the preset has ${p.epochs})` : `${p.epochs} epochs`} of ${p.batchSize} rows; owf KDE h = ${p.owf.bandwidth ?? 'Silverman'}, T = ${p.owf.grid === 'workers' ? 'R' : p.owf.grid}.`;
  });
}
