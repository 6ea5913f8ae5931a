import type { CrowdLabels } from '@crowdlearn/core-matrix';
import { portableLog } from '@crowdlearn/core-matrix';

/**
 * Expected counts of the DS M-step: `counts[r][k][l] = Σ_{i: l_ir = l} T_ik`
 * (R x K x K, `[r][k][l]`), one pass over the labels.
 */
export function confusionCounts(labels: CrowdLabels, posteriors: Float64Array, counts: Float64Array): void {
  const K = labels.numClasses;
  const KK = K * K;
  counts.fill(0);
  const { item, worker, label } = labels;
  for (let e = 0; e < labels.numLabels; e++) {
    const row = (item[e] as number) * K;
    const base = (worker[e] as number) * KK + (label[e] as number);
    for (let k = 0; k < K; k++) counts[base + k * K]! += posteriors[row + k] as number;
  }
}

/** `used[r*K + l]` = 1 when worker r gave label l at least once. */
export function usedLabels(labels: CrowdLabels): Uint8Array {
  const K = labels.numClasses;
  const used = new Uint8Array(labels.numWorkers * K);
  for (let e = 0; e < labels.numLabels; e++) used[(labels.worker[e] as number) * K + (labels.label[e] as number)] = 1;
  return used;
}

/** Element-wise natural log into `out`. */
export function logInto(values: Float64Array, out: Float64Array): Float64Array {
  for (let j = 0; j < values.length; j++) out[j] = portableLog(values[j] as number);
  return out;
}
