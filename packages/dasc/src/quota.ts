import { CrowdError, largestRemainder } from '@crowdlearn/core-matrix';

/** How the real quotas τ_k M become integers. */
export type QuotaRounding =
  /** Floors plus one for the largest remainders, so the quotas sum to M (default). */
  | 'largestRemainder'
  /** Floors only. */
  | 'floor';

/** What happens when a class's quota exceeds its candidates (M_k > N'_k). */
export type QuotaShortfall =
  /** Take all N'_k; the unused quota is lost (default). */
  | 'lose'
  /** Pass the unused quota to the other classes in proportion to τ. */
  | 'redistribute';

/** Options of {@link classQuotas}. */
export interface QuotaOptions {
  /** Default `'largestRemainder'`. */
  rounding?: QuotaRounding;
  /** Default `'lose'`. */
  shortfall?: QuotaShortfall;
}

/**
 * DASC's per-class quotas (Eqs. 3-4): `τ_k ∝ 1 / N'_k` over the classes with
 * candidates (`τ_k = 0` when `N'_k = 0`), `M_k = τ_k M`, rounded, then capped
 * at the `N'_k` candidates a class has. The classes with the fewest
 * predicted pseudo-annotations get the largest quotas.
 * @param candidates - N'_k: the number of current candidates predicted as class k.
 * @param budget - M: the pseudo-annotations to select this round.
 */
export function classQuotas(candidates: ArrayLike<number>, budget: number, options: QuotaOptions = {}): Int32Array {
  if (!Number.isInteger(budget) || budget < 0) throw new CrowdError('INVALID_ARGUMENT', 'the budget M must be a non-negative integer', { found: String(budget) });
  const K = candidates.length;
  const available = Array.from(candidates, Number);
  const quotas = new Int32Array(K);
  let left = budget;
  // Classes still able to take more; without redistribution one pass is all there is.
  let open = available.map((n) => n > 0);
  for (;;) {
    const inverse = available.map((n, k) => (open[k] ? 1 / n : 0));
    const sum = inverse.reduce((a, b) => a + b, 0);
    if (sum === 0 || left === 0) break;
    const shares = inverse.map((v) => (v / sum) * left);
    const rounded = options.rounding === 'floor' ? shares.map(Math.floor) : largestRemainder(shares, left);
    let unused = 0;
    for (let k = 0; k < K; k++) {
      const room = (available[k] as number) - (quotas[k] as number);
      const take = Math.min(rounded[k] as number, room);
      quotas[k] = (quotas[k] as number) + take;
      unused += (rounded[k] as number) - take;
    }
    if (options.shortfall !== 'redistribute' || unused === 0) break;
    left = unused;
    open = available.map((n, k) => (quotas[k] as number) < n);
  }
  return quotas;
}
