import type { CrowdLabels } from '../crowd-labels.js';
import { assertFraction } from '../internal/assert.js';
import { flaggedIndices, selectLabels } from '../internal/select-labels.js';
import { toRng, type RandomSource } from '../rng.js';

/** Options of {@link removeLabels}. */
export interface RemoveLabelsOptions {
  /** Fraction p of the labels to remove, in [0, 1]. */
  fraction: number;
  /** Seed or generator. */
  seed: RandomSource;
  /** Keep one label of every labelled item (default true); false removes uniformly among all labels. */
  keepOnePerItem?: boolean;
}

/**
 * Removes `round(p * labels)` labels chosen uniformly at random. By default
 * never an item's last label: one label per labelled item is kept (chosen
 * uniformly), so when p asks for more than that allows, every other label
 * goes; with `keepOnePerItem: false` items may lose every label.
 * Used by the papers' sparsity experiments. Shape and ids are unchanged.
 */
export function removeLabels(labels: CrowdLabels, options: RemoveLabelsOptions): CrowdLabels {
  assertFraction('fraction', options.fraction);
  const rng = toRng(options.seed);
  const n = labels.numLabels;
  const protectedFlag = new Uint8Array(n);
  let labelledItems = 0;
  for (let i = 0; i < labels.numItems && options.keepOnePerItem !== false; i++) {
    const deg = labels.itemDegree(i);
    if (deg === 0) continue;
    labelledItems++;
    protectedFlag[(labels.itemOffsets[i] as number) + rng.int(deg)] = 1;
  }
  const removable = new Int32Array(n - labelledItems);
  let m = 0;
  for (let e = 0; e < n; e++) if (protectedFlag[e] === 0) removable[m++] = e;
  const toRemove = Math.min(Math.round(options.fraction * n), removable.length);
  const keepFlag = new Uint8Array(n).fill(1);
  const chosen = rng.sample(removable.length, toRemove);
  for (let j = 0; j < chosen.length; j++) keepFlag[removable[chosen[j] as number] as number] = 0;
  return selectLabels(labels, flaggedIndices(keepFlag));
}
