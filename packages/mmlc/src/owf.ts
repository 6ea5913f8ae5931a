import { RowArgmax } from '@crowdlearn/core-matrix';
import type { CrowdLabels, Features } from '@crowdlearn/core-matrix';
import { estimateCentre, type CentreOptions } from './centre.js';
import type { MmlcModel } from './mmlc-model.js';

/** The result of {@link oracleWorker}. */
export interface OracleWorkerResult {
  /** The inferred class of every item (argmax of the oracle's answer; lowest class on ties). */
  labels: Int32Array;
  /** The oracle worker's answer distribution on every item, row-major N x K. */
  proba: Float32Array;
  /** v*: the oracle projection vector (sums to 1). */
  oracle: Float64Array;
  /** Every worker's projection vector, row-major R x E (for scatter plots). */
  projections: Float32Array;
  /** The workers whose vectors entered the estimate (those with at least one label). */
  workers: Int32Array;
}

/**
 * MMLC-owf (oracle worker finding): the centre of the projection vectors of
 * the workers with labels (Eq. 8; KDE mode by default) is taken as an oracle
 * worker, and its answers on every item (Eq. 9) are the inferred truth, also
 * for items nobody labelled.
 */
export function oracleWorker(model: MmlcModel, labels: CrowdLabels, features: Features, options: CentreOptions = {}): OracleWorkerResult {
  const E = model.config.experts;
  const K = model.numClasses;
  const projections = model.projections();
  const workers = Int32Array.from({ length: labels.numWorkers }, (_, r) => r).filter((r) => labels.workerDegree(r) > 0);
  const V = new Float64Array(workers.length * E);
  workers.forEach((r, j) => V.set(projections.subarray(r * E, (r + 1) * E), j * E));
  const counts = Array.from(workers, (r) => labels.workerDegree(r));
  const oracle = estimateCentre(V, workers.length, E, counts, options);
  const proba = model.projectedProba(features, oracle);
  return { labels: new RowArgmax('lowest', 0).rows(proba, proba.length / K, K), proba, oracle, projections, workers };
}

/**
 * Each worker's predicted accuracy: the mean probability, over every item,
 * that the worker model answers the oracle's label, i.e. the worker's
 * accuracy if the oracle's answers were the truth. NaN for workers without
 * labels (their gate vector is untrained).
 */
export function predictedWorkerAccuracy(model: MmlcModel, labels: CrowdLabels, features: Features, oracleLabels: Int32Array): Float64Array {
  const K = model.numClasses;
  const N = features.numRows;
  const out = new Float64Array(labels.numWorkers).fill(Number.NaN);
  const items = Int32Array.from({ length: N }, (_, i) => i);
  for (let r = 0; r < labels.numWorkers; r++) {
    if (labels.workerDegree(r) === 0) continue;
    const p = model.workerProba(features, items, new Int32Array(N).fill(r));
    let s = 0;
    for (let i = 0; i < N; i++) s += p[i * K + (oracleLabels[i] as number)] as number;
    out[r] = s / N;
  }
  return out;
}
