import { canonicalOrder, originalOrder, type CanonicalOrder, type CrowdLabels } from '@crowdlearn/core-matrix';
import type { AggregationResult } from '../types.js';

/**
 * Runs `fit` on the labels renumbered by item and worker id, and puts its
 * result back in the caller's numbering: for the methods whose result
 * would otherwise depend on the row order of the file (a seeded start per
 * worker, a search over the labels in order, an M-step stopped at a loose
 * tolerance). `restore` puts back what the method adds to the common
 * result (per-worker skills, per-item difficulties, per-label weights);
 * the labels and posteriors are restored here.
 */
export function inCanonicalOrder<R extends AggregationResult>(labels: CrowdLabels, fit: (canonical: CrowdLabels, order: CanonicalOrder) => R, restore: (result: R, order: CanonicalOrder) => Partial<R>): R {
  const order = canonicalOrder(labels);
  if (order.identity) return fit(labels, order);
  const result = fit(order.labels, order);
  return { ...result, labels: originalOrder(result.labels, order.itemOf), posteriors: originalOrder(result.posteriors, order.itemOf), ...restore(result, order) };
}
