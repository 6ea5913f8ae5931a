import type { CrowdLabels } from '@crowdlearn/core-matrix';
import type { CoOccurrenceMode, LcaMode } from './options.js';

/**
 * The label co-occurrence graph A (K x K, row-major, zero diagonal) of the
 * observed annotations: how often labels c ≠ c' are given to the same
 * instance by different annotators. `'pairs'` adds 1 for every such pair of
 * annotations, `'items'` 1 per instance that received both labels.
 */
export function labelCoOccurrence(labels: CrowdLabels, mode: CoOccurrenceMode = 'pairs'): Float64Array {
  const K = labels.numClasses;
  const A = new Float64Array(K * K);
  const counts = new Int32Array(K);
  for (let i = 0; i < labels.numItems; i++) {
    counts.fill(0);
    for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) counts[labels.label[e] as number]!++;
    for (let c = 0; c < K; c++) {
      for (let c2 = 0; c2 < K; c2++) {
        if (c === c2) continue;
        const pairs = (counts[c] as number) * (counts[c2] as number);
        if (pairs > 0) A[c * K + c2]! += mode === 'pairs' ? pairs : 1;
      }
    }
  }
  return A;
}

/**
 * The matrix that mixes the discriminator's per-class bilinear matrices
 * (LCA, specs/crowding.md §2), from the co-occurrence counts A. Counts are
 * first turned into frequencies `F_cc' = A_cc' / sqrt(a_c a_c')`, with a_c
 * the row sums (a [RECON] reading of "co-occurrence frequency": symmetric,
 * scale-free, and on the scale of the self-loop of Â = F + I, which raw
 * counts would drown). Then
 * - `'paper'`: `D̂^-½ Â D̂^-½` with D̂ the degree matrix of Â (symmetric when A is);
 * - `'code'`: Â with each row divided by its sum (row-stochastic);
 * - `'off'`: the identity.
 */
export function lcaAdjacency(A: ArrayLike<number>, K: number, mode: LcaMode): Float32Array {
  const out = new Float32Array(K * K);
  if (mode === 'off') {
    for (let c = 0; c < K; c++) out[c * K + c] = 1;
    return out;
  }
  const rowSum = Float64Array.from({ length: K }, (_, c) => {
    let s = 0;
    for (let c2 = 0; c2 < K; c2++) s += A[c * K + c2] as number;
    return s;
  });
  const hat = new Float64Array(K * K);
  for (let c = 0; c < K; c++) {
    for (let c2 = 0; c2 < K; c2++) {
      const scale = Math.sqrt((rowSum[c] as number) * (rowSum[c2] as number));
      hat[c * K + c2] = (c === c2 ? 1 : 0) + (scale > 0 ? (A[c * K + c2] as number) / scale : 0);
    }
  }
  const degree = Float64Array.from({ length: K }, (_, c) => hat.subarray(c * K, (c + 1) * K).reduce((s, v) => s + v, 0));
  for (let c = 0; c < K; c++) {
    for (let c2 = 0; c2 < K; c2++) {
      const v = hat[c * K + c2] as number;
      out[c * K + c2] = mode === 'paper' ? v / Math.sqrt((degree[c] as number) * (degree[c2] as number)) : v / (degree[c] as number);
    }
  }
  return out;
}
