import { originalOrder, Rng, type CrowdLabels, resolveOptions, type OptionTable, portableLog } from '@crowdlearn/core-matrix';
import { inCanonicalOrder } from '../internal/canonical-run.js';
import type { CommonOptions, AggregationResult } from '../types.js';
import { voteScores } from './majority-vote.js';

/** Options of {@link dewsmv}: the differential-evolution settings and the anchor [RECON]. */
export interface DewsmvOptions extends CommonOptions {
  /** Population size. Default 20. */
  population?: number;
  /** Generations. Default 100. */
  generations?: number;
  /** Differential weight F. Default 0.5. */
  differentialWeight?: number;
  /** Crossover rate CR. Default 0.9. */
  crossover?: number;
  /** Weight λ of the penalty λ ||w - 1||² / |Ω| that keeps the search near plain MV. Default 0.5. */
  anchor?: number;
  /**
   * Starting population [RECON]: `'nearOnes'` (default) puts plain MV (all
   * weights 1) in the population and draws the others from U(1 - spread, 1);
   * `'uniform'` draws every weight from U(0, 1).
   */
  init?: 'nearOnes' | 'uniform';
  /** Spread of the `'nearOnes'` start. Default 0.5. */
  initSpread?: number;
}

/** {@link dewsmv}'s options: defaults and ranges. */
export const DEWSMV_OPTIONS = {
  population: { kind: 'integer', min: 4, default: 20, description: 'population size' },
  generations: { kind: 'integer', min: 0, default: 100, description: 'generations (all run)' },
  differentialWeight: { kind: 'number', min: 0, max: 2, default: 0.5, description: 'differential weight F' },
  crossover: { kind: 'number', min: 0, max: 1, default: 0.9, description: 'crossover rate CR' },
  anchor: { kind: 'number', min: 0, default: 0.5, description: 'weight λ of the penalty that keeps the weights near plain MV' },
  init: { kind: 'choice', choices: ['nearOnes', 'uniform'], default: 'nearOnes', description: 'starting population: plain MV and draws from U(1 − spread, 1), or U(0, 1)' },
  initSpread: { kind: 'number', min: 0, max: 1, default: 0.5, description: "spread of the 'nearOnes' start" },
} as const satisfies OptionTable;

/** DEWSMV's result: the posteriors plus the label weights found. */
export interface DewsmvResult extends AggregationResult {
  /** The weight of each label, in the order of `labels.label`. */
  labelWeights: Float64Array;
}

/**
 * DEWSMV (differential-evolution weighted soft MV; the DEWMV lineage, PRICAI
 * 2018), as reconstructed in the spec: one weight w_ir in [0, 1] per label,
 * `P_w(k | L_i) ∝ Σ_r w_ir [l_ir = k]`, and DE/rand/1/bin (population 20, 100
 * generations, F 0.5, CR 0.9, seeded) minimising the "hybrid uncertainty"
 * `mean_i (1 - max_k P_w) + mean_i H(P_w) / log K + λ ||w - 1||² / |Ω|`.
 * The anchor term (λ = 0.5) keeps the search near plain MV, since uncertainty
 * alone drives each item toward its current majority; for the same reason the
 * population starts at plain MV and around it (`init`). The label is the
 * weighted soft-MV argmax; `objective` is the best fitness per generation.
 */
export function dewsmv(labels: CrowdLabels, options: DewsmvOptions = {}): DewsmvResult {
  // the search visits the labels in order: run it in the ids' order, so the file's row order does not matter
  return inCanonicalOrder(labels, (l) => dewsmvInOrder(l, options), (r, order) => ({ labelWeights: originalOrder(r.labelWeights, order.labelOf) }));
}

function dewsmvInOrder(labels: CrowdLabels, options: DewsmvOptions): DewsmvResult {
  const o = resolveOptions('dewsmv', DEWSMV_OPTIONS, options);
  const n = labels.numLabels;
  const K = labels.numClasses;
  const P = o.population;
  const generations = o.generations;
  const F = o.differentialWeight;
  const CR = o.crossover;
  const anchor = o.anchor;
  const rng = new Rng(options.seed ?? 0).fork('dewsmv');
  const scores = new Float64Array(K);
  const logK = portableLog(K);
  let labelled = 0;
  for (let i = 0; i < labels.numItems; i++) if (labels.itemDegree(i) > 0) labelled++;

  const fitness = (w: Float64Array): number => {
    let uncertainty = 0;
    let entropy = 0;
    for (let i = 0; i < labels.numItems; i++) {
      const start = labels.itemOffsets[i] as number;
      const end = labels.itemOffsets[i + 1] as number;
      if (start === end) continue;
      scores.fill(0);
      let total = 0;
      for (let e = start; e < end; e++) {
        scores[labels.label[e] as number]! += w[e] as number;
        total += w[e] as number;
      }
      if (total <= 0) {
        uncertainty += 1 - 1 / K;
        entropy += 1;
        continue;
      }
      let max = 0;
      let h = 0;
      for (let k = 0; k < K; k++) {
        const p = (scores[k] as number) / total;
        if (p > max) max = p;
        if (p > 0) h -= p * portableLog(p);
      }
      uncertainty += 1 - max;
      entropy += h / logK;
    }
    let penalty = 0;
    for (let e = 0; e < n; e++) penalty += ((w[e] as number) - 1) ** 2;
    return (uncertainty + entropy) / Math.max(1, labelled) + (anchor * penalty) / Math.max(1, n);
  };

  const spread = o.initSpread;
  const population = Array.from({ length: P }, (_, p) =>
    options.init === 'uniform'
      ? Float64Array.from({ length: n }, () => rng.uniform())
      : p === 0
        ? new Float64Array(n).fill(1)
        : Float64Array.from({ length: n }, () => rng.uniform(1 - spread, 1)),
  );
  const fit = population.map(fitness);
  const objective: number[] = [];
  const trial = new Float64Array(n);
  for (let g = 0; g < generations; g++) {
    for (let p = 0; p < P; p++) {
      // three distinct members other than p
      let a: number;
      let b: number;
      let c: number;
      do a = rng.int(P); while (a === p);
      do b = rng.int(P); while (b === p || b === a);
      do c = rng.int(P); while (c === p || c === a || c === b);
      const xa = population[a] as Float64Array;
      const xb = population[b] as Float64Array;
      const xc = population[c] as Float64Array;
      const target = population[p] as Float64Array;
      const forced = rng.int(n);
      for (let e = 0; e < n; e++) {
        if (e === forced || rng.uniform() < CR) {
          const v = (xa[e] as number) + F * ((xb[e] as number) - (xc[e] as number));
          trial[e] = v < 0 ? 0 : v > 1 ? 1 : v;
        } else {
          trial[e] = target[e] as number;
        }
      }
      const f = fitness(trial);
      if (f <= (fit[p] as number)) {
        target.set(trial);
        fit[p] = f;
      }
    }
    objective.push(Math.min(...fit));
  }
  let best = 0;
  for (let p = 1; p < P; p++) if ((fit[p] as number) < (fit[best] as number)) best = p;
  const labelWeights = population[best] as Float64Array;
  const vote = voteScores(labels, undefined, labelWeights, options);
  return { method: 'dewsmv', ...vote, labelWeights, iterations: generations, objective };
}
