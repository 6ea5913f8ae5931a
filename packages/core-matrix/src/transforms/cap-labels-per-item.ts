import type { CrowdLabels } from '../crowd-labels.js';
import { assertInteger } from '../internal/assert.js';
import { flaggedIndices, selectLabels } from '../internal/select-labels.js';
import { toRng, type RandomSource } from '../rng.js';

/** Options of {@link capLabelsPerItem}. */
export interface CapLabelsPerItemOptions {
  /** Maximum number of labels an item keeps (redundancy), at least 1. */
  max: number;
  /** Seed or generator. */
  seed: RandomSource;
}

/** Caps redundancy: every item with more than `max` labels keeps a uniformly random `max` of them. */
export function capLabelsPerItem(labels: CrowdLabels, options: CapLabelsPerItemOptions): CrowdLabels {
  assertInteger('max', options.max, 1);
  const rng = toRng(options.seed);
  const keep = new Uint8Array(labels.numLabels);
  for (let i = 0; i < labels.numItems; i++) {
    const start = labels.itemOffsets[i] as number;
    const deg = labels.itemDegree(i);
    if (deg <= options.max) {
      keep.fill(1, start, start + deg);
      continue;
    }
    const chosen = rng.sample(deg, options.max);
    for (let j = 0; j < chosen.length; j++) keep[start + (chosen[j] as number)] = 1;
  }
  return selectLabels(labels, flaggedIndices(keep));
}
