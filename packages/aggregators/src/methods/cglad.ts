import { CrowdError, resolveOptions, Rng, RowArgmax, type CrowdLabels, type OptionTable, portableLog } from '@crowdlearn/core-matrix';
import { runAbilityDifficultyEm } from '../internal/ability-difficulty-em.js';
import { binaryItemFactors } from '../internal/item-factors.js';
import { kMeans } from '../internal/kmeans.js';
import { inCanonicalOrder } from '../internal/canonical-run.js';
import { GLAD_OPTIONS, restoreAbilityDifficulty, type GladOptions, type GladResult } from './glad.js';

/** Options of {@link cglad}. */
export interface CgladOptions extends GladOptions {
  /** Rank of the item factors the items are clustered on (spark-crowd's `rank`). Default 8. */
  rank?: number;
  /** Number of item clusters, each with one difficulty (spark-crowd's `k`). Default 32. */
  clusters?: number;
}

/** {@link cglad}'s options: defaults and ranges. */
export const CGLAD_OPTIONS = {
  ...GLAD_OPTIONS,
  rank: { kind: 'integer', min: 1, default: 8, description: 'rank of the item factors the items are clustered on' },
  clusters: { kind: 'integer', min: 1, default: 32, description: 'number of item clusters, each with one difficulty' },
} as const satisfies OptionTable;

/**
 * CGLAD, spark-crowd's clustered GLAD for scale: items are embedded by
 * alternating least squares on the item x worker matrix of binary answers
 * (rank 8, 5 sweeps, ridge 0.01, as spark-crowd's ALS), clustered by
 * k-means (32 clusters, seeded random initial centres), and GLAD is fitted
 * with one difficulty per cluster instead of one per item, so the
 * parameters grow with the workers and the clusters, not the items.
 *
 * Binary labels only, as spark-crowd's. The GLAD fit is this package's
 * (crowd-kit's EM with a conjugate-gradient M-step and its defaults) rather
 * than spark-crowd's 10 EM rounds of mini-batch gradient descent. `beta`
 * gives each item its cluster's difficulty parameter.
 *
 * Cite: E. G. Rodrigo, J. A. Aledo, J. A. Gámez, "spark-crowd: a Spark
 * package for learning from crowdsourced big data", JMLR 20, 2019.
 */
export function cglad(labels: CrowdLabels, options: CgladOptions = {}): GladResult {
  // in the canonical order of items and workers, so that a file's row order cannot move the seeded clustering
  return inCanonicalOrder(labels, (l) => fitCglad(l, options), restoreAbilityDifficulty);
}

function fitCglad(labels: CrowdLabels, options: CgladOptions): GladResult {
  const o = resolveOptions('cglad', CGLAD_OPTIONS, options);
  const K = labels.numClasses;
  if (K > 2) throw new CrowdError('INVALID_ARGUMENT', 'cglad takes binary labels', { expected: '2 classes, as spark-crowd', found: `${K} classes` });
  const N = labels.numItems;
  const seed = Number(options.seed ?? 0);
  const factors = binaryItemFactors(labels, o.rank, 0.01, 5, seed);
  const k = Math.max(1, Math.min(o.clusters, N));
  const start = new Rng(seed).fork('centres').sample(N, k);
  const initial = new Float64Array(k * o.rank);
  Array.from(start).forEach((i, c) => initial.set(factors.subarray(i * o.rank, (i + 1) * o.rank), c * o.rank));
  const clustering = N > 0 ? kMeans(factors, N, o.rank, initial, 100) : { assignment: new Int32Array(0) };
  const tol = o.tol;
  const outcome = runAbilityDifficultyEm(labels, {
    link: 'product',
    converged: (q, last) => q - last < tol,
    logPrior: Float64Array.from({ length: K }, (_, c) => portableLog(options.prior?.[c] ?? 1 / K)),
    alphaPriorMean: o.alphaPriorMean,
    betaPriorMean: o.betaPriorMean,
    maxIterations: o.maxIterations,
    mStepMaxIterations: o.mStepMaxIterations,
    mStepTol: o.mStepTol,
    itemGroups: { groups: k, itemGroup: clustering.assignment },
  });
  const argmax = new RowArgmax(options.tieBreak ?? 'random', seed);
  return { method: 'cglad', ...outcome, labels: argmax.rows(outcome.posteriors, N, K) };
}
