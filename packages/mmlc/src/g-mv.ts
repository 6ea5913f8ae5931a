import { aggregate } from '@crowdlearn/aggregators';
import { CrowdError, mergeCompleted, toRng, type CrowdLabels, type GoldLabels, type RandomSource, emptyCells, type EmptyCellOptions } from '@crowdlearn/core-matrix';

/** Options of {@link fillGmv}. */
export interface GmvOptions extends EmptyCellOptions {
  /**
   * - `'ability'` (default): worker j's ability a_j is the share of its labels
   *   that equal the MV label (clamped to [0.001, 0.999]); a filled cell is
   *   the MV label with probability a_j, else a uniformly random other class.
   * - `'itemDist'`: draw from the item's soft-MV distribution.
   * - `'codeGold'`: the reference code's generator, which puts P(gold | L_i)
   *   on the **gold** label. It uses gold: only for reproducing the paper's
   *   printed numbers, and needs `gold`.
   */
  mode?: 'ability' | 'itemDist' | 'codeGold';
  /** Gold labels, for `'codeGold'` only. */
  gold?: GoldLabels;
  /** Seed of the draws (and of MV's ties). Default 0. */
  seed?: RandomSource;
}

/**
 * G_MV, a filling baseline of MMLC-df: majority vote estimates each worker's
 * ability, and new labels are drawn from it for the same cells MMLC-df fills.
 * Stochastic: seed it and average over seeds.
 */
export function fillGmv(labels: CrowdLabels, options: GmvOptions = {}): CrowdLabels {
  const mode = options.mode ?? 'ability';
  if (mode === 'codeGold' && options.gold === undefined) {
    throw new CrowdError('INVALID_ARGUMENT', "G_MV mode 'codeGold' uses gold labels and needs `gold`", { expected: 'gold, or the default gold-free mode' });
  }
  const rng = toRng(options.seed ?? 0);
  const K = labels.numClasses;
  const mv = aggregate(labels, { method: 'mv', tieBreak: 'random', seed: rng.fork('mv').nextUint32() });
  const agree = new Float64Array(labels.numWorkers);
  for (let e = 0; e < labels.numLabels; e++) if (labels.label[e] === mv.labels[labels.item[e] as number]) agree[labels.worker[e] as number]!++;
  const ability = Float64Array.from(agree, (a, r) => Math.min(0.999, Math.max(0.001, labels.workerDegree(r) > 0 ? a / labels.workerDegree(r) : 1 / K)));
  const cells = emptyCells(labels, options);
  const draw = rng.fork('draws');
  const label = new Int32Array(cells.item.length);
  const row = new Float64Array(K);
  for (let c = 0; c < label.length; c++) {
    const i = cells.item[c] as number;
    if (mode === 'itemDist') {
      for (let k = 0; k < K; k++) row[k] = mv.posteriors[i * K + k] as number;
      label[c] = draw.weightedChoice(row);
      continue;
    }
    let centre = mv.labels[i] as number;
    let p = ability[cells.worker[c] as number] as number;
    if (mode === 'codeGold') {
      const g = options.gold?.get(i);
      if (g !== undefined) {
        centre = g;
        p = mv.posteriors[i * K + g] as number;
      }
    }
    label[c] = draw.uniform() < p ? centre : otherClass(centre, K, draw);
  }
  return mergeCompleted(labels, { ...cells, label }).labels;
}

/** A uniformly random class other than `k`. */
export function otherClass(k: number, K: number, rng: ReturnType<typeof toRng>): number {
  if (K < 2) return k;
  const q = rng.int(K - 1);
  return q >= k ? q + 1 : q;
}
