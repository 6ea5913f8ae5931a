import { portableExp, portableLog, portableLog1p, resolveOptions, type OptionTable, type PairwiseComparisons } from '@crowdlearn/core-matrix';
import { MersenneTwister } from '../internal/mt19937.js';
import { minimizeCG } from '../optimize/conjugate-gradient.js';
import type { PairwiseResult } from './pairwise-result.js';

/** Options of {@link noisyBradleyTerry}. */
export interface NoisyBradleyTerryOptions {
  /** The most optimiser iterations (crowd-kit's `n_iter`). Default 100. */
  maxIterations?: number;
  /** Stop when the gradient's largest entry falls below this. Default 1e-5 (crowd-kit's `tol`, there L-BFGS-B's relative reduction). */
  tol?: number;
  /** Weight of the pull of every score toward a shared anchor (crowd-kit's `regularization_ratio`). Default 1e-5. */
  regularizationRatio?: number;
  /** Seed of the random start (NumPy's `RandomState(seed)` uniforms, as crowd-kit's `random_state`). Default 0. */
  seed?: number;
}

/** {@link noisyBradleyTerry}'s options: defaults and ranges. */
export const NOISY_BT_OPTIONS = {
  maxIterations: { kind: 'integer', min: 0, default: 100, description: 'the most optimiser iterations' },
  tol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-5, description: "stop when the gradient's largest entry is below this" },
  regularizationRatio: { kind: 'number', min: 0, default: 1e-5, description: 'weight of the pull of the scores toward a shared anchor' },
} as const satisfies OptionTable;

/** log σ(z), stable for large |z|. */
const logSigmoid = (z: number) => (z >= 0 ? -portableLog1p(portableExp(-z)) : z - portableLog1p(portableExp(z)));
/** σ(z). */
const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + portableExp(-z)) : portableExp(z) / (1 + portableExp(z)));

/**
 * NoisyBT, Bradley-Terry with noisy workers (Bugakova et al. 2019), as
 * crowd-kit's `NoisyBradleyTerry`: a worker w judges on merit with
 * probability σ(γ_w), choosing i over j with probability σ(s_i - s_j), and
 * otherwise picks a side with their bias, the left one with probability
 * σ(q_w). Maximises the log-likelihood of the comparisons, with every score
 * pulled toward a shared anchor s_0 by log σ(s_0 - s_i) + log σ(s_i - s_0)
 * times `regularizationRatio`, from crowd-kit's random start, by conjugate
 * gradient (crowd-kit uses L-BFGS-B). Scores are σ(s_i) in (0, 1),
 * `skills` σ(γ_w), `biases` σ(q_w).
 *
 * crowd-kit adds the anchor term to the loss with the sign that pushes the
 * scores away from the anchor; this follows the paper's intent, a pull
 * toward it (at its default weight, 1e-5, the two barely differ).
 *
 * Cite: N. Bugakova, V. Fedorova, G. Gusev, A. Drutsa, "Aggregation of
 * pairwise comparisons with reduction of biases", NeurIPS 2019 workshop.
 */
export function noisyBradleyTerry(comparisons: PairwiseComparisons, options: NoisyBradleyTerryOptions = {}): PairwiseResult {
  const o = resolveOptions('noisy-bt', NOISY_BT_OPTIONS, options);
  const n = comparisons.numItems;
  const W = comparisons.numWorkers;
  const m = comparisons.numComparisons;
  // x = [s_0, s_1..s_n, q_1..q_W, γ_1..γ_W]
  const mt = new MersenneTwister(options.seed ?? 0);
  const x = Float64Array.from({ length: 1 + n + 2 * W }, () => mt.random());
  const q0 = 1 + n;
  const g0 = 1 + n + W;
  const loss = (p: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let total = 0;
    for (let c = 0; c < m; c++) {
      const i = 1 + (comparisons.left[c] as number);
      const j = 1 + (comparisons.right[c] as number);
      const w = comparisons.worker[c] as number;
      const y = comparisons.leftWins[c] === 1 ? 1 : -1;
      const d = y * ((p[i] as number) - (p[j] as number));
      const q = y * (p[q0 + w] as number);
      const gamma = p[g0 + w] as number;
      // likelihood L = σ(γ) σ(d) + (1 - σ(γ)) σ(q), in log space for its parts
      const a = logSigmoid(gamma) + logSigmoid(d);
      const b = logSigmoid(-gamma) + logSigmoid(q);
      const top = Math.max(a, b);
      const logL = top + portableLog(portableExp(a - top) + portableExp(b - top));
      total += logL;
      const ra = portableExp(a - logL); // share of the merit branch
      const rb = portableExp(b - logL);
      // d/dd log L = ra (1 - σ(d)); d/dq = rb (1 - σ(q)); d/dγ = ra (1 - σ(γ)) - rb σ(γ)
      const gd = ra * (1 - sigmoid(d)) * y;
      grad[i]! -= gd;
      grad[j]! += gd;
      grad[q0 + w]! -= rb * (1 - sigmoid(q)) * y;
      const sg = sigmoid(gamma);
      grad[g0 + w]! -= ra * (1 - sg) - rb * sg;
    }
    // the anchor s_0: -r Σ [log σ(s_0 - s_i) + log σ(s_i - s_0)], a pull of every score toward it
    let anchor = 0;
    for (let i = 1; i <= n; i++) {
      const z = (p[i] as number) - (p[0] as number);
      anchor += logSigmoid(-z) + logSigmoid(z);
      const g = o.regularizationRatio * (sigmoid(z) - sigmoid(-z)); // d/dz of -(log σ(-z) + log σ(z))
      grad[i]! += g;
      grad[0]! -= g;
    }
    return -total - o.regularizationRatio * anchor;
  };
  const result = o.maxIterations > 0 ? minimizeCG(loss, x, { maxIterations: o.maxIterations, gradientTolerance: o.tol }) : undefined;
  return {
    method: 'noisy-bt',
    scores: Float64Array.from({ length: n }, (_, i) => sigmoid(x[1 + i] as number)),
    biases: Float64Array.from({ length: W }, (_, w) => sigmoid(x[q0 + w] as number)),
    skills: Float64Array.from({ length: W }, (_, w) => sigmoid(x[g0 + w] as number)),
    iterations: result?.iterations ?? 0,
    converged: result?.converged ?? false,
  };
}
