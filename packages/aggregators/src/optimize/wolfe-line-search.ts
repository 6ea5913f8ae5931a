/** The one request a line search makes: f and its slope along the direction at x + step·d. */
export interface EvaluateRequest {
  /** Always `'evaluate'`. */
  op: 'evaluate';
  /** The step along d. */
  step: number;
}

/** A line search as a program: yields the steps to evaluate, receives [f, slope] there. */
export type LineSearchProgram = Generator<EvaluateRequest, { step: number; value: number } | undefined, number[]>;

/**
 * Strong-Wolfe line search (bracketing + zoom with bisection-safeguarded
 * quadratic steps), sufficient decrease c1 = 1e-4 and curvature `c2` (0.4
 * for conjugate gradient as SciPy's CG, 0.9 for quasi-Newton methods).
 * Returns the accepted step and f there, which is always the last point
 * evaluated; undefined when no acceptable step was found.
 */
export function* wolfeLineSearch(f0: number, slope0: number, initial: number, c2: number): LineSearchProgram {
  const c1 = 1e-4;
  let aPrev = 0;
  let fPrev = f0;
  let sPrev = slope0;
  let a = initial;
  for (let k = 0; k < 20; k++) {
    const [v, s] = (yield { op: 'evaluate', step: a }) as [number, number];
    if (!Number.isFinite(v) || v > f0 + c1 * a * slope0 || (k > 0 && v >= fPrev)) {
      return yield* zoom(aPrev, fPrev, sPrev, a, v);
    }
    if (Math.abs(s) <= -c2 * slope0) return { step: a, value: v };
    if (s >= 0) return yield* zoom(a, v, s, aPrev, fPrev);
    aPrev = a;
    fPrev = v;
    sPrev = s;
    a *= 2;
  }
  return undefined;

  function* zoom(lo: number, fLo: number, sLo: number, hi: number, fHi: number): LineSearchProgram {
    for (let k = 0; k < 30; k++) {
      // quadratic interpolation from (lo, fLo, sLo) and (hi, fHi), safeguarded to the middle of the bracket
      const width = hi - lo;
      let a = lo - (sLo * width * width) / (2 * (fHi - fLo - sLo * width));
      const left = Math.min(lo, hi) + 0.1 * Math.abs(width);
      const right = Math.max(lo, hi) - 0.1 * Math.abs(width);
      if (!Number.isFinite(a) || a < left || a > right) a = (lo + hi) / 2;
      const [v, s] = (yield { op: 'evaluate', step: a }) as [number, number];
      if (!Number.isFinite(v) || v > f0 + c1 * a * slope0 || v >= fLo) {
        hi = a;
        fHi = v;
      } else {
        if (Math.abs(s) <= -c2 * slope0) return { step: a, value: v };
        if (s * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
        }
        lo = a;
        fLo = v;
        sLo = s;
      }
      if (Math.abs(hi - lo) < 1e-14) break;
    }
    // accept the best point found if it decreased f at all (evaluated again, so that it is the last trial)
    if (fLo < f0) {
      const [v] = (yield { op: 'evaluate', step: lo }) as [number, number];
      return { step: lo, value: v };
    }
    return undefined;
  }
}

