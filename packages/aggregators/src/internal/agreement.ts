import type { CrowdLabels } from '@crowdlearn/core-matrix';

/** Fraction of each worker's labels that equal `reference[item]`; `fallback` for a worker with no labels. */
export function agreementWith(labels: CrowdLabels, reference: Int32Array, fallback: number): Float64Array {
  const R = labels.numWorkers;
  const hit = new Float64Array(R);
  const n = new Float64Array(R);
  for (let e = 0; e < labels.numLabels; e++) {
    const r = labels.worker[e] as number;
    n[r]!++;
    if (labels.label[e] === reference[labels.item[e] as number]) hit[r]!++;
  }
  for (let r = 0; r < R; r++) hit[r] = n[r] === 0 ? fallback : (hit[r] as number) / (n[r] as number);
  return hit;
}
