import { RowArgmax, type CrowdLabels } from '@crowdlearn/core-matrix';
import { fillEmptyItems } from './empty-items.js';
import type { CommonOptions, WorkerSkillResult } from '../types.js';

/**
 * The loop of the truth-discovery methods (CATD, PM/CRH): start from
 * majority vote, then alternate worker weights from each worker's
 * disagreements with the current truth (`weigh`, given the disagreements and
 * label counts per worker) and the weighted vote, for at most
 * `maxIterations` rounds, stopping early when the labels repeat (a fixed
 * point: another round would give the same weights). Posteriors are the
 * final normalised weighted votes; `skills` the weights, summing to 1.
 */
export function truthDiscovery(
  method: string,
  labels: CrowdLabels,
  weigh: (disagreements: Float64Array, counts: Float64Array) => Float64Array<ArrayBufferLike>,
  maxIterations: number,
  options: CommonOptions,
): WorkerSkillResult {
  const N = labels.numItems;
  const K = labels.numClasses;
  const R = labels.numWorkers;
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  const counts = new Float64Array(R);
  for (let e = 0; e < labels.numLabels; e++) counts[labels.worker[e] as number]!++;
  const scores = new Float64Array(N * K);
  const vote = (weights: Float64Array | undefined) => {
    scores.fill(0);
    for (let e = 0; e < labels.numLabels; e++) scores[(labels.item[e] as number) * K + (labels.label[e] as number)]! += weights === undefined ? 1 : (weights[labels.worker[e] as number] as number);
    return argmax.rows(scores, N, K);
  };
  let truth = vote(undefined);
  let weights: Float64Array<ArrayBufferLike> = new Float64Array(R).fill(R > 0 ? 1 / R : 0);
  let iterations = 0;
  let converged = false;
  const disagreements = new Float64Array(R);
  while (iterations < maxIterations) {
    iterations++;
    disagreements.fill(0);
    for (let e = 0; e < labels.numLabels; e++) if (labels.label[e] !== truth[labels.item[e] as number]) disagreements[labels.worker[e] as number]!++;
    weights = weigh(disagreements, counts);
    const next = vote(weights);
    const same = next.every((k, i) => k === truth[i]);
    truth = next;
    if (same) {
      converged = true;
      break;
    }
  }
  const posteriors = new Float64Array(N * K);
  for (let i = 0; i < N; i++) {
    let total = 0;
    for (let k = 0; k < K; k++) total += scores[i * K + k] as number;
    for (let k = 0; k < K; k++) posteriors[i * K + k] = total > 0 ? (scores[i * K + k] as number) / total : 1 / K;
  }
  fillEmptyItems(labels, new Float64Array(K).fill(1 / K), posteriors);
  let sum = 0;
  for (let r = 0; r < R; r++) sum += weights[r] as number;
  const skills = Float64Array.from(weights, (w) => (sum > 0 ? w / sum : 0));
  return { method, labels: truth, posteriors, skills, iterations, converged };
}
