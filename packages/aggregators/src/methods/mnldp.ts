import { type CrowdLabels, type Features, resolveOptions, type OptionTable } from '@crowdlearn/core-matrix';
import { RowArgmax } from '@crowdlearn/core-matrix';
import { standardizedRows } from '../internal/dense-rows.js';
import { projectOntoSimplex } from '../internal/simplex-projection.js';
import type { AggregationResult, CommonOptions } from '../types.js';
import { voteScores } from './majority-vote.js';

/** Options of {@link mnldp} ([RECON] defaults from the spec). */
export interface MnldpOptions extends CommonOptions {
  /** Neighbours per item. Default 10. */
  neighbours?: number;
  /** Propagation weight α in P ← α W P + (1 - α) P⁰. Default 0.5. */
  alpha?: number;
  /** Propagation iterations at most. Default 100. */
  maxIterations?: number;
  /** Stop when max |ΔP| is below this. Default 1e-6. */
  tol?: number;
}

/** {@link mnldp}'s options: defaults and ranges. */
export const MNLDP_OPTIONS = {
  neighbours: { kind: 'integer', min: 1, default: 10, description: 'feature neighbours per item' },
  alpha: { kind: 'number', min: 0, max: 1, default: 0.5, description: 'propagation weight α in P ← αWP + (1 − α)P⁰' },
  maxIterations: { kind: 'integer', min: 0, default: 100, description: 'propagation iterations at most' },
  tol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-6, description: 'stop when no posterior moves by more than this' },
} as const satisfies OptionTable;

/**
 * MNLDP (multiple noisy label distribution propagation; Zhang, Jiang, Xu,
 * IJCAI 2019), as reconstructed in the spec: P⁰ is the soft MV of each item;
 * each item is reconstructed from its k nearest neighbours in z-scored
 * feature space with weights on the simplex (least squares on the local Gram
 * matrix plus a ridge of 1e-3 x its trace, by projected gradient); the label
 * distributions are propagated, P ← α W P + (1 - α) P⁰, until they stop
 * moving. Items without labels start uniform and take their neighbours'
 * distributions. Needs features; O(N² d) for the neighbour search.
 *
 * Cite: J. Zhang, L. Jiang, W. Xu, "Multiple noisy label distribution
 * propagation for crowdsourcing", IJCAI 2019.
 */
export function mnldp(labels: CrowdLabels, features: Features, options: MnldpOptions = {}): AggregationResult {
  const o = resolveOptions('mnldp', MNLDP_OPTIONS, options);
  const N = labels.numItems;
  const K = labels.numClasses;
  const d = features.numCols;
  const x = standardizedRows(labels, features, 'MNLDP');
  const k = Math.min(o.neighbours, Math.max(0, N - 1));
  const alpha = o.alpha;
  const p0 = voteScores(labels, undefined, undefined, options).posteriors;
  const { neighbours, weights } = reconstructionWeights(x, N, d, k);

  let p: Float64Array = p0.slice();
  let next: Float64Array = new Float64Array(N * K);
  let iterations = 0;
  let converged = false;
  const maxIterations = o.maxIterations;
  const tol = o.tol;
  while (iterations < maxIterations) {
    iterations++;
    let change = 0;
    for (let i = 0; i < N; i++) {
      for (let c = 0; c < K; c++) {
        let s = 0;
        for (let m = 0; m < k; m++) s += (weights[i * k + m] as number) * (p[(neighbours[i * k + m] as number) * K + c] as number);
        const v = alpha * s + (1 - alpha) * (p0[i * K + c] as number);
        change = Math.max(change, Math.abs(v - (p[i * K + c] as number)));
        next[i * K + c] = v;
      }
    }
    [p, next] = [next, p];
    if (change < tol) {
      converged = true;
      break;
    }
  }
  // rows stay distributions (W rows and P⁰ rows sum to 1); renormalise away rounding
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let c = 0; c < K; c++) s += p[i * K + c] as number;
    for (let c = 0; c < K; c++) p[i * K + c]! /= s;
  }
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return { method: 'mnldp', labels: argmax.rows(p, N, K), posteriors: p, iterations, converged };
}

/** k nearest neighbours of every row and simplex-constrained reconstruction weights. */
function reconstructionWeights(x: Float64Array, N: number, d: number, k: number): { neighbours: Int32Array; weights: Float64Array } {
  const neighbours = new Int32Array(N * k);
  const weights = new Float64Array(N * k);
  const dist = new Float64Array(N);
  const order = new Int32Array(N);
  const gram = new Float64Array(k * k);
  const w = new Float64Array(k);
  const grad = new Float64Array(k);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += ((x[i * d + c] as number) - (x[j * d + c] as number)) ** 2;
      dist[j] = j === i ? Infinity : s;
      order[j] = j;
    }
    order.sort((a, b) => (dist[a] as number) - (dist[b] as number) || a - b);
    for (let m = 0; m < k; m++) neighbours[i * k + m] = order[m] as number;
    // local Gram matrix G_ml = (x_i - x_m)·(x_i - x_l), plus a ridge of 1e-3 x trace
    let trace = 0;
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) {
        const ja = neighbours[i * k + a] as number;
        const jb = neighbours[i * k + b] as number;
        let s = 0;
        for (let c = 0; c < d; c++) s += ((x[i * d + c] as number) - (x[ja * d + c] as number)) * ((x[i * d + c] as number) - (x[jb * d + c] as number));
        gram[a * k + b] = s;
        gram[b * k + a] = s;
      }
      trace += gram[a * k + a] as number;
    }
    const ridge = 1e-3 * trace + 1e-12;
    for (let a = 0; a < k; a++) gram[a * k + a]! += ridge;
    // projected gradient on min w'Gw over the simplex, step 1/L with L <= 2 trace(G)
    w.fill(1 / k);
    const step = 1 / (2 * (trace + k * ridge));
    for (let it = 0; it < 300; it++) {
      for (let a = 0; a < k; a++) {
        let s = 0;
        for (let b = 0; b < k; b++) s += (gram[a * k + b] as number) * (w[b] as number);
        grad[a] = 2 * s;
      }
      for (let a = 0; a < k; a++) w[a]! -= step * (grad[a] as number);
      projectOntoSimplex(w);
    }
    weights.set(w, i * k);
  }
  return { neighbours, weights };
}
