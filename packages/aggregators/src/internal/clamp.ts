/** Smallest probability a log is taken of (specs: clamp to [1e-10, 1 - 1e-10]). */
export const EPS = 1e-10;

/** `p` clamped to [EPS, 1 - EPS]. */
export function clampProbability(p: number): number {
  return p < EPS ? EPS : p > 1 - EPS ? 1 - EPS : p;
}
