import type { CrowdLabels } from '@crowdlearn/core-matrix';
import { agreementWith } from '../internal/agreement.js';
import type { CommonOptions, WorkerSkillResult } from '../types.js';
import { voteScores } from './majority-vote.js';

/** Options of {@link wawa}. */
export type WawaOptions = CommonOptions;

/**
 * Wawa (worker agreement with aggregate), as in crowd-kit: majority vote;
 * each worker's skill is the fraction of their labels equal to the MV label;
 * then a majority vote weighted by those skills. No iteration. `skills` are
 * the agreement rates.
 */
export function wawa(labels: CrowdLabels, options: WawaOptions = {}): WorkerSkillResult {
  const mv = voteScores(labels, undefined, undefined, options);
  const skills = agreementWith(labels, mv.labels, 0);
  return { ...voteScores(labels, skills, undefined, options), method: 'wawa', skills };
}
