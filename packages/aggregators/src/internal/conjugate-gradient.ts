/** A differentiable objective: returns f(x) and writes ∇f(x) into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Options of {@link minimizeCG}. */
export interface CGOptions {
  /** Maximum CG iterations. */
  maxIterations: number;
  /** Stop when the largest gradient component is below this. */
  gradientTolerance: number;
}

/** What {@link minimizeCG} returns. */
export interface CGResult {
  /** Final objective value. */
  value: number;
  /** Iterations run. */
  iterations: number;
  /** Whether the gradient tolerance was met. */
  converged: boolean;
}

/**
 * Minimises `f` from `x` (updated in place) by nonlinear conjugate gradient,
 * Polak-Ribière+ with restarts, and a line search satisfying the strong
 * Wolfe conditions (c1 = 1e-4, c2 = 0.4, the values SciPy's CG uses).
 * Used by the M-steps of GLAD and IRT.
 */
export function minimizeCG(f: Objective, x: Float64Array, options: CGOptions): CGResult {
  const n = x.length;
  let g = new Float64Array(n);
  let value = f(x, g);
  const d = new Float64Array(n);
  for (let j = 0; j < n; j++) d[j] = -(g[j] as number);
  let gNew = new Float64Array(n);
  const trial = new Float64Array(n);
  let step = 1 / Math.max(1e-12, norm(g));
  for (let it = 0; it < options.maxIterations; it++) {
    if (maxAbs(g) < options.gradientTolerance) return { value, iterations: it, converged: true };
    let slope = dot(g, d);
    if (slope >= 0) {
      // not a descent direction: restart along the negative gradient
      for (let j = 0; j < n; j++) d[j] = -(g[j] as number);
      slope = dot(g, d);
    }
    const ls = wolfeLineSearch(f, x, d, value, slope, step, trial, gNew);
    if (ls === undefined) return { value, iterations: it, converged: false };
    x.set(trial);
    const prevValue = value;
    value = ls.value;
    // Polak-Ribière+: beta = max(0, g_new·(g_new - g) / g·g)
    const gg = dot(g, g);
    let num = 0;
    for (let j = 0; j < n; j++) num += (gNew[j] as number) * ((gNew[j] as number) - (g[j] as number));
    const beta = gg > 0 ? Math.max(0, num / gg) : 0;
    for (let j = 0; j < n; j++) d[j] = -(gNew[j] as number) + beta * (d[j] as number);
    [g, gNew] = [gNew, g];
    // next initial step from the last decrease (Nocedal & Wright 3.60)
    const newSlope = dot(g, d);
    step = newSlope < 0 ? Math.min(1, (1.01 * 2 * (value - prevValue)) / newSlope) : 1;
    if (!(step > 0)) step = 1;
  }
  return { value, iterations: options.maxIterations, converged: maxAbs(g) < options.gradientTolerance };
}

/** Strong-Wolfe line search (bracketing + zoom with bisection-safeguarded cubic steps). */
function wolfeLineSearch(
  f: Objective,
  x: Float64Array,
  d: Float64Array,
  f0: number,
  slope0: number,
  initial: number,
  trial: Float64Array,
  grad: Float64Array,
): { value: number } | undefined {
  const c1 = 1e-4;
  const c2 = 0.4;
  const evaluate = (a: number) => {
    for (let j = 0; j < x.length; j++) trial[j] = (x[j] as number) + a * (d[j] as number);
    const v = f(trial, grad);
    return { v, s: dot(grad, d) };
  };
  let aPrev = 0;
  let fPrev = f0;
  let sPrev = slope0;
  let a = initial;
  for (let k = 0; k < 20; k++) {
    const { v, s } = evaluate(a);
    if (!Number.isFinite(v) || v > f0 + c1 * a * slope0 || (k > 0 && v >= fPrev)) {
      return zoom(aPrev, fPrev, sPrev, a, v);
    }
    if (Math.abs(s) <= -c2 * slope0) return { value: v };
    if (s >= 0) return zoom(a, v, s, aPrev, fPrev);
    aPrev = a;
    fPrev = v;
    sPrev = s;
    a *= 2;
  }
  return undefined;

  function zoom(lo: number, fLo: number, sLo: number, hi: number, fHi: number): { value: number } | undefined {
    for (let k = 0; k < 30; k++) {
      // quadratic interpolation from (lo, fLo, sLo) and (hi, fHi), safeguarded to the middle of the bracket
      const width = hi - lo;
      let a = lo - (sLo * width * width) / (2 * (fHi - fLo - sLo * width));
      const left = Math.min(lo, hi) + 0.1 * Math.abs(width);
      const right = Math.max(lo, hi) - 0.1 * Math.abs(width);
      if (!Number.isFinite(a) || a < left || a > right) a = (lo + hi) / 2;
      const { v, s } = evaluate(a);
      if (!Number.isFinite(v) || v > f0 + c1 * a * slope0 || v >= fLo) {
        hi = a;
        fHi = v;
      } else {
        if (Math.abs(s) <= -c2 * slope0) return { value: v };
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
    // accept the best point found if it decreased f at all
    if (fLo < f0) {
      const { v } = evaluate(lo);
      return { value: v };
    }
    return undefined;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] as number) * (b[j] as number);
  return s;
}

function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j] as number));
  return m;
}
