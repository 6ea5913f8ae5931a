import type { CrowdLabels } from '../crowd-labels.js';
import { CrowdError } from '../errors.js';
import type { GoldLabels } from '../gold-labels.js';
import { assertFraction } from '../internal/assert.js';
import { goldClassCounts } from '../stats/class-distribution.js';
import { toRng, type RandomSource } from '../rng.js';
import { subsetItems } from './subset.js';

/** Options of {@link longTailSubsample}. */
export interface LongTailOptions {
  /** Target gold imbalance ratio R_g = n_head / n_tail, at least 1. */
  ratio: number;
  /** Seed or generator. */
  seed: RandomSource;
  /**
   * Which class is the head: `'index'` (class 0 is the head, class K-1 the
   * tail, as in the long-tailed CIFAR protocol) or `'frequency'` (the most
   * frequent gold class is the head). Default `'index'`.
   */
  classOrder?: 'index' | 'frequency';
}

/** A long-tailed subsample and where its items came from. */
export interface LongTailSubsample {
  /** Labels of the kept items, renumbered in ascending original order. */
  labels: CrowdLabels;
  /** Gold of the kept items, same numbering. */
  gold: GoldLabels;
  /** Original index of each kept item, ascending. */
  items: Int32Array;
  /** Number of kept items per class. */
  classCounts: Int32Array;
}

/**
 * Subsamples gold items so the class sizes decay exponentially:
 * `n_(k) = floor(n_max * ratio^(-k/(K-1)))` for the k-th class in
 * `classOrder`, with the largest `n_max` every class can supply. Items without
 * gold are dropped. This is how the DASC paper builds long-tailed data.
 */
export function longTailSubsample(labels: CrowdLabels, gold: GoldLabels, options: LongTailOptions): LongTailSubsample {
  assertFraction('ratio', options.ratio, 1, Number.MAX_VALUE);
  const rng = toRng(options.seed);
  const K = gold.numClasses;
  const available = goldClassCounts(gold);
  const order = Array.from({ length: K }, (_, k) => k);
  if (options.classOrder === 'frequency') order.sort((a, b) => (available[b] as number) - (available[a] as number) || a - b);
  const exponent = (rank: number) => (K === 1 ? 0 : rank / (K - 1));
  let nMax = Infinity;
  order.forEach((k, rank) => (nMax = Math.min(nMax, (available[k] as number) * options.ratio ** exponent(rank))));
  nMax = Math.floor(nMax + 1e-9);
  if (nMax === 0) {
    throw new CrowdError('INVALID_ARGUMENT', 'a class has no gold item, so no long tail can be drawn', {
      found: `gold class counts ${Array.from(available).join(', ')}`,
    });
  }
  const target = new Int32Array(K);
  order.forEach((k, rank) => {
    target[k] = Math.min(available[k] as number, Math.floor(nMax * options.ratio ** -exponent(rank) + 1e-9));
  });
  const members: number[][] = Array.from({ length: K }, () => []);
  for (let j = 0; j < gold.size; j++) (members[gold.labels[j] as number] as number[]).push(gold.items[j] as number);
  const keep = new Uint8Array(labels.numItems);
  for (let k = 0; k < K; k++) {
    const m = members[k] as number[];
    const chosen = rng.sample(m.length, target[k] as number);
    for (let j = 0; j < chosen.length; j++) keep[m[chosen[j] as number] as number] = 1;
  }
  const items = Int32Array.from({ length: labels.numItems }, (_, i) => i).filter((i) => keep[i] === 1);
  return { labels: subsetItems(labels, items), gold: gold.subset(items), items, classCounts: target };
}
