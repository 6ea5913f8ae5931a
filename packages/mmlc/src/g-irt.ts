import { irt } from '@crowdlearn/aggregators';
import { mergeCompleted, toRng, type CrowdLabels, type RandomSource } from '@crowdlearn/core-matrix';
import { fillCells, type FillCellOptions } from './fill-cells.js';
import { otherClass } from './g-mv.js';

/** Options of {@link fillGIRT}. */
export interface GIrtOptions extends FillCellOptions {
  /** Seed of the draws (and of the fit's ties). Default 0. */
  seed?: RandomSource;
}

/** G_IRT's fitted model, with the filled labels. */
export interface GIrtResult {
  /** Observed plus filled labels (origin `completed`). */
  labels: CrowdLabels;
  /** Worker abilities α_j. */
  alpha: Float64Array;
  /** Item parameters β_i. */
  beta: Float64Array;
  /** ẑ_i: the fitted posterior's argmax. */
  truth: Int32Array;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * G_IRT, a filling baseline of MMLC-df: an item-response model fitted by EM
 * (`irt` of the aggregators package: P(right) = σ(α_j − e^{β_i}), N(1, 1)
 * priors, started from soft MV, never from gold), then each filled cell is
 * ẑ_i with probability σ(α_j − e^{β_i}), else a uniformly random other
 * class. Fills the same cells as MMLC-df. Stochastic: seed it.
 */
export function fillGIRT(labels: CrowdLabels, options: GIrtOptions = {}): GIrtResult {
  const rng = toRng(options.seed ?? 0);
  const fit = irt(labels, { form: 'difference', seed: rng.fork('fit').nextUint32() });
  const cells = fillCells(labels, options);
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
