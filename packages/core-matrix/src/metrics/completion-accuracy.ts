import type { CrowdLabels } from '../crowd-labels.js';
import { CrowdError } from '../errors.js';
import type { GoldLabels } from '../gold-labels.js';
import { Origin } from '../origin.js';

/** Completion accuracy and how many cells it was computed on. */
export interface CompletionAccuracy {
  /** Fraction of the judged completed cells that are right; `NaN` when none is judged. */
  accuracy: number;
  /** Completed cells that could be judged. */
  judged: number;
}

/**
 * Completion accuracy against gold: over completed cells only, on items that
 * have gold, the fraction whose label equals the item's gold class.
 */
export function completionAccuracy(labels: CrowdLabels, gold: GoldLabels): CompletionAccuracy {
  let judged = 0;
  let hit = 0;
  for (let e = 0; e < labels.numLabels; e++) {
    if (labels.originOf(e) !== Origin.Completed) continue;
    const y = gold.get(labels.item[e] as number);
    if (y === undefined) continue;
    judged++;
    if (labels.label[e] === y) hit++;
  }
  return { accuracy: judged === 0 ? Number.NaN : hit / judged, judged };
}

/**
 * Completion accuracy against the workers' latent answers (what a simulator
 * knows): over completed cells, the fraction equal to what that worker would
 * have answered. `latent` is row-major N x R, one class per (item, worker).
 */
export function completionAgreement(labels: CrowdLabels, latent: Int32Array): CompletionAccuracy {
  const R = labels.numWorkers;
  if (latent.length !== labels.numItems * R) {
    throw new CrowdError('SHAPE_MISMATCH', 'latent answers must be N x R', {
      expected: `${labels.numItems * R} values`,
      found: String(latent.length),
    });
  }
  let judged = 0;
  let hit = 0;
  for (let e = 0; e < labels.numLabels; e++) {
    if (labels.originOf(e) !== Origin.Completed) continue;
    judged++;
    if (labels.label[e] === latent[(labels.item[e] as number) * R + (labels.worker[e] as number)]) hit++;
  }
  return { accuracy: judged === 0 ? Number.NaN : hit / judged, judged };
}
