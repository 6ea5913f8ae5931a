/** What {@link numericErrors} returns. */
export interface NumericErrors {
  /** Root mean squared error. */
  rmse: number;
  /** Mean absolute error. */
  mae: number;
  /** The items scored: those with a finite truth (and a finite estimate). */
  count: number;
}

/**
 * How far numeric estimates are from the truth, over the items whose truth
 * is a finite number (`truth[i]` NaN: no gold for item i): the root mean
 * squared error and the mean absolute error, the measures Zheng et al. report
 * for numeric truth inference. Items without an estimate (NaN: no answers)
 * are left out, and `count` says how many were scored.
 */
export function numericErrors(estimates: ArrayLike<number>, truth: ArrayLike<number>): NumericErrors {
  let squares = 0;
  let absolutes = 0;
  let count = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] as number;
    if (!Number.isFinite(t)) continue;
    const e = estimates[i] as number;
    if (!Number.isFinite(e)) continue;
    squares += (e - t) * (e - t);
    absolutes += Math.abs(e - t);
    count++;
  }
  return { rmse: count === 0 ? Number.NaN : Math.sqrt(squares / count), mae: count === 0 ? Number.NaN : absolutes / count, count };
}
