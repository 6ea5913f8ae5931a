import { CrowdError, rowArgmax, RowArgmax, type CrowdLabels, type RandomSource } from '@crowdlearn/core-matrix';

/** Options of {@link inferWithExpertise} (specs/crowdmeta.md §3). */
export interface ExpertiseEmOptions {
  /** `'soft'` (default): the posteriors T, as Eqs. 5-6; `'hard'`: their one-hot argmax, as the reference code. */
  em?: 'soft' | 'hard';
  /**
   * p(y_i | v_i): `'uniform'` (default; the code has no such term),
   * `'classPrior'` (re-estimated as the mean posterior), or `'softmaxRepr'`
   * (softmax of v_i; only when v_i are logits aligned with the classes).
   */
  labelPrior?: 'uniform' | 'classPrior' | 'softmaxRepr';
  /** Keep the expertise vectors in the box [0, 1]^D (default true, as the code). */
  bounded?: boolean;
  /** The log σ(v_i · e_w) term of Q, p(q | v) (default true). */
  qPrior?: boolean;
  /**
   * Also sum over the (worker, item) pairs without a label, as the reference
   * code does (a missing response counts as a wrong answer). Default false:
   * the correct rule sums over the observed labels only.
   */
  sumOverAllWorkers?: boolean;
  /** EM rounds at most. Default 8. */
  maxIterations?: number;
  /** Stop when ‖E_{t+1} − E_t‖₂ is below this. Default 1e-2. */
  tol?: number;
  /** Projected Adam in the M-step: steps per round (default 10) and step size (default 0.05). */
  mSteps?: number;
  /** Adam step size of the M-step. Default 0.05. */
  mStepLearningRate?: number;
  /** Ties of the final argmax: `'random'` (default) or `'lowest'`. */
  tieBreak?: 'random' | 'lowest';
  /** Seed of the ties. Default 0. */
  seed?: RandomSource;
}

/** The result of {@link inferWithExpertise}. */
export interface ExpertiseEmResult {
  /** ŷ_i = argmax_k T_ik. */
  labels: Int32Array;
  /** T, row-major N x K. */
  posteriors: Float64Array;
  /** Expertise vectors e_w, row-major R x D. */
  expertise: Float64Array;
  /** EM rounds run. */
  rounds: number;
  /** Whether ‖ΔE‖ fell below `tol`. */
  converged: boolean;
  /** Q after each M-step. */
  objective: number[];
  /**
   * The log-likelihood of the labels (with the log σ(v·e) terms when
   * `qPrior`) after each round: Σ_i log Σ_k p(k) Π_w p(l_wi | k, q_wi). It
   * never decreases.
   */
  logLikelihood: number[];
}

/** Logs take + ε (the code's ε). */
const EPS = 1e-5;
const sigmoid = (s: number) => 1 / (1 + Math.exp(-s));

/**
 * Truth inference with item-dependent worker quality (CrowdMeta's stage 2,
 * Eqs. 3-6): worker w answers item i correctly with probability
 * q̄ = σ(v_i · e_w), else a uniformly random wrong class. EM alternates the
 * posteriors of the true classes (E-step, Eq. 5) with projected Adam steps on
 * each worker's expertise e_w ∈ [0, 1]^D using the analytic gradient
 * Σ_i v_i (1 + T_{i,l} − 2 q̄_{wi}) (M-step, Eq. 6). Sums run over the
 * observed labels only unless `sumOverAllWorkers`. E starts at all ones.
 * @param V - the item representations v_i, row-major N x D.
 */
export function inferWithExpertise(labels: CrowdLabels, V: ArrayLike<number>, D: number, options: ExpertiseEmOptions = {}): ExpertiseEmResult {
  const N = labels.numItems;
  const K = labels.numClasses;
  const R = labels.numWorkers;
  if (V.length !== N * D) {
    throw new CrowdError('SHAPE_MISMATCH', 'CrowdMeta: the item representations do not match the items', { expected: `${N} x ${D} = ${N * D} values`, found: String(V.length) });
  }
  for (let j = 0; j < V.length; j++) {
    if (!Number.isFinite(V[j] as number)) {
      throw new CrowdError('INVALID_ARGUMENT', 'CrowdMeta: an item representation is not finite', { expected: 'finite numbers', found: `${V[j]} at item ${Math.floor(j / D)}` });
    }
  }
  const o = {
    em: options.em ?? 'soft',
    labelPrior: options.labelPrior ?? 'uniform',
    bounded: options.bounded ?? true,
    qPrior: options.qPrior ?? true,
    all: options.sumOverAllWorkers ?? false,
    maxIterations: options.maxIterations ?? 8,
    tol: options.tol ?? 1e-2,
    mSteps: options.mSteps ?? 10,
    mStepLearningRate: options.mStepLearningRate ?? 0.05,
  };
  if (o.labelPrior === 'softmaxRepr' && D !== K) {
    throw new CrowdError('INVALID_ARGUMENT', "CrowdMeta: labelPrior 'softmaxRepr' needs one representation dimension per class", { expected: `D = K = ${K}`, found: `D = ${D}` });
  }
  const E = new Float64Array(R * D).fill(1);
  const logPrior = new Float64Array(N * K).fill(-Math.log(K));
  if (o.labelPrior === 'softmaxRepr') {
    for (let i = 0; i < N; i++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, V[i * D + k] as number);
      let z = 0;
      for (let k = 0; k < K; k++) z += Math.exp((V[i * D + k] as number) - max);
      for (let k = 0; k < K; k++) logPrior[i * K + k] = (V[i * D + k] as number) - max - Math.log(z);
    }
  }
  const posteriors = new Float64Array(N * K);
  const objective: number[] = [];
  const logLikelihood: number[] = [];
  let rounds = 0;
  let converged = false;
  for (let t = 0; t < o.maxIterations; t++) {
    eStep(labels, V, D, E, logPrior, posteriors);
    const T = o.em === 'hard' ? hardened(posteriors, N, K) : posteriors;
    if (o.labelPrior === 'classPrior') reestimatePrior(T, N, K, logPrior);
    const before = Float64Array.from(E);
    expertiseMStep(labels, V, D, E, T, o);
    objective.push(expectedLogLikelihood(labels, V, D, E, T, o));
    logLikelihood.push(marginalLogLikelihood(labels, V, D, E, logPrior, o));
    rounds = t + 1;
    let change = 0;
    for (let j = 0; j < E.length; j++) change += ((E[j] as number) - (before[j] as number)) ** 2;
    if (Math.sqrt(change) < o.tol) {
      converged = true;
      break;
    }
  }
  eStep(labels, V, D, E, logPrior, posteriors);
  return { labels: new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0).rows(posteriors, N, K), posteriors, expertise: E, rounds, converged, objective, logLikelihood };
}

/** q̄ = σ(v_i · e_w). */
export function quality(V: ArrayLike<number>, D: number, E: ArrayLike<number>, i: number, w: number): number {
  let s = 0;
  for (let d = 0; d < D; d++) s += (V[i * D + d] as number) * (E[w * D + d] as number);
  return sigmoid(s);
}

/** log p(labels) under E (see {@link ExpertiseEmResult.logLikelihood}); the same ε as the E-step. */
export function marginalLogLikelihood(labels: CrowdLabels, V: ArrayLike<number>, D: number, E: ArrayLike<number>, logPrior: Float64Array, o: { qPrior: boolean; all: boolean }): number {
  const K = labels.numClasses;
  const row = new Float64Array(K);
  let total = 0;
  for (let i = 0; i < labels.numItems; i++) {
    for (let k = 0; k < K; k++) row[k] = logPrior[i * K + k] as number;
    for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) {
      const q = quality(V, D, E, i, labels.worker[e] as number);
      if (o.qPrior) total += Math.log(q + EPS);
      const l = labels.label[e] as number;
      for (let k = 0; k < K; k++) row[k]! += k === l ? Math.log(q + EPS) : Math.log((1 - q) / (K - 1) + EPS);
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, row[k] as number);
    let z = 0;
    for (let k = 0; k < K; k++) z += Math.exp((row[k] as number) - max);
    total += max + Math.log(z);
  }
  if (o.all) {
    for (const [w, i, l] of terms(labels, true)) {
      if (l >= 0) continue;
      const q = quality(V, D, E, i, w);
      total += (o.qPrior ? Math.log(q + EPS) : 0) + Math.log((1 - q) / (K - 1) + EPS);
    }
  }
  return total;
}

/** Eq. 5: T_ik ∝ p(y_i = k) Π_w p(l_wi | k, q_wi), over each item's observed labels. */
export function eStep(labels: CrowdLabels, V: ArrayLike<number>, D: number, E: ArrayLike<number>, logPrior: Float64Array, out: Float64Array): void {
  const K = labels.numClasses;
  const row = new Float64Array(K);
  for (let i = 0; i < labels.numItems; i++) {
    for (let k = 0; k < K; k++) row[k] = logPrior[i * K + k] as number;
    for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) {
      const q = quality(V, D, E, i, labels.worker[e] as number);
      const right = Math.log(q + EPS);
      const wrong = Math.log((1 - q) / (K - 1) + EPS);
      const l = labels.label[e] as number;
      for (let k = 0; k < K; k++) row[k]! += k === l ? right : wrong;
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, row[k] as number);
    let z = 0;
    for (let k = 0; k < K; k++) z += Math.exp((row[k] as number) - max);
    for (let k = 0; k < K; k++) out[i * K + k] = Math.exp((row[k] as number) - max) / z;
  }
}

/** Settings of {@link expertiseMStep}. */
export interface MStepSettings {
  /** Clip to [0, 1]. */
  bounded: boolean;
  /** Include the log σ(s) term. */
  qPrior: boolean;
  /** Sum over every (worker, item) pair. */
  all: boolean;
  /** Adam steps. */
  mSteps: number;
  /** Adam step size. */
  mStepLearningRate: number;
}

/** The (worker, item, label) terms of Q: the observed labels, plus every missing pair (label −1) with `all`. */
function* terms(labels: CrowdLabels, all: boolean): Generator<[number, number, number]> {
  for (let e = 0; e < labels.numLabels; e++) yield [labels.worker[e] as number, labels.item[e] as number, labels.label[e] as number];
  if (!all) return;
  const seen = new Uint8Array(labels.numWorkers);
  for (let i = 0; i < labels.numItems; i++) {
    for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) seen[labels.worker[e] as number] = 1;
    for (let w = 0; w < labels.numWorkers; w++) if (seen[w] === 0) yield [w, i, -1];
    seen.fill(0);
  }
}

/**
 * Q(E) of Eq. 6: Σ [log σ(s) + Σ_k T_ik log p(l | k, q)] over the terms. A
 * missing label (−1, only with `sumOverAllWorkers`) counts as a wrong
 * answer for every class.
 */
export function expectedLogLikelihood(labels: CrowdLabels, V: ArrayLike<number>, D: number, E: ArrayLike<number>, T: ArrayLike<number>, o: { qPrior: boolean; all: boolean }): number {
  const K = labels.numClasses;
  let q = 0;
  for (const [w, i, l] of terms(labels, o.all)) {
    const p = quality(V, D, E, i, w);
    if (o.qPrior) q += Math.log(p + EPS);
    const t = l < 0 ? 0 : (T[i * K + l] as number);
    q += t * Math.log(p + EPS) + (1 - t) * Math.log((1 - p) / (K - 1) + EPS);
  }
  return q;
}

/**
 * ∂Q/∂e_w, row-major R x D: exact for Q with its + ε logs; as ε → 0 it is
 * the spec's Σ_i v_i (1 + T_{i,l} − 2 q̄_{wi}) (without the q prior,
 * Σ_i v_i (T_{i,l} − q̄_{wi})).
 */
export function expertiseGradient(labels: CrowdLabels, V: ArrayLike<number>, D: number, E: ArrayLike<number>, T: ArrayLike<number>, o: { qPrior: boolean; all: boolean }): Float64Array {
  const K = labels.numClasses;
  const g = new Float64Array(labels.numWorkers * D);
  for (const [w, i, l] of terms(labels, o.all)) {
    const p = quality(V, D, E, i, w);
    const t = l < 0 ? 0 : (T[i * K + l] as number);
    // d/ds of log(q̄ + ε) and log((1 − q̄)/(K − 1) + ε) with dq̄/ds = q̄(1 − q̄)
    const slope = p * (1 - p);
    const up = slope / (p + EPS);
    const down = slope / (K - 1) / ((1 - p) / (K - 1) + EPS);
    const c = (o.qPrior ? up : 0) + t * up - (1 - t) * down;
    for (let d = 0; d < D; d++) g[w * D + d]! += c * (V[i * D + d] as number);
  }
  return g;
}

/**
 * The M-step (Eq. 6): projected Adam ascent on Q from E, in place, every
 * worker at once (Q is a sum over workers); never lowers Q (the steps are
 * undone if they would), so the EM's likelihood never decreases.
 */
export function expertiseMStep(labels: CrowdLabels, V: ArrayLike<number>, D: number, E: Float64Array, T: ArrayLike<number>, o: MStepSettings): void {
  // A generalised EM step must not lower Q: if the Adam steps overshoot, E stays where it was.
  const start = Float64Array.from(E);
  const before = expectedLogLikelihood(labels, V, D, E, T, o);
  const m = new Float64Array(E.length);
  const v = new Float64Array(E.length);
  const [b1, b2] = [0.9, 0.999];
  for (let step = 1; step <= o.mSteps; step++) {
    const g = expertiseGradient(labels, V, D, E, T, o);
    for (let j = 0; j < E.length; j++) {
      m[j] = b1 * (m[j] as number) + (1 - b1) * (g[j] as number);
      v[j] = b2 * (v[j] as number) + (1 - b2) * (g[j] as number) ** 2;
      const mHat = (m[j] as number) / (1 - b1 ** step);
      const vHat = (v[j] as number) / (1 - b2 ** step);
      let x = (E[j] as number) + (o.mStepLearningRate * mHat) / (Math.sqrt(vHat) + 1e-8);
      if (o.bounded) x = Math.min(1, Math.max(0, x));
      E[j] = x;
    }
  }
  if (expectedLogLikelihood(labels, V, D, E, T, o) < before) E.set(start);
}

function hardened(T: Float64Array, N: number, K: number): Float64Array {
  const out = new Float64Array(N * K);
  rowArgmax(T, N, K).forEach((best, i) => (out[i * K + best] = 1));
  return out;
}

function reestimatePrior(T: ArrayLike<number>, N: number, K: number, logPrior: Float64Array): void {
  const pi = new Float64Array(K);
  for (let i = 0; i < N; i++) for (let k = 0; k < K; k++) pi[k]! += (T[i * K + k] as number) / N;
  for (let i = 0; i < N; i++) for (let k = 0; k < K; k++) logPrior[i * K + k] = Math.log((pi[k] as number) + EPS);
}
