import { minMaxColumns, type CrowdLabels, resolveOptions, type OptionTable } from '@crowdlearn/core-matrix';
import { RowArgmax } from '@crowdlearn/core-matrix';
import { kMeans } from '../internal/kmeans.js';
import type { AggregationResult, CommonOptions } from '../types.js';
import { voteScores } from './majority-vote.js';

/** Options of {@link gtic}. */
export interface GticOptions extends CommonOptions {
  /** k-means iterations at most. Default 500. */
  maxIterations?: number;
}

/** {@link gtic}'s options: defaults and ranges. */
export const GTIC_OPTIONS = {
  maxIterations: { kind: 'integer', min: 0, default: 500, description: 'k-means iterations at most' },
} as const satisfies OptionTable;

/**
 * GTIC (Zhang, Sheng, Wu, Wu 2016; CEKA's `GTIC.java`): ground-truth
 * inference by clustering. Each labelled item is described by its soft-MV
 * distribution plus the mean consecutive difference
 * `(1/K) Σ_{k<K-1} (P(k+1|L_i) - P(k|L_i))`, min-max normalised; k-means with
 * K clusters starts cluster k at the item with the highest P(k|L_i); then
 * clusters are mapped to classes greedily by the share of MV labels (ties to
 * the larger count, then the lower index), and every item takes its
 * cluster's class. Posteriors are one-hot (GTIC has no probabilities); items
 * without labels get a uniform row and a `tieBreak` label.
 *
 * Cite: J. Zhang, V. S. Sheng, J. Wu, X. Wu, "Multi-class ground truth
 * inference in crowdsourcing with clustering", IEEE TKDE 28(4), 2016.
 */
export function gtic(labels: CrowdLabels, options: GticOptions = {}): AggregationResult {
  const o = resolveOptions('gtic', GTIC_OPTIONS, options);
  const N = labels.numItems;
  const K = labels.numClasses;
  const mv = voteScores(labels, undefined, undefined, options);
  const items = Int32Array.from({ length: N }, (_, i) => i).filter((i) => labels.itemDegree(i) > 0);
  const n = items.length;
  const d = K + 1;
  const points = new Float64Array(n * d);
  items.forEach((i, p) => {
    let diff = 0;
    for (let k = 0; k < K; k++) points[p * d + k] = mv.posteriors[i * K + k] as number;
    for (let k = 0; k + 1 < K; k++) diff += (mv.posteriors[i * K + k + 1] as number) - (mv.posteriors[i * K + k] as number);
    points[p * d + K] = diff / K;
  });
  minMaxColumns(points, n, d);
  // Initial centroid of cluster k: the item with the highest P(k | L_i), the first on ties.
  const initial = new Float64Array(K * d);
  for (let k = 0; k < K; k++) {
    let best = 0;
    for (let p = 1; p < n; p++) if ((points[p * d + k] as number) > (points[best * d + k] as number)) best = p;
    initial.set(points.subarray(best * d, best * d + d), k * d);
  }
  const clusters = n > 0 ? kMeans(points, n, d, initial, o.maxIterations) : { assignment: new Int32Array(0), iterations: 0, converged: true };
  const classOf = mapClustersToClasses(clusters.assignment, items, mv.labels, K);
  const posteriors = new Float64Array(N * K).fill(1 / K);
  items.forEach((i, p) => {
    const c = classOf[clusters.assignment[p] as number] as number;
    for (let k = 0; k < K; k++) posteriors[i * K + k] = k === c ? 1 : 0;
  });
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return { method: 'gtic', labels: argmax.rows(posteriors, N, K), posteriors, iterations: clusters.iterations, converged: clusters.converged };
}

/** Greedy one-to-one mapping by the share of each cluster's MV labels; returns the class of each cluster. */
function mapClustersToClasses(assignment: Int32Array, items: Int32Array, mvLabels: Int32Array, K: number): Int32Array {
  const counts = new Float64Array(K * K); // [cluster][class]
  const size = new Float64Array(K);
  items.forEach((i, p) => {
    const c = assignment[p] as number;
    counts[c * K + (mvLabels[i] as number)]!++;
    size[c]!++;
  });
  const classOf = new Int32Array(K).fill(-1);
  const usedClass = new Uint8Array(K);
  for (let round = 0; round < K; round++) {
    let bestC = -1;
    let bestK = -1;
    let bestShare = -1;
    let bestCount = -1;
    for (let c = 0; c < K; c++) {
      if (classOf[c] !== -1) continue;
      for (let k = 0; k < K; k++) {
        if (usedClass[k] === 1) continue;
        const count = counts[c * K + k] as number;
        const share = (size[c] as number) > 0 ? count / (size[c] as number) : 0;
        if (share > bestShare || (share === bestShare && count > bestCount)) {
          bestShare = share;
          bestCount = count;
          bestC = c;
          bestK = k;
        }
      }
    }
    classOf[bestC] = bestK;
    usedClass[bestK] = 1;
  }
  return classOf;
}
