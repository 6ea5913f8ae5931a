import { aggregate, irt } from '@crowdlearn/aggregators';
import { CrowdError, mergeCompleted, toRng, type CrowdLabels, type GoldLabels, type RandomSource, emptyCells, type EmptyCellOptions } from '@crowdlearn/core-matrix';
import { otherClass } from './g-mv.js';

/** Options of {@link fillGirt}. */
export interface GirtOptions extends EmptyCellOptions {
  /** Seed of the draws (and of the fit's ties). Default 0. */
  seed?: RandomSource;
  /**
   * Where the IRT fit starts: `'mv'` (default, soft majority vote) or
   * `'goldLeak'`, the reference code's start at the **gold** labels (items
   * without gold start from soft MV). `'goldLeak'` uses gold: only for
   * reproducing the paper's printed numbers, and needs `gold`.
   */
  init?: 'mv' | 'goldLeak';
  /** Gold labels, for `init: 'goldLeak'` only. */
  gold?: GoldLabels;
}

/** G_IRT's fitted model, with the filled labels. */
export interface GirtResult {
  /** Observed plus filled labels (origin `completed`). */
  labels: CrowdLabels;
  /** Worker abilities α_j. */
  alpha: Float64Array;
  /** Item parameters β_i. */
  beta: Float64Array;
  /** ẑ_i: the fitted posterior's argmax. */
  truth: Int32Array;
}

/** Soft MV posteriors with every gold item's row replaced by its gold label (the reference code's start). */
function goldStart(labels: CrowdLabels, gold: GoldLabels | undefined, seed: number): Float64Array {
  if (gold === undefined) throw new CrowdError('INVALID_ARGUMENT', "G_IRT init 'goldLeak' uses gold labels and needs `gold`", { expected: "gold, or the default init 'mv'" });
  const K = labels.numClasses;
  const start = Float64Array.from(aggregate(labels, { method: 'mv', seed }).posteriors);
  gold.items.forEach((i, j) => {
    start.fill(0, i * K, (i + 1) * K);
    start[i * K + (gold.labels[j] as number)] = 1;
  });
  return start;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * G_IRT, a filling baseline of MMLC-df: an item-response model fitted by EM
 * (`irt` of the aggregators package: P(right) = σ(α_j − e^{β_i}), N(1, 1)
 * priors, started from soft MV unless the flagged `init: 'goldLeak'`), then each filled cell is
 * ẑ_i with probability σ(α_j − e^{β_i}), else a uniformly random other
 * class. Fills the same cells as MMLC-df. Stochastic: seed it.
 */
export function fillGirt(labels: CrowdLabels, options: GirtOptions = {}): GirtResult {
  const rng = toRng(options.seed ?? 0);
  const fitSeed = rng.fork('fit').nextUint32();
  const fit = irt(labels, { form: 'difference', seed: fitSeed, ...(options.init === 'goldLeak' ? { initialPosteriors: goldStart(labels, options.gold, fitSeed) } : {}) });
  const cells = emptyCells(labels, options);
  const draw = rng.fork('draws');
  const K = labels.numClasses;
  const label = new Int32Array(cells.item.length);
  for (let c = 0; c < label.length; c++) {
    const i = cells.item[c] as number;
    const z = fit.labels[i] as number;
    const p = sigmoid((fit.alpha[cells.worker[c] as number] as number) - Math.exp(fit.beta[i] as number));
    label[c] = draw.uniform() < p ? z : otherClass(z, K, draw);
  }
  return { labels: mergeCompleted(labels, { ...cells, label }).labels, alpha: fit.alpha, beta: fit.beta, truth: fit.labels };
}
