import { longTailSubsample, removeLabels, type CrowdLabels, type Features, type GoldLabels } from '@crowdlearn/core-matrix';
import type { Dataset } from '@crowdlearn/datasets';
import { baseModelEntry, initBackend, modelAccuracy } from '@crowdlearn/neural';
import { BASES, EXTRA_BASES, makeBase, type Base } from './base-models.js';
import { DASC_METHODS, trainWithMethod, type DascMethod, type RoundBudget, type RoundRecord } from '@crowdlearn/dasc';
import { runComparison, type RunOutcome } from '../engine/compare.js';
import { zoomed, type LineChart, type SuiteResult } from '../engine/results.js';
import { checkNames, datasetLoader } from './names.js';
import type { SuiteOptions } from './options.js';

const SELF_TRAINING: readonly string[] = ['confidence', 'random', 'dasc', 'focal-self-c', 'cb-focal-self-c'];
/** Pseudo-annotations per round unless `--budget` says otherwise: 10% of the empty cells (specs/dasc.md §11). */
const DEFAULT_BUDGET: RoundBudget = { mode: 'fraction', fraction: 0.1 };

/** The self-training schedule of every DASC suite run: 5 rounds of the chosen budget (warm retraining, the default). */
function selfTrainingSchedule(o: SuiteOptions): { budget: RoundBudget; rounds: number } {
  return { budget: o.budget ?? DEFAULT_BUDGET, rounds: 5 };
}

/** The suite's methods, `<method>+<base>` over every DASC base, and MV-DL and DS-DL. */
export const DASC_SUITE_METHODS: readonly string[] = [...[...BASES, ...EXTRA_BASES].flatMap((b) => DASC_METHODS.map((m) => `${m}+${b}`)), 'mv-dl', 'ds-dl'];

/**
 * DASC's Table 2 on the bundled data: test accuracy of CE, Resampling,
 * Reweighting, Focal, Focal+Self-C, CB Focal+Self-C, Confidence, Random and
 * DASC on each base model (Crowdlayer MW, Anno-Reg, WDN), plus MV-DL and
 * DS-DL, on the `labelme` and `music` test splits; self-training runs 5
 * rounds with a budget of 10% of the empty cells per round (`--budget`
 * sets another) and warm retraining (specs/dasc.md §11). Notes give the
 * annotation imbalance ratio R after every round (Fig. 4) and the
 * pseudo-label quality at rounds 1 and 5 (Fig. 5). Methods are named
 * `<method>+<base>`.
 */
export async function dascSuite(o: SuiteOptions): Promise<SuiteResult> {
  const datasets = o.datasets ?? (o.quick ? ['music'] : ['labelme', 'music']);
  const seeds = o.seeds ?? (o.quick ? [0] : [0, 1, 2, 3, 4]);
  const all = [...BASES.flatMap((b) => DASC_METHODS.map((m) => `${m}+${b}`)), 'mv-dl', 'ds-dl'];
  const methods = o.methods ?? (o.quick ? ['ce', 'confidence', 'random', 'dasc'].map((m) => `${m}+crowdlayer`) : all);
  checkNames('method', methods, DASC_SUITE_METHODS);
  checkNames('dataset', datasets, ['labelme', 'music']);
  await initBackend();
  const get = datasetLoader();
  const traces = new Map<string, RoundRecord[][]>();
  const schedule = selfTrainingSchedule(o);
  const result = await runComparison({
    suite: 'dasc',
    metric: 'test accuracy',
    higherIsBetter: true,
    datasets,
    methods,
    seeds,
    onRun: o.onRun,
    run: async (name, method, seed): Promise<RunOutcome> => {
      const d = get(name);
      const test = d.test as { features: Features; gold: GoldLabels };
      const data = { labels: d.labels, features: d.features as Features };
      if (method === 'mv-dl' || method === 'ds-dl') {
        const model = baseModelEntry(method).create(d.labels, {}, name);
        await model.fit(data, { seed });
        const value = modelAccuracy(model, test.features, test.gold);
        model.dispose();
        return { value };
      }
      const [m, base] = method.split('+') as [DascMethod, Base];
      const r = await trainWithMethod(m, (s) => makeBase(base, d, s.loss), data, { seed, gold: d.gold, ...schedule });
      const value = modelAccuracy(r.model, test.features, test.gold);
      r.model.dispose();
      const last = r.rounds[r.rounds.length - 1] as RoundRecord;
      if (SELF_TRAINING.includes(m)) {
        const key = `${name}|${method}`;
        traces.set(key, [...(traces.get(key) ?? []), r.rounds]);
      }
      return { value, extra: { imbalanceRatio: last.imbalanceRatio, pseudoAnnotations: r.labels.numCompleted } };
    },
  });
  result.notes.push(scheduleNote(schedule), ...traceNotes(traces));
  result.lineCharts = imbalanceCharts(traces);
  return result;
}

/** The self-training schedule the runs used, for the report. */
function scheduleNote({ budget, rounds }: { budget: RoundBudget; rounds: number }): string {
  const size = budget.mode === 'count' ? `${budget.count} pseudo-annotations` : `${Number((100 * budget.fraction).toPrecision(6))}% of the empty cells`;
  return `Self-training: ${rounds} rounds of ${size} each, warm retraining.`;
}

/** Fig. 4: the mean imbalance ratio R after each round, one chart per dataset and base model, one line per method. */
function imbalanceCharts(traces: Map<string, RoundRecord[][]>): LineChart[] {
  const charts = new Map<string, LineChart>();
  for (const [key, runs] of traces) {
    const [dataset, method] = key.split('|') as [string, string];
    const [name, base] = method.split('+') as [string, string];
    const title = `${dataset}, ${base}: imbalance ratio R`;
    let chart = charts.get(title);
    if (chart === undefined) charts.set(title, (chart = { title, xLabel: 'self-training round', yLabel: 'R', series: [] }));
    const rounds = Math.min(...runs.map((r) => r.length));
    const points: [number, number][] = Array.from({ length: rounds }, (_, t) => [t, runs.reduce((s, r) => s + (r[t] as RoundRecord).imbalanceRatio, 0) / runs.length]);
    chart.series.push({ name, points });
  }
  return [...charts.values()];
}

/** R per round, and pseudo-label quality at rounds 1 and 5, averaged over seeds. */
function traceNotes(traces: Map<string, RoundRecord[][]>): string[] {
  if (traces.size === 0) return [];
  const lines = ['Annotation imbalance ratio R of Ω ∪ P after each round (round 0 = observed), and pseudo-label precision over the majority / recall over the minority classes at rounds 1 and 5 (means over seeds; against gold, so they understate confusion-layer models):'];
  for (const [key, runs] of traces) {
    const rounds = Math.min(...runs.map((r) => r.length));
    const mean = (f: (r: RoundRecord) => number | undefined, t: number) => {
      const v = runs.map((r) => f(r[t] as RoundRecord)).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
      return v.length === 0 ? Number.NaN : v.reduce((a, b) => a + b, 0) / v.length;
    };
    const ratios = Array.from({ length: rounds }, (_, t) => mean((r) => r.imbalanceRatio, t).toFixed(2)).join(' → ');
    const quality = [1, rounds - 1]
      .filter((t) => t >= 1)
      .map((t) => `round ${t}: precision ${(100 * mean((r) => r.precisionMajority, t)).toFixed(1)}%, recall ${(100 * mean((r) => r.recallMinority, t)).toFixed(1)}%`)
      .join('; ');
    const [dataset, method] = key.split('|');
    lines.push(`- ${dataset}, ${method}: R ${ratios}; ${quality}`);
  }
  return lines;
}

const SPARSITY_FRACTIONS = [0, 0.2, 0.4, 0.6, 0.8];
const LONG_TAIL_RATIOS = [1, 5, 10];

/**
 * DASC's sparsity study (Fig. 6): remove a fraction p of the observed
 * annotations uniformly at random (p in 0, 0.2, 0.4, 0.6, 0.8; every label
 * may go, `keepOnePerItem: false` as the spec's default), then train CE,
 * Confidence, Random and DASC on Crowdlayer MW. Datasets are named
 * `<dataset>@<p>`; the report plots test accuracy against p.
 */
export async function dascSparsitySuite(o: SuiteOptions): Promise<SuiteResult> {
  return dascStudy(o, {
    suite: 'dasc-sparsity',
    separator: '@',
    levels: SPARSITY_FRACTIONS,
    what: 'removed annotations',
    xLabel: 'fraction of annotations removed',
    transform: (d, p, seed) => ({ labels: removeLabels(d.labels, { fraction: p, seed: 1000 + seed, keepOnePerItem: false }), features: d.features as Features }),
  });
}

/**
 * The heavier-imbalance study: the training items long-tail
 * subsampled by gold (`longTailSubsample`, class sizes decaying as
 * R_g^(-k/(K-1)), R_g in 1, 5, 10; R_g = 1 keeps as many items of every class
 * as the smallest has), the test split untouched, then CE, Confidence, Random
 * and DASC on Crowdlayer MW. Datasets are named `<dataset>~<R_g>`.
 */
export async function dascLongTailSuite(o: SuiteOptions): Promise<SuiteResult> {
  return dascStudy(o, {
    suite: 'dasc-longtail',
    separator: '~',
    levels: LONG_TAIL_RATIOS,
    what: 'gold imbalance ratio of the training items',
    xLabel: 'gold imbalance ratio R_g of the training items',
    transform: (d, ratio, seed) => {
      const sub = longTailSubsample(d.labels, d.gold as GoldLabels, { ratio, seed: 2000 + seed });
      return { labels: sub.labels, features: (d.features as Features).selectRows(sub.items) };
    },
  });
}

/** A DASC study on transformed training data: one dataset per level, CE, Confidence, Random and DASC, test accuracy against the level. */
interface DascStudy {
  suite: string;
  /** Joins a dataset name and a level: `music@0.2`. */
  separator: string;
  levels: readonly number[];
  /** What the levels measure, for the chart title. */
  what: string;
  xLabel: string;
  /** The training data at a level (the seed varies the draw per repetition). */
  transform(d: Dataset, level: number, seed: number): { labels: CrowdLabels; features: Features };
}

async function dascStudy(o: SuiteOptions, study: DascStudy): Promise<SuiteResult> {
  // A base name runs every level; `<base><separator><level>` runs one (to finish a study stopped part way).
  const named = o.datasets ?? (o.quick ? ['music'] : ['labelme', 'music']);
  const all = ['labelme', 'music'].flatMap((b) => study.levels.map((p) => `${b}${study.separator}${p}`));
  checkNames('dataset', named, ['labelme', 'music', ...all]);
  const datasets = named.flatMap((n) => (n.includes(study.separator) ? [n] : study.levels.map((p) => `${n}${study.separator}${p}`)));
  const bases = [...new Set(datasets.map((d) => d.split(study.separator)[0] as string))];
  const seeds = o.seeds ?? (o.quick ? [0] : [0, 1, 2]);
  const known = ['ce', 'confidence', 'random', 'dasc'].flatMap((m) => [...BASES, ...EXTRA_BASES].map((b) => `${m}+${b}`));
  const methods = o.methods ?? ['ce', 'confidence', 'random', 'dasc'].map((m) => `${m}+crowdlayer`);
  checkNames('method', methods, known);
  await initBackend();
  const get = datasetLoader();
  const schedule = selfTrainingSchedule(o);
  const result = await runComparison({
    suite: study.suite,
    metric: 'test accuracy',
    higherIsBetter: true,
    datasets,
    methods,
    seeds,
    onRun: o.onRun,
    run: async (name, method, seed): Promise<RunOutcome> => {
      const [dataset, level] = name.split(study.separator) as [string, string];
      const d = get(dataset);
      const data = study.transform(d, Number(level), seed);
      const [m, base] = method.split('+') as [DascMethod, Base];
      const r = await trainWithMethod(m, (s) => makeBase(base, d, s.loss), data, { seed, ...schedule });
      const test = d.test as { features: Features; gold: GoldLabels };
      const value = modelAccuracy(r.model, test.features, test.gold);
      r.model.dispose();
      return { value, extra: { items: data.labels.numItems, annotations: data.labels.numLabels } };
    },
  });
  result.notes.push(scheduleNote(schedule));
  result.lineCharts = bases.map((b) => zoomed({
    title: `${b}: test accuracy against ${study.what}`,
    xLabel: study.xLabel,
    yLabel: 'test accuracy',
    series: methods.map((m) => ({
      name: m,
      points: study.levels.filter((p) => datasets.includes(`${b}${study.separator}${p}`)).map((p): [number, number] => [p, result.summary.find((r) => r.dataset === `${b}${study.separator}${p}` && r.method === m)?.mean ?? Number.NaN]),
    })),
  }));
  return result;
}
