import { CrowdError, logGamma, portableExp, portableLog, resolveOptions, RowArgmax, type CrowdLabels, type OptionTable } from '@crowdlearn/core-matrix';
import type { CommonOptions, AggregationResult } from '../types.js';

/** Options of {@link viBp}. */
export interface ViBpOptions extends CommonOptions {
  /** Beta(a, b) prior on every worker's reliability: a. Default 2 (Liu's Beta(2, 1)). */
  priorA?: number;
  /** Beta(a, b) prior: b. Default 1. */
  priorB?: number;
  /** The most message-passing sweeps. Default 100 (the reference's maxIter). */
  maxIterations?: number;
  /** Stop when no task belief moves by more than this. Default 1e-3 (the reference's TOL). */
  tol?: number;
}

/** {@link viBp}'s options: defaults and ranges. */
export const VI_BP_OPTIONS = {
  priorA: { kind: 'number', min: 0, exclusiveMin: true, default: 2, description: "Beta(a, b) prior on a worker's reliability: a" },
  priorB: { kind: 'number', min: 0, exclusiveMin: true, default: 1, description: "Beta(a, b) prior on a worker's reliability: b" },
  maxIterations: { kind: 'integer', min: 1, default: 100, description: 'the most message-passing sweeps' },
  tol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-3, description: 'stop when no task belief moves by more than this' },
} as const satisfies OptionTable;

/**
 * The distribution of a sum of independent Bernoulli(p_k) (Poisson
 * binomial): `out[c]` = P(c successes), by the usual O(d²) recursion.
 */
function poissonBinomial(p: Float64Array, out: Float64Array): void {
  const d = p.length;
  out.fill(0);
  out[0] = 1;
  for (let k = 0; k < d; k++) {
    const pk = p[k] as number;
    for (let c = k + 1; c >= 1; c--) out[c] = (out[c] as number) * (1 - pk) + (out[c - 1] as number) * pk;
    out[0] = (out[0] as number) * (1 - pk);
  }
}

/**
 * Removes one Bernoulli(p) from a Poisson-binomial distribution of d trials
 * (synthetic division by 1 - p + p x), into `out` (d entries): from the low
 * end when p <= 1/2 and from the high end otherwise, the stable direction.
 */
function withoutOne(full: Float64Array, d: number, p: number, out: Float64Array): void {
  if (p <= 0.5) {
    const q = 1 - p;
    out[0] = (full[0] as number) / q;
    for (let c = 1; c < d; c++) out[c] = Math.max(0, ((full[c] as number) - p * (out[c - 1] as number)) / q);
  } else {
    out[d - 1] = (full[d] as number) / p;
    for (let c = d - 2; c >= 0; c--) out[c] = Math.max(0, ((full[c + 1] as number) - (1 - p) * (out[c + 1] as number)) / p);
  }
}

/**
 * VI-BP, belief propagation for crowdsourcing (Liu, Peng & Ihler 2012) on
 * the one-coin model, binary labels: every worker is right with an unknown
 * probability q_j ~ Beta(a, b), integrated out, so a worker's factor over the
 * items they labelled depends only on how many of their labels are right:
 * ψ_j = B(a + c, b + d - c) / B(a, b). Sum-product messages: a worker tells
 * an item how likely its label there is right, given the chances that their
 * other labels are (a Poisson-binomial over the item-to-worker beliefs,
 * leave-one-out); an item's belief combines its workers' messages under a
 * uniform prior. Runs until no belief moves by more than `tol`.
 *
 * Liu's code, as Zheng et al.'s framework runs it, uses the two-coin model
 * (a sensitivity and a specificity per worker, each Beta(2, 1)); this is the
 * paper's one-coin form with the same prior and stopping rule (the form in
 * which the paper shows KOS is a special case). Binary labels only, as the
 * reference. A sweep costs Σ_j d_j² for workers of d_j labels (the
 * leave-one-out Poisson binomials): Sentiment, whose busiest worker gave 3,993
 * labels, takes about 30 s for its 100 sweeps.
 *
 * Cite: Q. Liu, J. Peng, A. Ihler, "Variational inference for
 * crowdsourcing", NeurIPS 2012.
 */
export function viBp(labels: CrowdLabels, options: ViBpOptions = {}): AggregationResult {
  const o = resolveOptions('vi-bp', VI_BP_OPTIONS, options);
  const K = labels.numClasses;
  if (K > 2) throw new CrowdError('INVALID_ARGUMENT', 'vi-bp takes binary labels', { expected: '2 classes, as the reference', found: `${K} classes` });
  const N = labels.numItems;
  const R = labels.numWorkers;
  const n = labels.numLabels;
  // one class: nothing to infer
  if (K < 2) return { method: 'vi-bp', labels: new Int32Array(N), posteriors: new Float64Array(N * K).fill(1), iterations: 0, converged: true };
  // log B(a + c, b + d - c) for every worker degree d and count c, computed once per degree
  const logBeta = (x: number, y: number) => logGamma(x) + logGamma(y) - logGamma(x + y);
  const byWorker: number[][] = Array.from({ length: R }, () => []);
  for (let e = 0; e < n; e++) (byWorker[labels.worker[e] as number] as number[]).push(e);
  const weights = new Map<number, { right: Float64Array; wrong: Float64Array }>();
  const weightsFor = (d: number) => {
    let w = weights.get(d);
    if (w === undefined) {
      // with c of the other d - 1 labels right: this label right gives c + 1 right in all, wrong gives c
      const right = Float64Array.from({ length: d }, (_, c) => logBeta(o.priorA + c + 1, o.priorB + d - 1 - c));
      const wrong = Float64Array.from({ length: d }, (_, c) => logBeta(o.priorA + c, o.priorB + d - c));
      let top = -Infinity;
      for (let c = 0; c < d; c++) top = Math.max(top, right[c] as number, wrong[c] as number);
      w = { right: right.map((v) => portableExp(v - top)), wrong: wrong.map((v) => portableExp(v - top)) };
      weights.set(d, w);
    }
    return w;
  };
  // toWorker[e]: the item's belief, without worker e's own message, that the label of answer e is right
  const toWorker = new Float64Array(n).fill(0.5);
  // toItem[e]: log-likelihood ratio, from answer e's worker, that this label is right
  const toItem = new Float64Array(n);
  const belief = new Float64Array(N).fill(0.5); // P(item's class is 1)
  const previous = new Float64Array(N);
  let iterations = 0;
  let converged = false;
  while (iterations < o.maxIterations) {
    iterations++;
    // workers to items
    for (let r = 0; r < R; r++) {
      const list = byWorker[r] as number[];
      const d = list.length;
      if (d === 0) continue;
      const probs = Float64Array.from(list, (e) => toWorker[e] as number);
      const full = new Float64Array(d + 1);
      poissonBinomial(probs, full);
      const others = new Float64Array(d);
      const { right, wrong } = weightsFor(d);
      list.forEach((e, j) => {
        withoutOne(full, d, probs[j] as number, others);
        let yes = 0;
        let no = 0;
        for (let c = 0; c < d; c++) {
          yes += (others[c] as number) * (right[c] as number);
          no += (others[c] as number) * (wrong[c] as number);
        }
        toItem[e] = portableLog(Math.max(yes, 1e-300)) - portableLog(Math.max(no, 1e-300));
      });
    }
    // items to workers, and beliefs
    previous.set(belief);
    for (let i = 0; i < N; i++) {
      const start = labels.itemOffsets[i] as number;
      const end = labels.itemOffsets[i + 1] as number;
      if (start === end) continue;
      // log odds of class 1: a label 1 that is right says 1, a label 0 that is right says 0
      let total = 0;
      for (let e = start; e < end; e++) total += labels.label[e] === 1 ? (toItem[e] as number) : -(toItem[e] as number);
      belief[i] = 1 / (1 + portableExp(-total));
      for (let e = start; e < end; e++) {
        const own = labels.label[e] === 1 ? (toItem[e] as number) : -(toItem[e] as number);
        const rest = 1 / (1 + portableExp(-(total - own))); // P(class 1) without this worker
        toWorker[e] = labels.label[e] === 1 ? rest : 1 - rest;
      }
    }
    let change = 0;
    for (let i = 0; i < N; i++) change = Math.max(change, Math.abs((belief[i] as number) - (previous[i] as number)));
    if (change < o.tol) {
      converged = true;
      break;
    }
  }
  const posteriors = new Float64Array(N * 2);
  for (let i = 0; i < N; i++) {
    posteriors[i * 2 + 1] = belief[i] as number;
    posteriors[i * 2] = 1 - (belief[i] as number);
  }
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return { method: 'vi-bp', labels: argmax.rows(posteriors, N, 2), posteriors, iterations, converged };
}
