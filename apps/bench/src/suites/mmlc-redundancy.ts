import { accuracy, capLabelsPerItem, type Features, type GoldLabels } from '@crowdlearn/core-matrix';
import { aggregate } from '@crowdlearn/aggregators';
import { initBackend } from '@crowdlearn/neural';
import { runComparison, type RunOutcome } from '../engine/compare.js';
import type { SuiteResult } from '../engine/results.js';
import { fitPreset, MMLC_DATASETS, type MmlcDataset } from './mmlc.js';
import { checkNames, datasetLoader } from './names.js';
import type { SuiteOptions } from './options.js';

/** The code's grid of maximum redundancy R_max (spec §7). */
const CAPS = [1, 2, 3] as const;
const METHODS = ['mv', 'ds', 'mmlc-owf'];

/**
 * MMLC's redundancy study (specs/mmlc.md §7): every item keeps at most R_max
 * of its labels (a random subset per seed), MMLC is retrained, and MV, DS and
 * MMLC-owf infer the truth; datasets are named `<name>@<R_max>` and the
 * report plots accuracy against R_max. Reported trend: every method improves
 * with redundancy, MMLC the most.
 */
export async function mmlcRedundancySuite(o: SuiteOptions): Promise<SuiteResult> {
  const bases = (o.datasets ?? (o.quick ? ['music'] : [...MMLC_DATASETS])) as MmlcDataset[];
  checkNames('dataset', bases, MMLC_DATASETS);
  const seeds = o.seeds ?? (o.quick ? [0] : [0, 1, 2, 3, 4]);
  const methods = o.methods ?? METHODS;
  checkNames('method', methods, METHODS);
  await initBackend();
  const get = datasetLoader();
  const result = await runComparison({
    suite: 'mmlc-redundancy',
    metric: 'accuracy',
    higherIsBetter: true,
    datasets: bases.flatMap((b) => CAPS.map((r) => `${b}@${r}`)),
    methods,
    seeds,
    onRun: o.onRun,
    run: async (name, method, seed): Promise<RunOutcome> => {
      const [base, cap] = name.split('@') as [MmlcDataset, string];
      const d = get(base);
      const labels = capLabelsPerItem(d.labels, { max: Number(cap), seed });
      const gold = d.gold as GoldLabels;
      if (method !== 'mmlc-owf') return { value: accuracy(aggregate(labels, { method: method as 'mv' | 'ds', seed }).labels, gold) };
      const t = await fitPreset(base, labels, d.features as Features, seed, o.quick);
      t.model.dispose();
      return { value: accuracy(t.owf.labels, gold), extra: { labels: labels.numLabels, trainingSeconds: t.seconds } };
    },
  });
  result.lineCharts = bases.map((b) => ({
    title: `${b}: accuracy vs maximum redundancy`,
    xLabel: 'labels per item at most (R_max)',
    yLabel: 'accuracy',
    series: methods.map((m) => ({ name: m, points: CAPS.map((r): [number, number] => [r, result.summary.find((s) => s.dataset === `${b}@${r}` && s.method === m)?.mean ?? Number.NaN]) })),
  }));
  if (o.quick) result.notes.push('--quick: MMLC trains for far fewer epochs than the presets.');
  return result;
}
