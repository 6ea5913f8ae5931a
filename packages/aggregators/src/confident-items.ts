import type { CrowdLabels } from '@crowdlearn/core-matrix';

/** Options of {@link confidentItems}. */
export interface ConfidentItemsOptions {
  /** `'>='` (default, the TLLC poster's rule) or `'>'`. */
  compare?: '>=' | '>';
}

/** The class-wise confidence split of the items. */
export interface ConfidentItems {
  /** μ_k: the mean confidence P(k | L_i) of the labelled items whose aggregated label is k (NaN when none). */
  threshold: Float64Array;
  /** 1 for the items whose confidence in their aggregated label reaches its class threshold (the source domain X_S). */
  reliable: Uint8Array;
  /** The reliable items, ascending. */
  items: Int32Array;
}

/**
 * The class-wise mean confidence threshold of TLLC (Eqs. 3-5), also AALI's
 * reliable-item filter: with aggregated labels ŷ_i and their distribution
 * P(· | L_i), `μ_k = mean_{i: ŷ_i = k} P(k | L_i)` and item i is reliable when
 * `P(ŷ_i | L_i) >= μ_{ŷ_i}`. Items without labels are never reliable.
 * @param posteriors - N x K, e.g. the soft MV distribution.
 * @param aggregated - ŷ, one class per item.
 */
export function confidentItems(
  labels: CrowdLabels,
  posteriors: Float64Array,
  aggregated: Int32Array,
  options: ConfidentItemsOptions = {},
): ConfidentItems {
  const N = labels.numItems;
  const K = labels.numClasses;
  const sum = new Float64Array(K);
  const count = new Float64Array(K);
  for (let i = 0; i < N; i++) {
    if (labels.itemDegree(i) === 0) continue;
    const k = aggregated[i] as number;
    sum[k]! += posteriors[i * K + k] as number;
    count[k]!++;
  }
  const threshold = Float64Array.from(sum, (s, k) => ((count[k] as number) > 0 ? s / (count[k] as number) : Number.NaN));
  const strict = options.compare === '>';
  const reliable = new Uint8Array(N);
  const list: number[] = [];
  for (let i = 0; i < N; i++) {
    if (labels.itemDegree(i) === 0) continue;
    const k = aggregated[i] as number;
    const p = posteriors[i * K + k] as number;
    const mu = threshold[k] as number;
    // a small slack so that an item exactly at the mean is not lost to rounding
    if (strict ? p > mu + 1e-12 : p >= mu - 1e-12) {
      reliable[i] = 1;
      list.push(i);
    }
  }
  return { threshold, reliable, items: Int32Array.from(list) };
}
