import type { CrowdLabels } from '@crowdlearn/core-matrix';
import { agreementWith } from '../internal/agreement.js';
import type { CommonOptions, WorkerSkillResult } from '../types.js';
import { voteScores } from './majority-vote.js';

/** Options of {@link zeroBasedSkill} (crowd-kit's defaults). */
export interface ZeroBasedSkillOptions extends CommonOptions {
  /** Iterations (always all run, as in crowd-kit). Default 100. */
  iterations?: number;
  /** Initial learning rate. Default 1. */
  learningRate?: number;
  /** The learning rate is multiplied by `reduceFactor` on every iteration that is a multiple of this. Default 20. */
  reduceEvery?: number;
  /** Default 0.5. */
  reduceFactor?: number;
  /** Skills start at 1/K + eps. Default 1e-5. */
  eps?: number;
}

/**
 * Zero-Based Skill (crowd-kit): skills start at 1/K + eps; each iteration
 * takes a weighted majority vote with the current skills and moves each skill
 * toward the worker's agreement with it by the learning rate (halved every 20
 * iterations). The labels are the weighted vote with the final skills.
 */
export function zeroBasedSkill(labels: CrowdLabels, options: ZeroBasedSkillOptions = {}): WorkerSkillResult {
  const iterations = options.iterations ?? 100;
  const reduceEvery = options.reduceEvery ?? 20;
  const reduceFactor = options.reduceFactor ?? 0.5;
  let lr = options.learningRate ?? 1;
  const used = new Set(labels.label).size;
  const skills = new Float64Array(labels.numWorkers).fill(1 / Math.max(1, used) + (options.eps ?? 1e-5));
  for (let it = 1; it <= iterations; it++) {
    if (it % reduceEvery === 0) lr *= reduceFactor;
    const vote = voteScores(labels, skills, undefined, options);
    const agreement = agreementWith(labels, vote.labels, 0);
    for (let r = 0; r < skills.length; r++) {
      if (labels.workerDegree(r) > 0) skills[r]! += lr * ((agreement[r] as number) - (skills[r] as number));
    }
  }
  return { ...voteScores(labels, skills, undefined, options), method: 'zbs', skills, iterations, converged: true };
}
