import { type CrowdLabels, resolveOptions, type OptionTable } from '@crowdlearn/core-matrix';
import { confusionModelResult, runConfusionEm } from '../internal/confusion-em.js';
import type { CommonOptions, ConfusionModelResult, WorkerSkillResult } from '../types.js';
import { voteScores } from './majority-vote.js';
import { oneCoinConfusion, oneCoinSkills } from './one-coin-dawid-skene.js';

/** Options of {@link zenCrowd}. */
export interface ZenCrowdOptions extends CommonOptions {
  /** Iteration limit. Default 100. */
  maxIterations?: number;
  /** Stop when no worker's reliability moves by more than this. Default 1e-6. */
  tol?: number;
}

/** {@link zenCrowd}'s options: defaults and ranges. */
export const ZENCROWD_OPTIONS = {
  maxIterations: { kind: 'integer', min: 0, default: 100, description: 'iteration limit' },
  tol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-6, description: "stop when no worker's reliability moves by more than this" },
} as const satisfies OptionTable;

/**
 * ZenCrowd (Demartini et al. 2012): one reliability p_r per worker, errors
 * spread uniformly, and a **uniform, fixed** class prior (so it is one-coin
 * DS without the prior update). EM from soft MV; stops when max_r |Δp_r| <
 * tol. `skills` are the reliabilities; `objective` the marginal
 * log-likelihood per E-step.
 *
 * Cite: G. Demartini, D. E. Difallah, P. Cudré-Mauroux, "ZenCrowd:
 * leveraging probabilistic reasoning and crowdsourcing techniques for
 * large-scale entity linking", WWW 2012.
 */
export function zenCrowd(labels: CrowdLabels, options: ZenCrowdOptions = {}): ConfusionModelResult & WorkerSkillResult {
  const o = resolveOptions('zencrowd', ZENCROWD_OPTIONS, options);
  const K = labels.numClasses;
  const uniform = new Float64Array(K).fill(1 / K);
  const tol = o.tol;
  let skills: Float64Array = new Float64Array(labels.numWorkers);
  let previousSkills: Float64Array = skills;
  const outcome = runConfusionEm(labels, {
    start: { posteriors: voteScores(labels, undefined, undefined, { tieBreak: 'lowest' }).posteriors },
    mStep: (posteriors) => {
      previousSkills = skills;
      skills = oneCoinSkills(labels, posteriors);
      return { prior: uniform, confusion: oneCoinConfusion(skills, K) };
    },
    maxIterations: o.maxIterations,
    converged: () => {
      let change = 0;
      for (let r = 0; r < skills.length; r++) change = Math.max(change, Math.abs((skills[r] as number) - (previousSkills[r] as number)));
      return change < tol;
    },
  });
  return { ...confusionModelResult('zencrowd', labels, outcome, options), skills };
}
