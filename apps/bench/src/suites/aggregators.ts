import { accuracy, classificationReport, CrowdError } from '@crowdlearn/core-matrix';
import { AGGREGATORS, type AggregatorEntry } from '@crowdlearn/aggregators';
import { listDatasets } from '@crowdlearn/datasets';
import { NEURAL_AGGREGATORS } from '@crowdlearn/neural';
import { runComparison, type RunOutcome } from '../engine/compare.js';
import type { SuiteResult } from '../engine/results.js';
import { checkNames, datasetLoader } from './names.js';
import type { SuiteOptions } from './options.js';

/**
 * The truth-inference methods the suite compares: every catalogue entry that
 * needs nothing but the crowd's labels and, where it asks for them, the
 * dataset's features (wmv needs worker weights from elsewhere).
 */
export const SUITE_AGGREGATORS: readonly AggregatorEntry[] = [...AGGREGATORS, ...NEURAL_AGGREGATORS].filter((e) => e.name !== 'wmv');

/** A dense method's cells (items x workers x classes) past which the suite skips it. */
const MAX_DENSE_CELLS = 3e7;

/** Why `entry` cannot run on a dataset, from its catalogue capabilities; undefined when it can. */
export function skipReason(entry: AggregatorEntry, d: { labels: { numItems: number; numWorkers: number; numClasses: number }; features?: unknown }): string | undefined {
  const c = entry.capabilities;
  if (c.binaryOnly && d.labels.numClasses !== 2) return `${entry.name} is binary only`;
  if (c.needsFeatures && d.features === undefined) return 'needs features';
  if (c.memory === 'cells' && d.labels.numItems * d.labels.numWorkers * d.labels.numClasses > MAX_DENSE_CELLS) return 'too large for the dense graph';
  return undefined;
}

/** Every aggregator on every bundled dataset with gold: truth-inference accuracy on the gold items. */
export async function aggregatorsSuite(o: SuiteOptions): Promise<SuiteResult> {
  const names = SUITE_AGGREGATORS.map((e) => e.name);
  if (o.data !== undefined && o.datasets !== undefined) throw new CrowdError('INVALID_ARGUMENT', '--data and --datasets name different crowds', { expected: 'one of them' });
  const datasets = o.data !== undefined ? [o.data.name] : (o.datasets ?? listDatasets().filter((m) => m.goldItems > 0).map((m) => m.name));
  const methods = o.methods ?? names;
  const seeds = o.seeds ?? (o.quick ? [0] : [0, 1, 2]);
  checkNames('method', methods, names);
  if (o.data === undefined) checkNames('dataset', datasets, listDatasets().map((m) => m.name));
  const bundled = datasetLoader();
  const user = o.data;
  const get = (name: string) => (user !== undefined && name === user.name ? user : bundled(name));
  return runComparison({
    suite: 'aggregators',
    metric: 'accuracy',
    higherIsBetter: true,
    datasets,
    methods,
    seeds,
    deterministic: new Set(SUITE_AGGREGATORS.filter((e) => e.capabilities.randomness === 'deterministic').map((e) => e.name)),
    onRun: o.onRun,
    run: async (name, method, seed): Promise<RunOutcome> => {
      const d = get(name);
      const gold = d.gold;
      if (gold === undefined) return { skipped: 'no gold' };
      const entry = SUITE_AGGREGATORS.find((e) => e.name === method) as AggregatorEntry;
      const skipped = skipReason(entry, d);
      if (skipped !== undefined) return { skipped };
      const options = method === 'lagnn' && o.quick ? { epochs: 100 } : {};
      const r = await entry.run({ labels: d.labels, ...(d.features !== undefined ? { features: d.features } : {}) }, options, { seed });
      const macroF1 = classificationReport(r.labels, gold).macroF1;
      return { value: accuracy(r.labels, gold), extra: { macroF1, ...(r.iterations !== undefined ? { iterations: r.iterations } : {}) } };
    },
  });
}
