import { CrowdError, type CrowdLabels } from '@crowdlearn/core-matrix';
import { RowArgmax } from '@crowdlearn/core-matrix';
import { fillEmptyItems } from '../internal/empty-items.js';
import type { AggregationResult, CommonOptions } from '../types.js';

/** Options of {@link majorityVote}. */
export type MajorityVoteOptions = CommonOptions;

/** Options of {@link weightedMajorityVote}: one weight per worker, or one per label. */
export interface WeightedMajorityVoteOptions extends CommonOptions {
  /** Weight w_r >= 0 of each worker (length R). */
  workerWeights?: ArrayLike<number>;
  /** Weight w_ir >= 0 of each label, in the matrix's canonical label order (length = labels). */
  labelWeights?: ArrayLike<number>;
}

/**
 * Majority voting: `P(k | L_i)` is the share of item i's labels that are k
 * (the soft MV distribution, returned as `posteriors`) and the label is its
 * argmax. Ties follow `tieBreak` (default `'random'`, CEKA's rule; `'lowest'`
 * matches crowd-kit and MMLC). Items without labels get a uniform
 * distribution.
 */
export function majorityVote(labels: CrowdLabels, options: MajorityVoteOptions = {}): AggregationResult {
  return { ...voteScores(labels, undefined, undefined, options), method: 'mv' };
}

/**
 * Weighted majority voting: `score_ik = Σ_r w_r [l_ir = k]` (or per-label
 * weights `w_ir`), normalised per item for `posteriors`; the label is the
 * argmax, ties by `tieBreak`. An item whose weights are all zero gets a
 * uniform distribution. WSLC, DEWSMV and Wawa build on this.
 */
export function weightedMajorityVote(labels: CrowdLabels, options: WeightedMajorityVoteOptions): AggregationResult {
  const { workerWeights, labelWeights } = options;
  if ((workerWeights === undefined) === (labelWeights === undefined)) {
    throw new CrowdError('INVALID_ARGUMENT', 'weightedMajorityVote needs exactly one of workerWeights and labelWeights');
  }
  checkWeights('workerWeights', workerWeights, labels.numWorkers);
  checkWeights('labelWeights', labelWeights, labels.numLabels);
  return { ...voteScores(labels, workerWeights, labelWeights, options), method: 'weighted-mv' };
}

function checkWeights(name: string, w: ArrayLike<number> | undefined, n: number): void {
  if (w === undefined) return;
  if (w.length !== n) {
    throw new CrowdError('SHAPE_MISMATCH', `${name} has the wrong length`, { expected: String(n), found: String(w.length) });
  }
  for (let j = 0; j < n; j++) {
    const x = w[j] as number;
    if (!(x >= 0) || !Number.isFinite(x)) {
      throw new CrowdError('INVALID_ARGUMENT', `${name}[${j}] is not a finite non-negative number`, { found: String(x) });
    }
  }
}

/** Vote scores, normalised, and their argmax. Shared by the voting methods. */
export function voteScores(
  labels: CrowdLabels,
  workerWeights: ArrayLike<number> | undefined,
  labelWeights: ArrayLike<number> | undefined,
  options: CommonOptions,
): { labels: Int32Array; posteriors: Float64Array } {
  const N = labels.numItems;
  const K = labels.numClasses;
  const scores = new Float64Array(N * K);
  const { itemOffsets, worker, label } = labels;
  for (let i = 0; i < N; i++) {
    const row = i * K;
    for (let e = itemOffsets[i] as number; e < (itemOffsets[i + 1] as number); e++) {
      const w =
        labelWeights !== undefined
          ? (labelWeights[e] as number)
          : workerWeights !== undefined
            ? (workerWeights[worker[e] as number] as number)
            : 1;
      scores[row + (label[e] as number)]! += w;
    }
  }
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  const predicted = argmax.rows(scores, N, K);
  for (let i = 0; i < N; i++) {
    let total = 0;
    for (let k = 0; k < K; k++) total += scores[i * K + k] as number;
    for (let k = 0; k < K; k++) scores[i * K + k] = total > 0 ? (scores[i * K + k] as number) / total : 1 / K;
  }
  fillEmptyItems(labels, new Float64Array(K).fill(1 / K), scores);
  return { labels: predicted, posteriors: scores };
}
