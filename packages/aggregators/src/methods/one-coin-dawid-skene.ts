import { type CrowdLabels, resolveOptions, type OptionTable } from '@crowdlearn/core-matrix';
import { clampProbability } from '../internal/clamp.js';
import { confusionModelResult, runConfusionEm, type ConfusionParams } from '../internal/confusion-em.js';
import { meanPosterior } from '../internal/empty-items.js';
import type { CommonOptions, ConfusionModelResult, WorkerSkillResult } from '../types.js';
import { crowdkitElbo } from './dawid-skene.js';
import { voteScores } from './majority-vote.js';

/** Options of {@link oneCoinDawidSkene}. */
export interface OneCoinDawidSkeneOptions extends CommonOptions {
  /** Iteration limit. Default 100. */
  maxIterations?: number;
  /** Stopping tolerance on crowd-kit's ELBO per label. Default 1e-5. */
  tol?: number;
}

/** {@link oneCoinDawidSkene}'s options: defaults and ranges. */
export const ONE_COIN_DAWID_SKENE_OPTIONS = {
  maxIterations: { kind: 'integer', min: 0, default: 100, description: 'iteration limit' },
  tol: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-5, description: "stop when crowd-kit's ELBO per label gains less than this" },
} as const satisfies OptionTable;

/** Each worker's skill `s_r = mean over r's labels of T_{i, l_ir}` (the one-coin M-step). */
export function oneCoinSkills(labels: CrowdLabels, posteriors: Float64Array): Float64Array {
  const K = labels.numClasses;
  const R = labels.numWorkers;
  const s = new Float64Array(R);
  const n = new Float64Array(R);
  for (let e = 0; e < labels.numLabels; e++) {
    const r = labels.worker[e] as number;
    s[r]! += posteriors[(labels.item[e] as number) * K + (labels.label[e] as number)] as number;
    n[r]!++;
  }
  for (let r = 0; r < R; r++) s[r] = n[r] === 0 ? 1 / K : (s[r] as number) / (n[r] as number);
  return s;
}

/** One-coin confusion matrices: `s_r` on the diagonal, `(1 - s_r)/(K-1)` off it, clamped to [EPS, 1-EPS]. */
export function oneCoinConfusion(skills: Float64Array, K: number): Float64Array {
  const R = skills.length;
  const c = new Float64Array(R * K * K);
  for (let r = 0; r < R; r++) {
    const s = skills[r] as number;
    for (let k = 0; k < K; k++) {
      for (let l = 0; l < K; l++) c[(r * K + k) * K + l] = clampProbability(k === l ? s : (1 - s) / (K - 1));
    }
  }
  return c;
}

/**
 * One-coin Dawid-Skene (crowd-kit's `OneCoinDawidSkene`): one skill per
 * worker, uniform errors, an estimated class prior; initialised from soft MV,
 * crowd-kit's ELBO stopping rule. `skills` are the final s_r.
 *
 * Cite: Y. Zhang, X. Chen, D. Zhou, M. I. Jordan, "Spectral methods meet EM:
 * a provably optimal algorithm for crowdsourcing", JMLR 17, 2016.
 */
export function oneCoinDawidSkene(
  labels: CrowdLabels,
  options: OneCoinDawidSkeneOptions = {},
): ConfusionModelResult & WorkerSkillResult {
  const o = resolveOptions('one-coin-ds', ONE_COIN_DAWID_SKENE_OPTIONS, options);
  const K = labels.numClasses;
  let skills: Float64Array = new Float64Array(labels.numWorkers);
  const mStep = (posteriors: Float64Array): ConfusionParams => {
    skills = oneCoinSkills(labels, posteriors);
    return { prior: meanPosterior(labels, posteriors), confusion: oneCoinConfusion(skills, K) };
  };
  const tol = o.tol;
  let previousElbo = -Infinity;
  const outcome = runConfusionEm(labels, {
    start: { posteriors: voteScores(labels, undefined, undefined, { tieBreak: 'lowest' }).posteriors },
    mStep,
    maxIterations: o.maxIterations,
    converged: (next, _previous, posteriors) => {
      const elbo = crowdkitElbo(labels, posteriors, next) / Math.max(1, labels.numLabels);
      const stop = elbo - previousElbo < tol;
      previousElbo = elbo;
      return stop;
    },
  });
  return { ...confusionModelResult('one-coin-ds', labels, outcome, options), skills };
}
