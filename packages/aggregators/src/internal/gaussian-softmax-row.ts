import { portableExp, portableLog } from '@crowdlearn/core-matrix';

/** Newton steps per update (the row's bound is concave in its mean). */
const NEWTON_STEPS = 5;

/**
 * One worker score row's variational update: with counts x (the expected
 * answers l when the truth is this row's class, n = Σ x) and the pull τ
 * toward `target`, maximise over q = N(m, diag v)
 *   x·m − n log Σ exp(m + v/2) − τ/2 ‖m − target‖² − τ/2 Σ v + ½ Σ log v,
 * concave in m: Newton steps (the Hessian is diagonal minus rank one, so
 * Sherman-Morrison solves it), each followed by v_j = 1 / (τ + n σ_j) with
 * σ = softmax(m + v/2), the stationary variance.
 */
export class GaussianSoftmaxRow {
  /** The mean the row is pulled to (the membership-weighted community mean), set by the caller. */
  readonly target: Float64Array;
  readonly #sigma: Float64Array;
  readonly #gradient: Float64Array;
  readonly #step: Float64Array;
  readonly #trial: Float64Array;

  constructor(K: number) {
    this.target = new Float64Array(K);
    this.#sigma = new Float64Array(K);
    this.#gradient = new Float64Array(K);
    this.#step = new Float64Array(K);
    this.#trial = new Float64Array(K);
  }

  /** Updates mean[at..at+K) and variance[at..at+K) in place from counts[from..from+K). */
  fit(counts: Float64Array, from: number, tau: number, mean: Float64Array, variance: Float64Array, at: number): void {
    const K = this.target.length;
    const sigma = this.#sigma;
    const g = this.#gradient;
    const step = this.#step;
    const trial = this.#trial;
    let n = 0;
    for (let j = 0; j < K; j++) n += counts[from + j] as number;
    // the row's bound at means m[offset .. offset + K) (the variances stay those at `at`)
    const bound = (m: Float64Array, offset: number) => {
      let max = -Infinity;
      for (let j = 0; j < K; j++) max = Math.max(max, (m[offset + j] as number) + 0.5 * (variance[at + j] as number));
      let sum = 0;
      for (let j = 0; j < K; j++) sum += portableExp((m[offset + j] as number) + 0.5 * (variance[at + j] as number) - max);
      let value = -n * (max + portableLog(sum));
      for (let j = 0; j < K; j++) {
        const d = (m[offset + j] as number) - (this.target[j] as number);
        value += (counts[from + j] as number) * (m[offset + j] as number) - 0.5 * tau * d * d;
      }
      return value;
    };
    for (let it = 0; it < NEWTON_STEPS; it++) {
      // σ = softmax(m + v/2); gradient x − nσ − τ(m − target)
      logSumExpHalfVariance(mean, variance, at, K, sigma);
      for (let j = 0; j < K; j++) g[j] = (counts[from + j] as number) - n * (sigma[j] as number) - tau * ((mean[at + j] as number) - (this.target[j] as number));
      // step = (D − n σσᵀ)⁻¹ g with D = diag(nσ + τ)
      let sDs = 0;
      let sDg = 0;
      for (let j = 0; j < K; j++) {
        const d = n * (sigma[j] as number) + tau;
        sDs += ((sigma[j] as number) * (sigma[j] as number)) / d;
        sDg += ((sigma[j] as number) * (g[j] as number)) / d;
      }
      const scale = (n * sDg) / (1 - n * sDs);
      for (let j = 0; j < K; j++) step[j] = ((g[j] as number) + scale * (sigma[j] as number)) / (n * (sigma[j] as number) + tau);
      // halve the step until the bound does not decrease (Newton on a concave function rarely needs it)
      const before = bound(mean, at);
      let t = 1;
      for (let halvings = 0; halvings < 30; halvings++) {
        for (let j = 0; j < K; j++) trial[j] = (mean[at + j] as number) + t * (step[j] as number);
        if (bound(trial, 0) >= before) break;
        t /= 2;
      }
      for (let j = 0; j < K; j++) mean[at + j] = trial[j] as number;
      // the variances at the new mean
      logSumExpHalfVariance(mean, variance, at, K, sigma);
      for (let j = 0; j < K; j++) variance[at + j] = 1 / (tau + n * (sigma[j] as number));
    }
  }
}

/** log Σ_j exp(m_j + v_j / 2) over the row at `at` (the BL06 bound's normaliser); with `softmax`, also writes the normalised terms there. */
export function logSumExpHalfVariance(mean: Float64Array, variance: Float64Array, at: number, K: number, softmax: Float64Array | null): number {
  let max = -Infinity;
  for (let j = 0; j < K; j++) max = Math.max(max, (mean[at + j] as number) + 0.5 * (variance[at + j] as number));
  let sum = 0;
  for (let j = 0; j < K; j++) {
    const term = portableExp((mean[at + j] as number) + 0.5 * (variance[at + j] as number) - max);
    if (softmax !== null) softmax[j] = term;
    sum += term;
  }
  if (softmax !== null) for (let j = 0; j < K; j++) softmax[j]! /= sum;
  return max + portableLog(sum);
}
