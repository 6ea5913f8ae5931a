import type { NumericLabels } from '@crowdlearn/core-matrix';
import type { NumericAggregationResult } from './numeric-result.js';

/**
 * The loop of the numeric truth-discovery methods (LFC_N, CATD, PM/CRH):
 * from a first estimate, alternate worker weights from their answers'
 * distances to the current estimates and new estimates from the weights,
 * at most `maxIterations` rounds, stopping early when the sum of squared
 * changes of the estimates is at most `tol` (LFC_N's rule; 0 never stops
 * early).
 */
export function numericTruthDiscovery(
  method: string,
  labels: NumericLabels,
  start: Float64Array,
  weigh: (estimates: Float64Array) => Float64Array,
  estimate: (weights: Float64Array) => Float64Array,
  maxIterations: number,
  tol: number,
): NumericAggregationResult {
  let values: Float64Array = start;
  let weights: Float64Array = new Float64Array(labels.numWorkers).fill(1);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    weights = weigh(values);
    const next = estimate(weights);
    let change = 0;
    for (let i = 0; i < next.length; i++) if (Number.isFinite(next[i]) && Number.isFinite(values[i])) change += ((next[i] as number) - (values[i] as number)) ** 2;
    values = next;
    if (tol > 0 && change <= tol) {
      converged = true;
      break;
    }
  }
  return { method, values, skills: weights, iterations, converged };
}

/** Per worker, the sum (or, with `mean`, the mean) of `distance(answer, estimate)` over their answers, and their answer counts. */
export function workerDistances(labels: NumericLabels, estimates: Float64Array, distance: (answer: number, estimate: number, item: number) => number): { sums: Float64Array; counts: Float64Array } {
  const sums = new Float64Array(labels.numWorkers);
  const counts = new Float64Array(labels.numWorkers);
  for (let e = 0; e < labels.numLabels; e++) {
    const r = labels.worker[e] as number;
    const i = labels.item[e] as number;
    sums[r]! += distance(labels.value[e] as number, estimates[i] as number, i);
    counts[r]!++;
  }
  return { sums, counts };
}
