import { accuracy } from '@crowdlearn/core-matrix';
import { aggregate, AGGREGATOR_NAMES, FEATURE_AGGREGATOR_NAMES, type AggregateOptions } from '@crowdlearn/aggregators';
import { listDatasets } from '@crowdlearn/datasets';
import { initBackend, lagnn } from '@crowdlearn/neural';
import { runComparison, type RunOutcome } from '../engine/compare.js';
import type { SuiteResult } from '../engine/results.js';
import { checkNames, datasetLoader } from './names.js';
import type { SuiteOptions } from './options.js';

const WITH_FEATURES: readonly string[] = FEATURE_AGGREGATOR_NAMES;
const DETERMINISTIC = new Set(['wawa', 'zbs', 'ds', 'one-coin-ds', 'zencrowd', 'hds', 'glad', 'irt', 'gtic']);

/** Every aggregator on every bundled dataset with gold: truth-inference accuracy on the gold items. */
export async function aggregatorsSuite(o: SuiteOptions): Promise<SuiteResult> {
  const datasets = o.datasets ?? listDatasets().filter((m) => m.goldItems > 0).map((m) => m.name);
  const methods = o.methods ?? [...AGGREGATOR_NAMES, 'lagnn'];
  const seeds = o.seeds ?? (o.quick ? [0] : [0, 1, 2]);
  checkNames('method', methods, [...AGGREGATOR_NAMES, 'lagnn']);
  checkNames('dataset', datasets, listDatasets().map((m) => m.name));
  const get = datasetLoader();
  await initBackend();
  return runComparison({
    suite: 'aggregators',
    metric: 'accuracy',
    higherIsBetter: true,
    datasets,
    methods,
    seeds,
    deterministic: DETERMINISTIC,
    onRun: o.onRun,
    run: async (name, method, seed): Promise<RunOutcome> => {
      const d = get(name);
      const gold = d.gold;
      if (gold === undefined) return { skipped: 'no gold' };
      const { labels } = d;
      if (method === 'kos' && labels.numClasses !== 2) return { skipped: 'KOS is binary only' };
      if (WITH_FEATURES.includes(method) && d.features === undefined) return { skipped: 'needs features' };
      if (method === 'lagnn') {
        if (labels.numItems * labels.numWorkers * labels.numClasses > 3e7) return { skipped: 'too large for the dense graph' };
        const r = await lagnn(labels, { seed, ...(o.quick ? { epochs: 100 } : {}) });
        return { value: accuracy(r.labels, gold) };
      }
      const options = { method, seed, ...(WITH_FEATURES.includes(method) ? { features: d.features } : {}) } as AggregateOptions;
      const r = aggregate(labels, options);
      return { value: accuracy(r.labels, gold), ...(r.iterations !== undefined ? { extra: { iterations: r.iterations } } : {}) };
    },
  });
}
