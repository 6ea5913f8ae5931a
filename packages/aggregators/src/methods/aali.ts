import { Rng, type CrowdLabels, type Features, resolveOptions, type OptionTable } from '@crowdlearn/core-matrix';
import { confidentItems } from '../confident-items.js';
import { RowArgmax } from '@crowdlearn/core-matrix';
import { standardizedRows } from '../internal/dense-rows.js';
import { selectRows, type Learner } from '../internal/learners/learner.js';
import { LogisticRegression } from '../internal/learners/logistic-regression.js';
import { Mlp } from '../internal/learners/mlp.js';
import { NearestNeighbours } from '../internal/learners/nearest-neighbours.js';
import type { AggregationResult, CommonOptions } from '../types.js';
import { voteScores } from './majority-vote.js';

/** Options of {@link aali} ([RECON] choices of the spec as named options). */
export interface AaliOptions extends CommonOptions {
  /** Base classifier: multinomial logistic regression (default), k nearest neighbours (k = 5), or a one-hidden-layer MLP. */
  learner?: 'logreg' | 'knn' | 'mlp';
  /** Folds of the cross-fitting on the reliable items. Default 10. */
  folds?: number;
}

/** {@link aali}'s options: defaults and ranges. */
export const AALI_OPTIONS = {
  learner: { kind: 'choice', choices: ['logreg', 'knn', 'mlp'], default: 'logreg', description: 'base classifier: logistic regression, 5 nearest neighbours or a one-hidden-layer MLP' },
  folds: { kind: 'integer', min: 2, default: 10, description: 'folds of the cross-fitting on the reliable items' },
} as const satisfies OptionTable;

/** AALI's result: the posteriors plus which items were reliable. */
export interface AaliResult extends AggregationResult {
  /** 1 for the items AALI kept as reliable (their MV label was used to train the classifier). */
  reliable: Uint8Array;
}

/**
 * AALI (attribute augmentation-based label integration; Zhang, Jiang, Li,
 * Frontiers of Computer Science 2023), with the spec's reconstruction:
 * 1. augment each item's z-scored features with its soft-MV distribution and
 *    its label count over the largest count;
 * 2. keep the reliable items, whose MV confidence reaches their class's mean
 *    confidence ({@link confidentItems});
 * 3. train a classifier on the reliable items with their MV labels: with
 *    10-fold cross-fitting for the reliable items themselves (out-of-fold
 *    predictions; folds stratified by MV label), and on all of them for the
 *    others;
 * 4. the label is the argmax of the average of the classifier's posterior and
 *    the soft MV.
 * Needs features.
 *
 * Cite: Y. Zhang, L. Jiang, C. Li, "Attribute augmentation-based label
 * integration for crowdsourcing", Frontiers of Computer Science 17, 2023.
 */
export function aali(labels: CrowdLabels, features: Features, options: AaliOptions = {}): AaliResult {
  const o = resolveOptions('aali', AALI_OPTIONS, options);
  const N = labels.numItems;
  const K = labels.numClasses;
  const rng = new Rng(options.seed ?? 0).fork('aali');
  const mv = voteScores(labels, undefined, undefined, options);
  const base = standardizedRows(labels, features, 'AALI');
  const d0 = features.numCols;
  const d = d0 + K + 1;
  let maxDegree = 1;
  for (let i = 0; i < N; i++) maxDegree = Math.max(maxDegree, labels.itemDegree(i));
  const x = new Float64Array(N * d);
  for (let i = 0; i < N; i++) {
    x.set(base.subarray(i * d0, (i + 1) * d0), i * d);
    for (let k = 0; k < K; k++) x[i * d + d0 + k] = labels.itemDegree(i) > 0 ? (mv.posteriors[i * K + k] as number) : 0;
    x[i * d + d0 + K] = labels.itemDegree(i) / maxDegree;
  }
  const confident = confidentItems(labels, mv.posteriors, mv.labels);
  const reliable = confident.items;
  const classifier = new Float64Array(N * K);
  const makeLearner = (): Learner =>
    options.learner === 'knn' ? new NearestNeighbours(5) : options.learner === 'mlp' ? new Mlp() : new LogisticRegression();
  const train = (rows: Int32Array, predictRows: Int32Array) => {
    const y = Int32Array.from(rows, (i) => mv.labels[i] as number);
    const p = fitPredict(makeLearner(), selectRows(x, d, rows), y, rows.length, d, K, selectRows(x, d, predictRows), predictRows.length, rng);
    predictRows.forEach((i, j) => classifier.set(p.subarray(j * K, (j + 1) * K), i * K));
  };
  if (reliable.length > 0) {
    // Out-of-fold predictions for the reliable items. Folds are stratified by MV label (shuffled, then dealt
    // round-robin class by class) so that every training fold sees every class when it can.
    const folds = Math.max(2, Math.min(o.folds, reliable.length));
    const fold = new Int32Array(N).fill(-1);
    const shuffled = rng.shuffle(Int32Array.from(reliable));
    let dealt = 0;
    for (let k = 0; k < K; k++) {
      for (const i of shuffled) if (mv.labels[i] === k) fold[i] = dealt++ % folds;
    }
    for (let f = 0; f < folds; f++) {
      const test = reliable.filter((i) => fold[i] === f);
      const trainRows = reliable.filter((i) => fold[i] !== f);
      if (test.length > 0) train(trainRows.length > 0 ? trainRows : test, test);
    }
    const others = Int32Array.from({ length: N }, (_, i) => i).filter((i) => confident.reliable[i] === 0);
    if (others.length > 0) train(reliable, others);
  } else {
    classifier.set(mv.posteriors);
  }
  const posteriors = new Float64Array(N * K);
  for (let j = 0; j < N * K; j++) posteriors[j] = ((classifier[j] as number) + (mv.posteriors[j] as number)) / 2;
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return { method: 'aali', labels: argmax.rows(posteriors, N, K), posteriors, reliable: confident.reliable };
}

/** Fits a learner and predicts; a training set with one class predicts that class. */
function fitPredict(
  learner: Learner,
  x: Float64Array,
  y: Int32Array,
  n: number,
  d: number,
  K: number,
  xTest: Float64Array,
  nTest: number,
  rng: Rng,
): Float64Array {
  const first = y[0] as number;
  if (y.every((c) => c === first)) {
    const out = new Float64Array(nTest * K);
    for (let i = 0; i < nTest; i++) out[i * K + first] = 1;
    return out;
  }
  learner.fit(x, y, n, d, K, rng);
  return learner.predictProba(xTest, nTest);
}
