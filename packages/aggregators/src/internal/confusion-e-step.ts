import type { CrowdLabels } from '@crowdlearn/core-matrix';
import { portableExp, portableLog } from '@crowdlearn/core-matrix';

/**
 * E-step of every confusion-matrix model (DS, one-coin DS, ZenCrowd, HDS,
 * FDS): `T_ik ∝ prior_k * Π_r confusion[r][k][l_ir]`, in log space with the
 * row max subtracted before exponentiating.
 *
 * `logPrior` (K) and `logConfusion` (R x K x K, `[r][k][l]`) are logs.
 * Writes the posteriors of labelled items into `posteriors` (N x K); rows of
 * items without labels are left untouched. Returns the marginal
 * log-likelihood `Σ_i log Σ_k prior_k Π_r confusion[r][k][l_ir]` over the
 * labelled items.
 */
export function confusionEStep(
  labels: CrowdLabels,
  logPrior: Float64Array,
  logConfusion: Float64Array,
  posteriors: Float64Array,
): number {
  const K = labels.numClasses;
  const KK = K * K;
  const { itemOffsets, worker, label } = labels;
  let logLikelihood = 0;
  for (let i = 0; i < labels.numItems; i++) {
    const start = itemOffsets[i] as number;
    const end = itemOffsets[i + 1] as number;
    if (start === end) continue;
    const row = i * K;
    for (let k = 0; k < K; k++) posteriors[row + k] = logPrior[k] as number;
    for (let e = start; e < end; e++) {
      const base = (worker[e] as number) * KK + (label[e] as number);
      for (let k = 0; k < K; k++) posteriors[row + k]! += logConfusion[base + k * K] as number;
    }
    logLikelihood += softmaxInPlace(posteriors, row, K);
  }
  return logLikelihood;
}

/** Replaces `v[offset..offset+K-1]` (logs) by their softmax; returns their log-sum-exp. */
export function softmaxInPlace(v: Float64Array, offset: number, K: number): number {
  let max = -Infinity;
  for (let k = 0; k < K; k++) if ((v[offset + k] as number) > max) max = v[offset + k] as number;
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const x = portableExp((v[offset + k] as number) - max);
    v[offset + k] = x;
    sum += x;
  }
  for (let k = 0; k < K; k++) v[offset + k]! /= sum;
  return max + portableLog(sum);
}
