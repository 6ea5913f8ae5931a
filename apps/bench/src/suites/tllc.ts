import { accuracy, completionAccuracy, completionAgreement, type CrowdLabels, type Features, type GoldLabels } from '@crowdlearn/core-matrix';
import { loadDataset, simulateCrowd, SIMULATION_PRESETS } from '@crowdlearn/datasets';
import { initBackend } from '@crowdlearn/neural';
import { completeTllc, completeWslc, type TllcOptions } from '@crowdlearn/tllc';
import { runComparison, type RunOutcome } from '../engine/compare.js';
import type { SuiteResult, SummaryRow } from '../engine/results.js';
import { friedman, nemenyiCriticalDifference } from '../stats/friedman.js';
import { checkNames } from './names.js';
import type { SuiteOptions } from './options.js';
import { aggregateByName } from './aggregate-by-name.js';

/** The poster's aggregators (spec tllc.md A.8). */
const AGGREGATORS = ['mv', 'gtic', 'dewsmv', 'mnldp', 'aali', 'lagnn'] as const;
/** The three inputs compared: no completion, WSLC, TLLC. */
const INPUTS = ['original', 'wslc', 'tllc'] as const;
/** The poster's ablations (A.6), run with MV on the ablation dataset only. */
const ABLATIONS: Record<string, TllcOptions> = {
  'tllc-no-filter': { useFilter: false },
  'tllc-no-pretrain': { usePretrain: false },
  'tllc-no-transfer': { useTransfer: false },
};
/** Where the ablations run: LabelMe when it is in the run, else the first dataset. */
const ABLATION_DATASET = 'labelme';
const SIMULATED = 'sim-wslc';
const DATASETS = ['leaves-alder', 'leaves-eucalyptus', 'leaves-maple', 'leaves-oak', 'music', 'labelme', SIMULATED];
/** The suite's methods, `<input>+<aggregator>`, and the ablations with MV. */
export const TLLC_SUITE_METHODS: string[] = [...INPUTS.flatMap((input) => AGGREGATORS.map((a) => `${input}+${a}`)), ...Object.keys(ABLATIONS).map((a) => `${a}+mv`)];

interface Crowd {
  labels: CrowdLabels;
  features: Features;
  gold: GoldLabels;
  /** What every simulated worker would answer (simulated data only). */
  latent?: Int32Array;
}

interface Completed {
  labels: CrowdLabels;
  extra: Record<string, number>;
}

/**
 * TLLC's evaluation (spec tllc.md A.8): the integration accuracy of MV, GTIC,
 * DEWSMV, MNLDP, AALI and LAGNN on the original labels, on WSLC-completed and
 * on TLLC-completed labels, over the Leaves tasks, Music, LabelMe and the
 * WSLC simulation preset; plus completion accuracy, completions per worker,
 * the poster's three ablations (with MV, on LabelMe), and a Friedman /
 * Nemenyi test per dataset whose treatments are the three inputs and whose
 * blocks are runs x aggregators. Methods are named `<input>+<aggregator>`.
 */
export async function tllcSuite(o: SuiteOptions): Promise<SuiteResult> {
  const datasets = o.datasets ?? (o.quick ? ['leaves-oak', 'music'] : DATASETS);
  const seeds = o.seeds ?? (o.quick ? [0] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const methods = o.methods ?? TLLC_SUITE_METHODS;
  checkNames('method', methods, TLLC_SUITE_METHODS);
  checkNames('dataset', datasets, DATASETS);
  const ablationDataset = datasets.includes(ABLATION_DATASET) ? ABLATION_DATASET : (datasets[0] as string);
  await initBackend();

  // Completions are cached per (dataset, input, seed): each feeds six aggregators.
  const crowds = new Map<string, Crowd>();
  const completions = new Map<string, Completed>();
  const crowdOf = (name: string, seed: number): Crowd => {
    const key = name === SIMULATED ? `${name}/${seed}` : name;
    let c = crowds.get(key);
    if (c === undefined) {
      if (name === SIMULATED) {
        const sim = simulateCrowd(SIMULATION_PRESETS.wslc, seed);
        c = { labels: sim.labels, features: sim.features as Features, gold: sim.gold, latent: sim.latent };
      } else {
        const d = loadDataset(name);
        c = { labels: d.labels, features: d.features as Features, gold: d.gold as GoldLabels };
      }
      crowds.set(key, c);
    }
    return c;
  };
  const completed = async (name: string, input: string, seed: number): Promise<Completed> => {
    const key = `${name}/${input}/${seed}`;
    let c = completions.get(key);
    if (c !== undefined) return c;
    const crowd = crowdOf(name, seed);
    const t0 = performance.now();
    let labels = crowd.labels;
    const extra: Record<string, number> = {};
    if (input === 'wslc') {
      labels = completeWslc(crowd.labels, crowd.features).labels;
    } else if (input !== 'original') {
      const r = await completeTllc(crowd.labels, crowd.features, { seed, ...(ABLATIONS[input] ?? {}) });
      labels = r.labels;
      let hitAll = 0;
      let hitSource = 0;
      for (let i = 0; i < labels.numItems; i++) if (r.source.aggregated[i] === crowd.gold.get(i)) hitAll++;
      for (const i of r.source.items) if (r.source.aggregated[i] === crowd.gold.get(i)) hitSource++;
      extra.sourceItems = r.source.items.length;
      extra.mvAccuracyAll = hitAll / labels.numItems;
      extra.mvAccuracySource = hitSource / Math.max(1, r.source.items.length);
      extra.workersFinetuned = r.workers.filter((w) => w.finetuned).length;
    }
    if (input !== 'original') {
      extra.completed = labels.numLabels - crowd.labels.numLabels;
      extra.completionsPerWorker = extra.completed / labels.numWorkers;
      extra.completionAccuracy = completionAccuracy(labels, crowd.gold).accuracy;
      if (crowd.latent !== undefined) extra.completionAgreement = completionAgreement(labels, crowd.latent).accuracy;
      extra.completionSeconds = (performance.now() - t0) / 1000;
    }
    c = { labels, extra };
    // keep only the current dataset's completions
    for (const k of completions.keys()) if (!k.startsWith(`${name}/`)) completions.delete(k);
    completions.set(key, c);
    return c;
  };

  const result = await runComparison({
    suite: 'tllc',
    metric: 'accuracy',
    higherIsBetter: true,
    datasets,
    methods,
    seeds,
    onRun: o.onRun,
    run: async (name, method, seed): Promise<RunOutcome> => {
      const [input, aggregator] = method.split('+') as [string, string];
      if (input in ABLATIONS && name !== ablationDataset) return { skipped: `ablations run on ${ablationDataset}` };
      const crowd = crowdOf(name, seed);
      const { labels, extra } = await completed(name, input, seed);
      const predicted = (await aggregateByName(aggregator, labels, seed, crowd.features, aggregator === 'lagnn' && o.quick ? { epochs: 100 } : {})).labels;
      return { value: accuracy(predicted, crowd.gold), extra };
    },
  });
  result.notes.push(...inputPivot(result.summary, datasets), '', ...inputComparisons(result, datasets, seeds), ...completionNotes(result, datasets));
  return result;
}

/**
 * The poster's view of the results: one row per dataset and aggregator, the
 * accuracy (mean ± sd over seeds, %) on the original, WSLC-completed and
 * TLLC-completed labels, the best in bold; then the ablations.
 */
export function inputPivot(summary: readonly SummaryRow[], datasets: readonly string[]): string[] {
  const cell = (d: string, m: string) => summary.find((r) => r.dataset === d && r.method === m);
  const fmt = (r: SummaryRow | undefined) => (r === undefined ? '-' : `${(100 * r.mean).toFixed(2)}${r.n > 1 ? ` ± ${(100 * r.std).toFixed(2)}` : ''}`);
  const lines = ['| dataset | aggregator | original | WSLC | TLLC |', '|---|---|---:|---:|---:|'];
  for (const d of datasets) {
    for (const a of AGGREGATORS) {
      const rows = INPUTS.map((i) => cell(d, `${i}+${a}`));
      if (rows.every((r) => r === undefined)) continue;
      const best = Math.max(...rows.map((r) => r?.mean ?? -Infinity));
      lines.push(`| ${d} | ${a} | ${rows.map((r) => (r !== undefined && r.mean === best ? `**${fmt(r)}**` : fmt(r))).join(' | ')} |`);
    }
  }
  const ablations = datasets.flatMap((d) => Object.keys(ABLATIONS).map((a) => [d, a, cell(d, `${a}+mv`)] as const)).filter(([, , r]) => r !== undefined);
  if (ablations.length > 0) {
    lines.push('', '| dataset | ablation (MV) | accuracy |', '|---|---|---:|');
    for (const [d, a, r] of ablations) lines.push(`| ${d} | ${a} | ${fmt(r)} |`);
  }
  return lines;
}

/** Per dataset and overall: Friedman over the three inputs, blocks = seeds x aggregators (spec A.8 step 3). */
function inputComparisons(result: SuiteResult, datasets: string[], seeds: number[]): string[] {
  const value = new Map(result.runs.filter((r) => r.value !== null).map((r) => [`${r.dataset}|${r.method}|${r.seed}`, r.value as number]));
  const lines = ['Inputs compared (Friedman over original / WSLC / TLLC; blocks = seeds x aggregators; average ranks, 1 is best):'];
  const overall: number[][] = [];
  for (const d of datasets) {
    const table: number[][] = [];
    for (const a of AGGREGATORS) {
      for (const s of seeds) {
        const row = INPUTS.map((i) => value.get(`${d}|${i}+${a}|${s}`));
        if (row.every((v) => v !== undefined)) table.push(row as number[]);
      }
    }
    if (table.length < 2) continue;
    overall.push(...table);
    lines.push(`- ${d}: ${describe(table)}`);
  }
  if (overall.length >= 2 && datasets.length > 1) lines.push(`- all datasets: ${describe(overall)}`);
  return lines;
}

function describe(table: number[][]): string {
  const f = friedman(table, true);
  const cd = nemenyiCriticalDifference(INPUTS.length, table.length);
  const ranks = INPUTS.map((i, j) => `${i} ${(f.ranks[j] as number).toFixed(2)}`).join(', ');
  return `ranks ${ranks}; chi2 = ${f.chiSquare.toFixed(2)}, p = ${f.pChiSquare.toExponential(2)}; Nemenyi CD = ${cd?.toFixed(3) ?? 'n/a'} over ${table.length} blocks`;
}

/** Completion accuracy, completions per worker and the filtering check, averaged over seeds. */
function completionNotes(result: SuiteResult, datasets: string[]): string[] {
  const lines = ['Completions (means over seeds):'];
  for (const d of datasets) {
    for (const input of ['wslc', 'tllc', ...Object.keys(ABLATIONS)]) {
      const runs = result.runs.filter((r) => r.dataset === d && r.method.startsWith(`${input}+`) && r.extra !== undefined);
      const bySeed = new Map(runs.map((r) => [r.seed, r.extra as Record<string, number>]));
      if (bySeed.size === 0) continue;
      const mean = (k: string) => {
        const v = [...bySeed.values()].map((e) => e[k]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
        return v.length === 0 ? Number.NaN : v.reduce((s, x) => s + x, 0) / v.length;
      };
      const parts = [
        `${mean('completed').toFixed(0)} cells (${mean('completionsPerWorker').toFixed(1)} per worker)`,
        `completion accuracy ${(100 * mean('completionAccuracy')).toFixed(2)}%`,
      ];
      if (Number.isFinite(mean('completionAgreement'))) parts.push(`agreement with the workers' latent answers ${(100 * mean('completionAgreement')).toFixed(2)}%`);
      if (Number.isFinite(mean('sourceItems'))) {
        parts.push(`source domain ${mean('sourceItems').toFixed(0)} items, MV accuracy ${(100 * mean('mvAccuracySource')).toFixed(2)}% there vs ${(100 * mean('mvAccuracyAll')).toFixed(2)}% on all`);
      }
      parts.push(`${mean('completionSeconds').toFixed(1)} s per completion`);
      lines.push(`- ${d}, ${input}: ${parts.join('; ')}`);
    }
  }
  return lines;
}
