import { accuracy, classificationReport, GoldLabels, Rng } from '@crowdlearn/core-matrix';
import { AGGREGATORS, type AggregatorEntry } from '@crowdlearn/aggregators';
import { listDatasets } from '@crowdlearn/datasets';
import { NEURAL_AGGREGATORS } from '@crowdlearn/neural';
import { runComparison, type RunOutcome } from '../engine/compare.js';
import type { SuiteResult } from '../engine/results.js';
import { checkNames, datasetLoader } from './names.js';
import { userDataSizes, type SuiteOptions } from './options.js';

/**
 * The truth-inference methods the suite compares: every catalogue entry that
 * needs nothing but the crowd's labels and, where it asks for them, the
 * dataset's features (wmv needs worker weights from elsewhere).
 */
export const SUITE_AGGREGATORS: readonly AggregatorEntry[] = [...AGGREGATORS, ...NEURAL_AGGREGATORS].filter((e) => e.name !== 'wmv');

/**
 * The share of a dataset's gold items a method that needs known classes
 * (`gold-mv`) is given, drawn by the run's seed; it is scored on the others.
 */
export const KNOWN_GOLD_SHARE = 0.1;

/** The gold items split by `seed`: a {@link KNOWN_GOLD_SHARE} share given as known classes, the rest held out to score. */
export function splitKnownGold(gold: GoldLabels, seed: number): { known: GoldLabels; heldOut: GoldLabels } {
  const order = new Rng(seed).permutation(gold.size);
  const cut = Math.max(1, Math.round(KNOWN_GOLD_SHARE * gold.size));
  const pick = (from: number, to: number) => {
    const rows = Array.from(order.subarray(from, to));
    return GoldLabels.fromPairs(gold.numItems, gold.numClasses, rows.map((j) => gold.items[j] as number), rows.map((j) => gold.labels[j] as number));
  };
  return { known: pick(0, cut), heldOut: pick(cut, gold.size) };
}

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

/**
 * Every aggregator on every bundled dataset with gold, and on the user's
 * crowds (`--data`): truth-inference accuracy on the gold items. Methods of
 * the user's modules (`extraMethods`) run beside the catalogue's.
 */
export async function aggregatorsSuite(o: SuiteOptions): Promise<SuiteResult> {
  const entries = [...SUITE_AGGREGATORS, ...((o.extraMethods ?? []) as AggregatorEntry[])];
  const names = entries.map((e) => e.name);
  const bundledNames = listDatasets().map((m) => m.name);
  const named = o.datasets ?? listDatasets().filter((m) => m.goldItems > 0).map((m) => m.name);
  checkNames('dataset', named, bundledNames);
  const user = new Map((o.data ?? []).map((d) => [d.name, d]));
  const datasets = [...named, ...user.keys()];
  const methods = o.methods ?? names;
  const seeds = o.seeds ?? (o.quick ? [0] : [0, 1, 2]);
  checkNames('method', methods, names);
  const bundled = datasetLoader();
  const get = (name: string) => user.get(name) ?? bundled(name);
  const result = await runComparison({
    suite: 'aggregators',
    metric: 'accuracy',
    higherIsBetter: true,
    datasets,
    methods,
    seeds,
    // (a method given known classes depends on the seed through their draw)
    deterministic: new Set(entries.filter((e) => e.capabilities.randomness === 'deterministic' && e.capabilities.inputs?.trueLabels !== 'required').map((e) => e.name)),
    onRun: o.onRun,
    run: async (name, method, seed): Promise<RunOutcome> => {
      const d = get(name);
      const gold = d.gold;
      if (gold === undefined) return { skipped: 'no gold' };
      const entry = entries.find((e) => e.name === method) as AggregatorEntry;
      const skipped = skipReason(entry, d);
      if (skipped !== undefined) return { skipped };
      const options = method === 'lagnn' && o.quick ? { epochs: 100 } : {};
      // a method that needs known classes gets a seeded share of the gold and is scored on the rest
      const split = entry.capabilities.inputs?.trueLabels === 'required' ? splitKnownGold(gold, seed) : undefined;
      const scored = split?.heldOut ?? gold;
      const r = await entry.run({ labels: d.labels, ...(d.features !== undefined ? { features: d.features } : {}), ...(split !== undefined ? { trueLabels: split.known } : {}) }, options, { seed });
      const macroF1 = classificationReport(r.labels, scored).macroF1;
      return { value: accuracy(r.labels, scored), extra: { macroF1, ...(r.iterations !== undefined ? { iterations: r.iterations } : {}), ...(split !== undefined ? { knownGold: split.known.size } : {}) } };
    },
  });
  if (methods.some((m) => entries.find((e) => e.name === m)?.capabilities.inputs?.trueLabels === 'required')) {
    result.notes.push(`Methods that need items of known class (${entries.filter((e) => e.capabilities.inputs?.trueLabels === 'required').map((e) => e.name).join(', ')}) are given ${100 * KNOWN_GOLD_SHARE}% of each dataset's gold items, drawn by the seed, and scored on the other ${100 - 100 * KNOWN_GOLD_SHARE}%; the other methods are scored on all gold items.`);
  }
  const sizes = userDataSizes(o.data);
  return sizes !== undefined ? { ...result, datasetSizes: sizes } : result;
}
