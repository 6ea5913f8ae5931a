import type { Objective } from './conjugate-gradient.js';
import { dot, dotAt, maxAbs } from './vectors.js';
import { wolfeLineSearch } from './wolfe-line-search.js';

/** Stopping rules of {@link LbfgsMinimizer.minimize}, as minFunc names them. */
export interface LbfgsOptions {
  /** The most iterations (minFunc's `maxIter`). */
  maxIterations: number;
  /** Stop when the largest gradient component is at most this (minFunc's `optTol`). */
  gradientTolerance: number;
  /** Stop when a step moves no coordinate, or f, by more than this (minFunc's `progTol`). */
  progressTolerance: number;
}

/**
 * Limited-memory BFGS for many small problems of one size: the buffers are
 * allocated once and reused by every {@link LbfgsMinimizer.minimize} call
 * (Minimax entropy solves one per worker and one per item in every round).
 * The direction is the two-loop recursion over the last `memory` pairs,
 * scaled by s·y / y·y; the first step is min(1, 1/Σ|g|) and later steps
 * start at 1, along a strong-Wolfe line search with c2 = 0.9 (the choices of
 * Mark Schmidt's minFunc, which the reference implementations call).
 */
export class LbfgsMinimizer {
  readonly #n: number;
  readonly #memory: number;
  readonly #s: Float64Array;
  readonly #y: Float64Array;
  readonly #rho: Float64Array;
  readonly #alpha: Float64Array;
  #g: Float64Array;
  #gNew: Float64Array;
  readonly #d: Float64Array;
  readonly #trial: Float64Array;

  /** Buffers for problems of dimension `n`, keeping the last `memory` curvature pairs. */
  constructor(n: number, memory: number) {
    this.#n = n;
    this.#memory = Math.max(1, memory);
    this.#s = new Float64Array(this.#memory * n);
    this.#y = new Float64Array(this.#memory * n);
    this.#rho = new Float64Array(this.#memory);
    this.#alpha = new Float64Array(this.#memory);
    this.#g = new Float64Array(n);
    this.#gNew = new Float64Array(n);
    this.#d = new Float64Array(n);
    this.#trial = new Float64Array(n);
  }

  /** Minimises `f` from `x` (updated in place); returns the final value. */
  minimize(f: Objective, x: Float64Array, options: LbfgsOptions): number {
    const n = this.#n;
    const m = this.#memory;
    const s = this.#s;
    const y = this.#y;
    const rho = this.#rho;
    const d = this.#d;
    const trial = this.#trial;
    let value = f(x, this.#g);
    let stored = 0; // pairs kept
    let newest = -1; // slot of the newest pair
    let hessianScale = 1;
    for (let it = 0; it < options.maxIterations; it++) {
      const g = this.#g;
      if (maxAbs(g) <= options.gradientTolerance) break;
      // d = -H g by the two-loop recursion
      for (let j = 0; j < n; j++) d[j] = -(g[j] as number);
      for (let back = 0; back < stored; back++) {
        const slot = (newest - back + m) % m;
        const a = (rho[slot] as number) * dotAt(s, slot * n, d, n);
        this.#alpha[slot] = a;
        for (let j = 0; j < n; j++) d[j]! += a * (y[slot * n + j] as number);
      }
      for (let j = 0; j < n; j++) d[j]! *= hessianScale;
      for (let back = stored - 1; back >= 0; back--) {
        const slot = (newest - back + m) % m;
        const b = (rho[slot] as number) * dotAt(y, slot * n, d, n);
        const a = this.#alpha[slot] as number;
        for (let j = 0; j < n; j++) d[j]! += (a - b) * (s[slot * n + j] as number);
      }
      const slope = dot(g, d);
      if (!(slope < -options.progressTolerance)) break;
      let sumAbs = 0;
      for (let j = 0; j < n; j++) sumAbs += Math.abs(g[j] as number);
      const initial = it === 0 ? Math.min(1, 1 / sumAbs) : 1;
      const search = wolfeLineSearch(value, slope, initial, 0.9);
      let reply: number[] = [];
      let accepted: { step: number; value: number } | undefined;
      for (;;) {
        const next = search.next(reply);
        if (next.done === true) {
          accepted = next.value;
          break;
        }
        const step = next.value.step;
        for (let j = 0; j < n; j++) trial[j] = (x[j] as number) + step * (d[j] as number);
        reply = [f(trial, this.#gNew), dot(this.#gNew, d)];
      }
      if (accepted === undefined) break;
      // the accepted point is the last one evaluated: trial and gNew hold it
      const slot = (newest + 1) % m;
      let sy = 0;
      let yy = 0;
      let largestMove = 0;
      for (let j = 0; j < n; j++) {
        const sj = (trial[j] as number) - (x[j] as number);
        const yj = (this.#gNew[j] as number) - (g[j] as number);
        s[slot * n + j] = sj;
        y[slot * n + j] = yj;
        sy += sj * yj;
        yy += yj * yj;
        largestMove = Math.max(largestMove, Math.abs(sj));
      }
      if (sy > 1e-10) {
        // keep the pair only when it has positive curvature (as minFunc)
        rho[slot] = 1 / sy;
        newest = slot;
        stored = Math.min(stored + 1, m);
        hessianScale = sy / yy;
      } else if (stored === m) {
        stored--; // the slot written was the oldest pair's
      }
      x.set(trial);
      [this.#g, this.#gNew] = [this.#gNew, this.#g];
      const previous = value;
      value = accepted.value;
      if (largestMove <= options.progressTolerance || Math.abs(value - previous) < options.progressTolerance) break;
    }
    return value;
  }
}
