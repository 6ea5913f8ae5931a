import { dot, maxAbs } from './vectors.js';
import { wolfeLineSearch } from './wolfe-line-search.js';

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
 * One vector operation the conjugate-gradient program asks of whoever holds
 * the vectors x (the point), g (the gradient at x), d (the direction) and
 * gNew (the gradient at the last trial point), and the numbers it wants back:
 * - `start`: g = ∇f(x), d = −g → [f(x), ‖g‖, max|g|, g·d];
 * - `restart`: d = −g → [g·d];
 * - `evaluate`: trial = x + step·d, gNew = ∇f(trial) → [f(trial), gNew·d];
 * - `accept`: x = x + step·d (the last trial) → [];
 * - `conjugacy`: → [g·g, gNew·(gNew − g)];
 * - `direction`: d = −gNew + beta·d, then g = gNew → [g·d, max|g|].
 *
 * The control logic (line search, Polak-Ribière+, step sizes) lives once in
 * {@link conjugateGradientProgram}; typed arrays run it synchronously
 * ({@link minimizeCG}), and an SQL engine holding the vectors in tables runs
 * it asynchronously (`@crowdlearn/aggregators-sql`).
 */
export type CgRequest = CgVectorRequest | CgStepRequest | CgDirectionRequest;

/** A request without an argument: `start`, `restart` or `conjugacy` (see {@link CgRequest}). */
export interface CgVectorRequest {
  /** Which operation. */
  op: 'start' | 'restart' | 'conjugacy';
}

/** A request along the direction: `evaluate` or `accept` at x + step·d (see {@link CgRequest}). */
export interface CgStepRequest {
  /** Which operation. */
  op: 'evaluate' | 'accept';
  /** The step along d. */
  step: number;
}

/** The new direction d = −gNew + beta·d (see {@link CgRequest}). */
export interface CgDirectionRequest {
  /** Which operation. */
  op: 'direction';
  /** The Polak-Ribière+ coefficient. */
  beta: number;
}

/** The conjugate-gradient program: yields vector operations, receives their numbers, returns the result. */
export type CgProgram = Generator<CgRequest, CGResult, number[]>;

/**
 * Nonlinear conjugate gradient, Polak-Ribière+ with restarts, and a line
 * search satisfying the strong Wolfe conditions (c1 = 1e-4, c2 = 0.4, the
 * values SciPy's CG uses), as a program over abstract vector operations
 * (see {@link CgRequest}).
 */
export function* conjugateGradientProgram(options: CGOptions): CgProgram {
  let [value, gNorm, gMaxAbs, slope] = (yield { op: 'start' }) as [number, number, number, number];
  let step = 1 / Math.max(1e-12, gNorm);
  for (let it = 0; it < options.maxIterations; it++) {
    if (gMaxAbs < options.gradientTolerance) return { value, iterations: it, converged: true };
    if (slope >= 0) {
      // not a descent direction: restart along the negative gradient
      [slope] = (yield { op: 'restart' }) as [number];
    }
    const ls = yield* wolfeLineSearch(value, slope, step, 0.4);
    if (ls === undefined) return { value, iterations: it, converged: false };
    yield { op: 'accept', step: ls.step };
    const prevValue = value;
    value = ls.value;
    // Polak-Ribière+: beta = max(0, g_new·(g_new - g) / g·g)
    const [gg, num] = (yield { op: 'conjugacy' }) as [number, number];
    const beta = gg > 0 ? Math.max(0, num / gg) : 0;
    [slope, gMaxAbs] = (yield { op: 'direction', beta }) as [number, number];
    // next initial step from the last decrease (Nocedal & Wright 3.60)
    step = slope < 0 ? Math.min(1, (1.01 * 2 * (value - prevValue)) / slope) : 1;
    if (!(step > 0)) step = 1;
  }
  return { value, iterations: options.maxIterations, converged: gMaxAbs < options.gradientTolerance };
}

/**
 * Minimises `f` from `x` (updated in place) by {@link conjugateGradientProgram}
 * on typed arrays. Used by the M-steps of GLAD and IRT and by the logistic
 * regression learner.
 */
export function minimizeCG(f: Objective, x: Float64Array, options: CGOptions): CGResult {
  const n = x.length;
  let g = new Float64Array(n);
  let gNew = new Float64Array(n);
  const d = new Float64Array(n);
  const trial = new Float64Array(n);
  const program = conjugateGradientProgram(options);
  let reply: number[] = [];
  for (;;) {
    const next = program.next(reply);
    if (next.done === true) return next.value;
    const request = next.value;
    switch (request.op) {
      case 'start': {
        const value = f(x, g);
        for (let j = 0; j < n; j++) d[j] = -(g[j] as number);
        reply = [value, Math.sqrt(dot(g, g)), maxAbs(g), dot(g, d)];
        break;
      }
      case 'restart':
        for (let j = 0; j < n; j++) d[j] = -(g[j] as number);
        reply = [dot(g, d)];
        break;
      case 'evaluate': {
        for (let j = 0; j < n; j++) trial[j] = (x[j] as number) + request.step * (d[j] as number);
        const value = f(trial, gNew);
        reply = [value, dot(gNew, d)];
        break;
      }
      case 'accept':
        for (let j = 0; j < n; j++) x[j] = (x[j] as number) + request.step * (d[j] as number);
        reply = [];
        break;
      case 'conjugacy': {
        let num = 0;
        for (let j = 0; j < n; j++) num += (gNew[j] as number) * ((gNew[j] as number) - (g[j] as number));
        reply = [dot(g, g), num];
        break;
      }
      case 'direction':
        for (let j = 0; j < n; j++) d[j] = -(gNew[j] as number) + request.beta * (d[j] as number);
        [g, gNew] = [gNew, g];
        reply = [dot(g, d), maxAbs(g)];
        break;
    }
  }
}
