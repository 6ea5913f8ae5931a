import { originalOrder, resolveOptions, Rng, RowArgmax, type CrowdLabels, type OptionTable, portableExp, portableLog } from '@crowdlearn/core-matrix';
import { inCanonicalOrder } from '../internal/canonical-run.js';
import { digamma } from '../internal/digamma.js';
import { MersenneTwister } from '../internal/mt19937.js';
import { fillEmptyItems } from '../internal/empty-items.js';
import type { AggregationResult, CommonOptions } from '../types.js';

/** Options of {@link mace} (crowd-kit's defaults). */
export interface MaceOptions extends CommonOptions {
  /** Random restarts; the one with the best marginal likelihood is kept. Default 10. */
  restarts?: number;
  /** EM / VB iterations per restart. Default 50. */
  iterations?: number;
  /** `'vb'` (variational Bayes with priors, default) or `'em'` (maximum likelihood with smoothing). */
  inference?: 'vb' | 'em';
  /** Beta prior on the probability of not spamming: Beta(alpha, beta). Defaults 0.5, 0.5. */
  alpha?: number;
  /** See `alpha`. */
  beta?: number;
  /** Symmetric Dirichlet prior on each spamming strategy. Default 10. */
  strategyPrior?: number;
  /** Initial parameters are drawn from U(1, 2 + defaultNoise) (crowd-kit's `uniform(1, 1 + noise)`: loc 1, scale 1 + noise) and normalised. Default 0.5. */
  defaultNoise?: number;
  /** Smoothing added to counts in the `'em'` M-step. Default 0.01 / K. */
  smoothing?: number;
  /**
   * Starting points: `'random'` (default) draws each restart's start from
   * `seed`; `'crowdkit'` reproduces crowd-kit exactly — NumPy's
   * `RandomState(randomState)` for the competences and a fresh one for the
   * strategies, identical for every restart (so one restart is run). Workers
   * and classes are taken in index order, which is crowd-kit's order when they
   * are numbered by first appearance.
   */
  init?: 'random' | 'crowdkit';
  /** crowd-kit's `random_state` for `init: 'crowdkit'`. Default 0. */
  randomState?: number;
}

/** {@link mace}'s options: defaults and ranges. */
export const MACE_OPTIONS = {
  restarts: { kind: 'integer', min: 1, default: 10, description: 'random restarts; the best marginal likelihood is kept' },
  iterations: { kind: 'integer', min: 0, default: 50, description: 'EM / VB iterations per restart (all run)' },
  inference: { kind: 'choice', choices: ['vb', 'em'], default: 'vb', description: 'variational Bayes with priors, or maximum likelihood with smoothing' },
  alpha: { kind: 'number', min: 0, exclusiveMin: true, default: 0.5, description: 'Beta(alpha, beta) prior on not spamming' },
  beta: { kind: 'number', min: 0, exclusiveMin: true, default: 0.5, description: 'Beta(alpha, beta) prior on not spamming' },
  strategyPrior: { kind: 'number', min: 0, exclusiveMin: true, default: 10, description: 'symmetric Dirichlet prior on each spamming strategy' },
  defaultNoise: { kind: 'number', min: 0, default: 0.5, description: 'initial parameters are drawn from U(1, 2 + noise)' },
  smoothing: { kind: 'number', min: 0, defaultText: '0.01 / K', description: "counts smoothing in the 'em' M-step" },
  init: { kind: 'choice', choices: ['random', 'crowdkit'], default: 'random', description: "random starts from the seed, or crowd-kit's single start exactly" },
  randomState: { kind: 'integer', min: 0, default: 0, description: "crowd-kit's random_state for init 'crowdkit'" },
} as const satisfies OptionTable;

/** MACE's result: the posteriors plus each worker's competence and spamming strategy. */
export interface MaceResult extends AggregationResult {
  /** Probability that each worker is not spamming on a label, θ_r (length R). */
  competence: Float64Array;
  /** Each worker's spamming strategy ξ_r over classes, R x K row-major. */
  strategy: Float64Array;
  /** Log marginal likelihood of the kept restart. */
  logMarginalLikelihood: number;
}

/**
 * MACE (Hovy et al. 2013), as in crowd-kit: the true label is uniform; a
 * worker knows the answer with probability θ_r and then gives it, otherwise
 * spams with their own strategy ξ_r. Variational Bayes (default) with
 * Beta(0.5, 0.5) and Dirichlet(10) priors, or EM with smoothing; several
 * random restarts, keeping the best log marginal likelihood. `objective` is
 * that restart's log marginal likelihood per iteration.
 *
 * Differences from crowd-kit (measured on the bundled datasets):
 * - crowd-kit reseeds every restart with the same `random_state`, so its
 *   restarts are identical; here each restart draws its own start from the
 *   seed (`init: 'crowdkit'` reproduces crowd-kit's single start exactly).
 * - crowd-kit builds the strategy counts with a group-by that sorts workers
 *   by name and applies them by position to parameters kept in
 *   first-appearance order, so a worker's strategy is updated from another
 *   worker's counts whenever the two orders differ. This implementation
 *   keeps every worker's own counts. With that misalignment reproduced it
 *   matches crowd-kit's accuracy to the digit on barzan-mozafari (69.30),
 *   weather-amt, sentiment-popularity and weather-cf; without it,
 *   barzan-mozafari scores 72.20 instead of 69.30.
 *
 * Cite: D. Hovy, T. Berg-Kirkpatrick, A. Vaswani, E. Hovy, "Learning whom to
 * trust with MACE", NAACL-HLT 2013.
 */
export function mace(labels: CrowdLabels, options: MaceOptions = {}): MaceResult {
  // each worker's random start is drawn in worker order: run in the ids' order, so the file's row order does not matter
  return inCanonicalOrder(labels, (l) => maceInOrder(l, options), (r, order) => ({ competence: originalOrder(r.competence, order.workerOf), strategy: originalOrder(r.strategy, order.workerOf) }));
}

function maceInOrder(labels: CrowdLabels, options: MaceOptions): MaceResult {
  const N = labels.numItems;
  const R = labels.numWorkers;
  const K = labels.numClasses;
  const o = resolveOptions('mace', MACE_OPTIONS, options);
  const { restarts, iterations, alpha, beta, strategyPrior } = o;
  const vb = o.inference === 'vb';
  const noise = o.defaultNoise;
  const smoothing = o.smoothing ?? 0.01 / K;
  const rng = new Rng(options.seed ?? 0).fork('mace-restarts');

  // spam[r] = P(spamming), know[r] = P(knowing); theta[r*K + l] = strategy.
  const state = {
    spam: new Float64Array(R),
    know: new Float64Array(R),
    theta: new Float64Array(R * K),
  };
  const posteriors = new Float64Array(N * K);
  const spamCount = new Float64Array(R);
  const knowCount = new Float64Array(R);
  const strategyCount = new Float64Array(R * K);
  const logG = new Float64Array(K);
  // Per (worker, label) quantities: everything in the E-step depends on the label only through them.
  const logSpam = new Float64Array(R * K); // log a, a = spam_r * theta_r[l]
  const logBoost = new Float64Array(R * K); // log(a + know_r) - log a
  const spamShare = new Float64Array(R * K); // a / (a + know_r)

  /** E-step: posteriors and expected counts; returns the log marginal likelihood. */
  const eStep = (): number => {
    for (let r = 0; r < R; r++) {
      for (let l = 0; l < K; l++) {
        const a = (state.spam[r] as number) * (state.theta[r * K + l] as number);
        const know = state.know[r] as number;
        logSpam[r * K + l] = portableLog(a);
        logBoost[r * K + l] = portableLog(a + know) - portableLog(a);
        spamShare[r * K + l] = a / (a + know);
      }
    }
    spamCount.fill(0);
    knowCount.fill(0);
    strategyCount.fill(0);
    let lml = 0;
    const { itemOffsets, worker, label } = labels;
    for (let i = 0; i < N; i++) {
      const start = itemOffsets[i] as number;
      const end = itemOffsets[i + 1] as number;
      if (start === end) continue;
      let base = -portableLog(K);
      for (let k = 0; k < K; k++) logG[k] = 0;
      for (let e = start; e < end; e++) {
        const l = label[e] as number;
        const rl = (worker[e] as number) * K + l;
        base += logSpam[rl] as number;
        logG[l] = (logG[l] as number) + (logBoost[rl] as number);
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        const v = (logG[k] as number) + base;
        logG[k] = v;
        if (v > max) max = v;
      }
      let sum = 0;
      const row = i * K;
      for (let k = 0; k < K; k++) {
        const v = portableExp((logG[k] as number) - max);
        posteriors[row + k] = v;
        sum += v;
      }
      for (let k = 0; k < K; k++) posteriors[row + k] = (posteriors[row + k] as number) / sum;
      lml += portableLog(portableExp(max + portableLog(sum)) + 1e-8); // crowd-kit adds 1e-8 to each instance marginal
      for (let e = start; e < end; e++) {
        const r = worker[e] as number;
        const l = label[e] as number;
        const share = spamShare[r * K + l] as number;
        const pl = posteriors[row + l] as number;
        // P(spamming on this label | data): if the truth is l it may be either, otherwise it must be spam.
        const spam = 1 - pl + pl * share;
        spamCount[r] = (spamCount[r] as number) + spam;
        strategyCount[r * K + l] = (strategyCount[r * K + l] as number) + spam;
        knowCount[r] = (knowCount[r] as number) + pl * (1 - share);
      }
    }
    return lml;
  };

  const mStep = () => {
    for (let r = 0; r < R; r++) {
      const s = spamCount[r] as number;
      const k1 = knowCount[r] as number;
      let total = 0;
      for (let l = 0; l < K; l++) total += strategyCount[r * K + l] as number;
      if (vb) {
        const norm = portableExp(digamma(s + k1 + alpha + beta));
        state.spam[r] = portableExp(digamma(s + alpha)) / norm;
        state.know[r] = portableExp(digamma(k1 + beta)) / norm;
        const tNorm = portableExp(digamma(total + strategyPrior * K));
        for (let l = 0; l < K; l++) state.theta[r * K + l] = portableExp(digamma((strategyCount[r * K + l] as number) + strategyPrior)) / tNorm;
      } else {
        const norm = s + k1 + 2 * smoothing;
        state.spam[r] = (s + smoothing) / norm;
        state.know[r] = (k1 + smoothing) / norm;
        const tNorm = total + K * smoothing;
        for (let l = 0; l < K; l++) state.theta[r * K + l] = ((strategyCount[r * K + l] as number) + smoothing) / tNorm;
      }
    }
  };

  const crowdkitInit = o.init === 'crowdkit';
  const drawStart = () => {
    if (crowdkitInit) {
      const first = new MersenneTwister(o.randomState);
      for (let r = 0; r < R; r++) {
        const a = 1 + (1 + noise) * first.random();
        const b = 1 + (1 + noise) * first.random();
        state.spam[r] = a / (a + b);
        state.know[r] = b / (a + b);
      }
      const second = new MersenneTwister(o.randomState);
      for (let r = 0; r < R; r++) {
        let total = 0;
        for (let l = 0; l < K; l++) total += state.theta[r * K + l] = 1 + (1 + noise) * second.random();
        for (let l = 0; l < K; l++) state.theta[r * K + l]! /= total;
      }
      return;
    }
    for (let r = 0; r < R; r++) {
      const a = rng.uniform(1, 2 + noise);
      const b = rng.uniform(1, 2 + noise);
      state.spam[r] = a / (a + b);
      state.know[r] = b / (a + b);
      let total = 0;
      for (let l = 0; l < K; l++) total += state.theta[r * K + l] = rng.uniform(1, 2 + noise);
      for (let l = 0; l < K; l++) state.theta[r * K + l]! /= total;
    }
  };

  let best: { spam: Float64Array; know: Float64Array; theta: Float64Array; lml: number; objective: number[] } | undefined;
  for (let restart = 0; restart < (crowdkitInit ? 1 : Math.max(1, restarts)); restart++) {
    drawStart();
    const objective: number[] = [];
    let lml = eStep();
    for (let it = 0; it < iterations; it++) {
      mStep();
      lml = eStep();
      objective.push(lml);
    }
    if (best === undefined || lml > best.lml) {
      best = { spam: state.spam.slice(), know: state.know.slice(), theta: state.theta.slice(), lml, objective };
    }
  }
  const kept = best as NonNullable<typeof best>;
  state.spam.set(kept.spam);
  state.know.set(kept.know);
  state.theta.set(kept.theta);
  eStep();
  fillEmptyItems(labels, new Float64Array(K).fill(1 / K), posteriors);
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  const competence = Float64Array.from({ length: R }, (_, r) => {
    const s = kept.spam[r] as number;
    const k = kept.know[r] as number;
    return k / (s + k);
  });
  return {
    method: 'mace',
    labels: argmax.rows(posteriors, N, K),
    posteriors,
    competence,
    strategy: kept.theta,
    logMarginalLikelihood: kept.lml,
    iterations,
    objective: kept.objective,
  };
}
