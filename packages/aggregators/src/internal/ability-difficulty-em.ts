import type { CrowdLabels } from '@crowdlearn/core-matrix';
import { minimizeCG } from '../optimize/conjugate-gradient.js';
import { softmaxInPlace } from './confusion-e-step.js';
import { fillEmptyItems } from './empty-items.js';
import { portableExp, portableLog, portableLog1p } from '@crowdlearn/core-matrix';

/**
 * How worker ability α_r and item parameter β_i combine into the logit z of a
 * correct answer, P(correct) = σ(z):
 * - `'product'` (GLAD): z = α_r e^{β_i};
 * - `'difference'` (IRT): z = α_r - e^{β_i}.
 */
export type AbilityLink = 'product' | 'difference';

/** Settings of {@link runAbilityDifficultyEm}. */
export interface AbilityDifficultyPlan {
  link: AbilityLink;
  /** Log class prior (fixed). */
  logPrior: Float64Array;
  /** Means of the N(mean, 1) priors on α and β. */
  alphaPriorMean: number;
  betaPriorMean: number;
  /** Initial posteriors (an M-step runs first), or undefined to start with an E-step from α = β = 1. */
  initialPosteriors?: Float64Array;
  maxIterations: number;
  mStepMaxIterations: number;
  mStepTol: number;
  /** Stopping rule on the objective per (label, class) pair: true stops. */
  converged(q: number, previous: number): boolean;
  /**
   * Items that share one difficulty parameter (CGLAD's clusters): `groups`
   * numbers them, `itemGroup[i]` is item i's. Absent: one parameter per item.
   */
  itemGroups?: { groups: number; itemGroup: Int32Array };
}

/** Fitted parameters and the loop's record. */
export interface AbilityDifficultyOutcome {
  posteriors: Float64Array;
  alpha: Float64Array;
  /** Per item, its (group's) difficulty parameter. */
  beta: Float64Array;
  iterations: number;
  converged: boolean;
  /** Q per (label, class) pair after each M-step. */
  objective: number[];
}

/**
 * EM for one-coin models with worker abilities and item difficulties (GLAD,
 * IRT): a worker answers right with probability σ(z(α_r, β_i)), else
 * uniformly among the other K-1 classes; N(mean, 1) priors on α and β; a fixed
 * class prior. The M-step maximises Q (expected complete log-likelihood plus
 * log priors) by nonlinear conjugate gradient on analytic gradients, in
 * O(labels) per evaluation since Σ_k T_ik [l_ir = k] = T_{i,l_ir}.
 */
export function runAbilityDifficultyEm(labels: CrowdLabels, plan: AbilityDifficultyPlan): AbilityDifficultyOutcome {
  const N = labels.numItems;
  const R = labels.numWorkers;
  const K = labels.numClasses;
  const { item, worker, label } = labels;
  const nLabels = labels.numLabels;
  const product = plan.link === 'product';
  const logKm1 = portableLog(Math.max(1, K - 1));
  const activeWorker = Uint8Array.from({ length: R }, (_, r) => (labels.workerDegree(r) > 0 ? 1 : 0));
  const activeItem = Uint8Array.from({ length: N }, (_, i) => (labels.itemDegree(i) > 0 ? 1 : 0));
  // the difficulty parameters: one per item, or one per group of items
  const G = plan.itemGroups?.groups ?? N;
  const group = plan.itemGroups?.itemGroup ?? Int32Array.from({ length: N }, (_, i) => i);
  const activeGroup = new Uint8Array(G);
  for (let i = 0; i < N; i++) if (activeItem[i] === 1) activeGroup[group[i] as number] = 1;
  const x = new Float64Array(R + G).fill(1); // [alpha (R), beta (G)]
  const posteriors = plan.initialPosteriors ?? new Float64Array(N * K);
  const tAtLabel = new Float64Array(nLabels);
  const expBeta = new Float64Array(G);

  const logit = (a: number, eb: number) => (product ? a * eb : a - eb);

  const eStep = () => {
    for (let i = 0; i < N; i++) {
      if (activeItem[i] === 0) continue;
      const row = i * K;
      for (let k = 0; k < K; k++) posteriors[row + k] = plan.logPrior[k] as number;
      const eb = portableExp(x[R + (group[i] as number)] as number);
      for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) {
        const z = logit(x[worker[e] as number] as number, eb);
        const t0 = portableExp(-Math.abs(z));
        const right = (z >= 0 ? 0 : z) - portableLog1p(t0);
        const wrong = right - z - logKm1;
        const l = label[e] as number;
        for (let k = 0; k < K; k++) posteriors[row + k]! += k === l ? right : wrong;
      }
      softmaxInPlace(posteriors, row, K);
    }
  };
  const cacheTargets = () => {
    for (let e = 0; e < nLabels; e++) tAtLabel[e] = posteriors[(item[e] as number) * K + (label[e] as number)] as number;
  };

  // Negative Q and its gradient, minimised by CG.
  const negQ = (p: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    for (let g = 0; g < G; g++) expBeta[g] = portableExp(p[R + g] as number);
    let q = 0;
    for (let e = 0; e < nLabels; e++) {
      const r = worker[e] as number;
      const i = group[item[e] as number] as number;
      const a = p[r] as number;
      const eb = expBeta[i] as number;
      const z = logit(a, eb);
      // log σ(z), log σ(-z) = log σ(z) - z and σ(z) from one exp and one log1p
      const t0 = portableExp(-Math.abs(z));
      const logSigZ = (z >= 0 ? 0 : z) - portableLog1p(t0);
      const sig = z >= 0 ? 1 / (1 + t0) : t0 / (1 + t0);
      const t = tAtLabel[e] as number;
      q += t * logSigZ + (1 - t) * (logSigZ - z - logKm1);
      const d = t - sig; // dQ/dz = Σ_k T_ik (δ_k - σ)
      if (product) {
        grad[r]! -= d * eb;
        grad[R + i]! -= d * a * eb;
      } else {
        grad[r]! -= d;
        grad[R + i]! += d * eb;
      }
    }
    for (let r = 0; r < R; r++) {
      if (activeWorker[r] === 0) continue;
      const dev = (p[r] as number) - plan.alphaPriorMean;
      q -= 0.5 * dev * dev + 0.5 * portableLog(2 * Math.PI);
      grad[r]! += dev;
    }
    for (let g = 0; g < G; g++) {
      if (activeGroup[g] === 0) continue;
      const dev = (p[R + g] as number) - plan.betaPriorMean;
      q -= 0.5 * dev * dev + 0.5 * portableLog(2 * Math.PI);
      grad[R + g]! += dev;
    }
    return -q;
  };

  const scratch = new Float64Array(R + G);
  const pairs = Math.max(1, nLabels * K);
  const mStep = () => {
    cacheTargets();
    minimizeCG(negQ, x, { maxIterations: plan.mStepMaxIterations, gradientTolerance: plan.mStepTol });
  };
  let q: number;
  if (plan.initialPosteriors !== undefined) {
    mStep();
    q = -negQ(x, scratch) / pairs;
  } else {
    eStep();
    cacheTargets();
    q = -negQ(x, scratch); // crowd-kit compares the first normalised Q with this unnormalised one
  }
  const objective: number[] = [];
  let iterations = 0;
  let converged = false;
  while (iterations < plan.maxIterations) {
    iterations++;
    const last = q;
    eStep();
    mStep();
    q = -negQ(x, scratch) / pairs;
    objective.push(q);
    if (plan.converged(q, last)) {
      converged = true;
      break;
    }
  }
  fillEmptyItems(labels, Float64Array.from(plan.logPrior, portableExp), posteriors);
  return { posteriors, alpha: x.slice(0, R), beta: Float64Array.from(group, (g) => x[R + g] as number), iterations, converged, objective };
}
