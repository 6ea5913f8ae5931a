import { CrowdError, portableLog, resolveOptions, RowArgmax, type CrowdLabels, type Features, type OptionTable } from '@crowdlearn/core-matrix';
import { confusionCounts } from '../internal/confusion-counts.js';
import { softmaxInPlace } from '../internal/confusion-e-step.js';
import { standardizedRows } from '../internal/dense-rows.js';
import { selectRows } from '../internal/learners/learner.js';
import { LogisticRegression } from '../internal/learners/logistic-regression.js';
import type { CommonOptions, ConfusionModelResult } from '../types.js';
import { voteScores } from './majority-vote.js';

/** Options of {@link lfc}. */
export interface LfcOptions extends CommonOptions {
  /** EM rounds (M-step then E-step). Default 20 (the truth-inference framework's fixed count). */
  maxIterations?: number;
  /**
   * A pseudo-count added to every entry of the confusion counts: a symmetric
   * Dirichlet prior on each confusion row (the paper's Beta priors on the
   * sensitivities and specificities, in the multi-class form), so that no
   * entry is 0 and the classifier's prior can outweigh a worker's one label.
   * Default 0 without features (the framework's unsmoothed EM), 1 with.
   */
  confusionPrior?: number;
  /** With features: the L2 penalty of the logistic-regression classifier. Default 1e-3. */
  l2?: number;
  /** With features: conjugate-gradient iterations of each round's classifier refit (warm-started). Default 20. */
  classifierIterations?: number;
}

/** {@link lfc}'s options: defaults and ranges. */
export const LFC_OPTIONS = {
  maxIterations: { kind: 'integer', min: 1, default: 20, description: 'EM rounds (M-step, then E-step)' },
  confusionPrior: { kind: 'number', min: 0, defaultText: '0 without features (the framework), 1 with', description: 'pseudo-count added to every confusion entry (a Dirichlet prior on each row)' },
  l2: { kind: 'number', min: 0, default: 1e-3, description: "with features: the classifier's L2 penalty" },
  classifierIterations: { kind: 'integer', min: 1, default: 20, description: "with features: conjugate-gradient iterations of each round's classifier refit (warm-started)" },
} as const satisfies OptionTable;

/** A confusion row whose true class got no posterior mass: the framework's initial quality 0.7 on the diagonal. */
const INITIAL_QUALITY = 0.7;

/**
 * LFC, learning from crowds (Raykar et al. 2010), multi-class: EM over a
 * confusion matrix per worker, where the prior of an item's true class is,
 * without features, the class prior, and with `features`, a multinomial
 * logistic-regression classifier of the item's (z-scored) features, refitted
 * on the posteriors in every M-step, so that the crowd teaches the
 * classifier and the classifier's belief weighs in each item's posterior
 * (items no worker labelled get the classifier's prediction).
 *
 * As the truth-inference framework of Zheng et al. (VLDB 2017) runs it
 * without features: posteriors start at the soft majority vote, 20 rounds
 * of M-step then E-step, no smoothing of the confusion matrices, a row with
 * no posterior mass set to 0.7 on the diagonal. With features the classifier
 * is this package's logistic regression (L2 1e-3; the paper fits it by
 * Newton-Raphson) and every confusion count gets a pseudo-count of 1 (the
 * paper's priors): unsmoothed, a worker's lone label is certain and no
 * classifier can move it.
 *
 * Cite: V. C. Raykar, S. Yu, L. H. Zhao, G. H. Valadez, C. Florin, L. Bogoni,
 * L. Moy, "Learning from crowds", JMLR 11, 2010.
 */
export function lfc(labels: CrowdLabels, options: LfcOptions & { features?: Features } = {}): ConfusionModelResult {
  const o = resolveOptions('lfc', LFC_OPTIONS, options);
  const N = labels.numItems;
  const K = labels.numClasses;
  const R = labels.numWorkers;
  const x = options.features !== undefined ? standardizedRows(labels, options.features, 'lfc') : undefined;
  const pseudo = o.confusionPrior ?? (x !== undefined ? 1 : 0);
  if (x !== undefined && K < 2) throw new CrowdError('INVALID_ARGUMENT', 'lfc with features needs two classes at least', { found: `${K} class` });
  const d = options.features?.numCols ?? 0;
  const classifier = x !== undefined ? new LogisticRegression(o.l2, o.classifierIterations) : undefined;
  const posteriors = voteScores(labels, undefined, undefined, { tieBreak: 'lowest' }).posteriors;
  // the M-step learns from the items with labels only (the others' posteriors are the prior's own output)
  const labelled = Int32Array.from({ length: N }, (_, i) => i).filter((i) => labels.itemDegree(i) > 0);
  const xLabelled = x !== undefined && labelled.length < N ? selectRows(x, d, labelled) : x;
  const targets = labelled.length < N ? new Float64Array(labelled.length * K) : posteriors;
  const counts = new Float64Array(R * K * K);
  const confusion = new Float64Array(R * K * K);
  const logConfusion = new Float64Array(R * K * K);
  let prior = new Float64Array(K).fill(1 / K);
  // per item log prior: the classifier's prediction, or the class prior for every item
  let itemPrior: Float64Array | undefined;
  const objective: number[] = [];
  for (let round = 0; round < o.maxIterations; round++) {
    // M-step: class prior (or classifier) and confusion matrices from the posteriors
    prior = new Float64Array(K);
    for (const i of labelled) for (let k = 0; k < K; k++) prior[k]! += (posteriors[i * K + k] as number) / labelled.length;
    if (classifier !== undefined && x !== undefined && xLabelled !== undefined) {
      if (targets !== posteriors) labelled.forEach((i, j) => targets.set(posteriors.subarray(i * K, (i + 1) * K), j * K));
      classifier.fitSoft(xLabelled, targets, labelled.length, d, K);
      itemPrior = classifier.predictProba(x, N);
    }
    confusionCounts(labels, posteriors, counts);
    for (let row = 0; row < R * K; row++) {
      let mass = 0;
      for (let l = 0; l < K; l++) mass += counts[row * K + l] as number;
      for (let l = 0; l < K; l++) {
        confusion[row * K + l] = mass > 0 ? ((counts[row * K + l] as number) + pseudo) / (mass + K * pseudo) : l === row % K ? INITIAL_QUALITY : (1 - INITIAL_QUALITY) / (K - 1);
      }
    }
    for (let j = 0; j < confusion.length; j++) logConfusion[j] = portableLog(confusion[j] as number);
    // E-step
    let logLikelihood = 0;
    for (let i = 0; i < N; i++) {
      const row = i * K;
      for (let k = 0; k < K; k++) posteriors[row + k] = portableLog((itemPrior !== undefined ? itemPrior[row + k] : prior[k]) as number);
      for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) {
        const base = (labels.worker[e] as number) * K * K + (labels.label[e] as number);
        for (let k = 0; k < K; k++) posteriors[row + k]! += logConfusion[base + k * K] as number;
      }
      logLikelihood += softmaxInPlace(posteriors, row, K);
    }
    objective.push(logLikelihood);
  }
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return {
    method: x !== undefined ? 'lfc-features' : 'lfc',
    labels: argmax.rows(posteriors, N, K),
    posteriors,
    prior,
    confusion,
    iterations: o.maxIterations,
    objective,
  };
}
