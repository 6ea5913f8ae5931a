import { CrowdError, resolveOptions, workerAccuracy, type CrowdLabels, type GoldLabels, type OptionTable } from '@crowdlearn/core-matrix';
import type { CommonOptions, WorkerSkillResult } from '../types.js';
import { voteScores } from './majority-vote.js';

/** Options of {@link goldMajorityVote}. */
export interface GoldMajorityVoteOptions extends CommonOptions {
  /**
   * A worker who answered no gold item: `'mean'` (default) gets the mean
   * skill of the workers who did; `'error'` is crowd-kit's rule (every
   * worker must answer a gold item), which a small gold set rarely meets (with
   * 10% of the gold known it fails on 22 of the 23 bundled datasets).
   */
  workersWithoutGold?: 'error' | 'mean';
}

/** {@link goldMajorityVote}'s options: defaults and ranges. */
export const GOLD_MAJORITY_VOTE_OPTIONS = {
  workersWithoutGold: { kind: 'choice', choices: ['mean', 'error'], default: 'mean', description: "a worker who answered no gold item gets the mean skill of the others, or is an error (crowd-kit's rule)" },
} as const satisfies OptionTable;

/**
 * Gold majority vote, as crowd-kit's `GoldMajorityVote`: each worker's skill
 * is their accuracy on the items whose true class is known (`trueLabels`),
 * and every item's class is the vote weighted by those skills (posteriors:
 * the normalised weighted votes; an item whose voters all have skill 0 gets
 * a uniform distribution). `skills` are the gold accuracies.
 */
export function goldMajorityVote(labels: CrowdLabels, trueLabels: GoldLabels, options: GoldMajorityVoteOptions = {}): WorkerSkillResult {
  const o = resolveOptions('gold-mv', GOLD_MAJORITY_VOTE_OPTIONS, options);
  if ((trueLabels as GoldLabels | undefined) === undefined) throw new CrowdError('INVALID_ARGUMENT', 'gold-mv needs trueLabels, the items whose class is known', { expected: 'a GoldLabels of the label matrix' });
  if (trueLabels.numItems !== labels.numItems || trueLabels.numClasses !== labels.numClasses) {
    throw new CrowdError('SHAPE_MISMATCH', 'trueLabels are for another label matrix', { expected: `${labels.numItems} items and ${labels.numClasses} classes`, found: `${trueLabels.numItems} items and ${trueLabels.numClasses} classes` });
  }
  const R = labels.numWorkers;
  const { accuracy, judged } = workerAccuracy(labels, trueLabels);
  const skills = new Float64Array(R);
  let sum = 0;
  let counted = 0;
  for (let r = 0; r < R; r++) {
    if (judged[r] === 0) continue;
    skills[r] = accuracy[r] as number;
    sum += skills[r] as number;
    counted++;
  }
  const without = [...judged.keys()].filter((r) => judged[r] === 0 && labels.workerDegree(r) > 0);
  if (without.length > 0) {
    if (o.workersWithoutGold === 'error' || counted === 0) {
      throw new CrowdError('INVALID_ARGUMENT', `${without.length} worker(s) answered no item with a true label, such as ${JSON.stringify(String(labels.workers.idOf(without[0] as number)))}`, {
        expected: "every worker to answer a gold item, or workersWithoutGold: 'mean'",
      });
    }
    for (const r of without) skills[r] = sum / counted;
  }
  return { ...voteScores(labels, skills, undefined, options), method: 'gold-mv', skills };
}
