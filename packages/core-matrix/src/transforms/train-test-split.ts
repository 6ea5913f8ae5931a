import { assertFraction } from '../internal/assert.js';
import type { GoldLabels } from '../gold-labels.js';
import { toRng, type RandomSource } from '../rng.js';

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions {
  /** Fraction of the items that go to the test set. */
  testFraction: number;
  /** Seed or generator. */
  seed: RandomSource;
  /**
   * Stratify by gold class: each class (and the group of items without gold)
   * gives the same fraction to the test set, up to rounding.
   */
  stratify?: GoldLabels;
}

/** A partition of the items. */
export interface ItemSplit {
  /** Training items, ascending. */
  train: Int32Array;
  /** Test items, ascending. */
  test: Int32Array;
}

/**
 * Splits items `0..numItems-1` into train and test with `round(f * N)` test
 * items. Stratified splits give each stratum its share by largest remainder.
 */
export function trainTestSplit(numItems: number, options: TrainTestSplitOptions): ItemSplit {
  assertFraction('testFraction', options.testFraction);
  const rng = toRng(options.seed);
  const totalTest = Math.round(options.testFraction * numItems);
  const strata = groupByStratum(numItems, options.stratify);
  const quotas = largestRemainder(
    strata.map((s) => s.length * options.testFraction),
    totalTest,
  );
  const isTest = new Uint8Array(numItems);
  strata.forEach((members, s) => {
    const chosen = rng.sample(members.length, quotas[s] as number);
    for (let j = 0; j < chosen.length; j++) isTest[members[chosen[j] as number] as number] = 1;
  });
  const test = new Int32Array(totalTest);
  const train = new Int32Array(numItems - totalTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < numItems; i++) {
    if (isTest[i] === 1) test[a++] = i;
    else train[b++] = i;
  }
  return { train, test };
}

function groupByStratum(numItems: number, gold: GoldLabels | undefined): number[][] {
  if (gold === undefined) return [Array.from({ length: numItems }, (_, i) => i)];
  const groups: number[][] = Array.from({ length: gold.numClasses + 1 }, () => []);
  for (let i = 0; i < numItems; i++) (groups[gold.get(i) ?? gold.numClasses] as number[]).push(i);
  return groups.filter((g) => g.length > 0);
}

/** Integer quotas summing to `total`, each the floor of its share plus one for the largest remainders. */
export function largestRemainder(shares: readonly number[], total: number): number[] {
  const quotas = shares.map((s) => Math.floor(s));
  let left = total - quotas.reduce((x, y) => x + y, 0);
  const order = shares.map((s, j) => j).sort((x, y) => (shares[y] as number) - Math.floor(shares[y] as number) - ((shares[x] as number) - Math.floor(shares[x] as number)) || x - y);
  for (const j of order) {
    if (left <= 0) break;
    quotas[j] = (quotas[j] as number) + 1;
    left--;
  }
  return quotas;
}
