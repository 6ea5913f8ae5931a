import type { AggregationResult } from './types.js';

/** A method's estimate of each worker's quality, read from its result. */
export interface WorkerQuality {
  /**
   * What the numbers are: `'accuracy'` (the chance a worker's label is the
   * true class under the method's confusion matrices and class prior),
   * `'skill'` (the method's one number per worker: Wawa's agreement,
   * ZBS's and one-coin DS's skill, ZenCrowd's reliability), `'ability'`
   * (GLAD's and IRT's α) or `'competence'` (MACE's probability of not
   * spamming).
   */
  kind: 'accuracy' | 'skill' | 'ability' | 'competence';
  /** One value per worker (length R). */
  values: Float64Array;
}

const isArray = (v: unknown): v is Float64Array => v instanceof Float64Array;

/**
 * The worker quality a result carries, whatever its method: the expected
 * accuracy of confusion-matrix models (Σ_k prior_k C_r[k, k]), else the
 * method's per-worker skill, ability or competence; undefined for a method
 * without a worker model (MV, DEWSMV, ...). `numWorkers` and `numClasses`
 * are the crowd's R and K.
 */
export function workerQuality(result: AggregationResult, numWorkers: number, numClasses: number): WorkerQuality | undefined {
  const r = result as AggregationResult & Record<string, unknown>;
  const K = numClasses;
  if (isArray(r.confusion) && isArray(r.prior) && r.confusion.length === numWorkers * K * K) {
    const { confusion, prior } = r;
    const values = new Float64Array(numWorkers);
    for (let w = 0; w < numWorkers; w++) {
      let a = 0;
      for (let k = 0; k < K; k++) a += (prior[k] as number) * (confusion[(w * K + k) * K + k] as number);
      values[w] = a;
    }
    return { kind: 'accuracy', values };
  }
  if (isArray(r.skills) && r.skills.length === numWorkers) return { kind: 'skill', values: r.skills };
  if (isArray(r.alpha) && r.alpha.length === numWorkers) return { kind: 'ability', values: r.alpha };
  if (isArray(r.competence) && r.competence.length === numWorkers) return { kind: 'competence', values: r.competence };
  return undefined;
}
