import { type CrowdLabels, resolveOptions, type OptionTable } from '@crowdlearn/core-matrix';
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

/** {@link zeroBasedSkill}'s options: defaults and ranges. */
export const ZERO_BASED_SKILL_OPTIONS = {
  iterations: { kind: 'integer', min: 0, default: 100, description: 'iterations (all run, as in crowd-kit)' },
  learningRate: { kind: 'number', min: 0, exclusiveMin: true, default: 1, description: 'initial learning rate' },
  reduceEvery: { kind: 'integer', min: 1, default: 20, description: 'the learning rate is multiplied by reduceFactor every this many iterations' },
  reduceFactor: { kind: 'number', min: 0, exclusiveMin: true, max: 1, default: 0.5, description: 'learning-rate reduction factor' },
  eps: { kind: 'number', min: 0, default: 1e-5, description: 'skills start at 1/K + eps' },
} as const satisfies OptionTable;

/**
 * Zero-Based Skill (crowd-kit): skills start at 1/K + eps; each iteration
 * takes a weighted majority vote with the current skills and moves each skill
 * toward the worker's agreement with it by the learning rate (halved every 20
 * iterations). The labels are the weighted vote with the final skills.
 */
export function zeroBasedSkill(labels: CrowdLabels, options: ZeroBasedSkillOptions = {}): WorkerSkillResult {
  const o = resolveOptions('zbs', ZERO_BASED_SKILL_OPTIONS, options);
  const iterations = o.iterations;
  const reduceEvery = o.reduceEvery;
  const reduceFactor = o.reduceFactor;
  let lr = o.learningRate;
  const used = new Set(labels.label).size;
  const skills = new Float64Array(labels.numWorkers).fill(1 / Math.max(1, used) + o.eps);
  for (let it = 1; it <= iterations; it++) {
    if (it % reduceEvery === 0) lr *= reduceFactor;
    const vote = voteScores(labels, skills, undefined, options);
    const agreement = agreementWith(labels, vote.labels, 0);
    for (let r = 0; r < skills.length; r++) {
      if (labels.workerDegree(r) > 0) skills[r]! += lr * ((agreement[r] as number) - (skills[r] as number));
    }
  }
  return { ...voteScores(labels, skills, undefined, options), method: 'zbs', skills, iterations };
}
