import { expect } from 'vitest';
import type { AggregationResult } from '@crowdlearn/aggregators';

// An engine sums in its own order (parallel group-bys), so values agree with the typed-array
// kernels to rounding: 1e-9 relative on log-likelihoods, 1e-9 absolute on probabilities.
// Iteration counts, convergence and labels must be equal.
const REL = 1e-9;
const ABS = 1e-9;

function expectClose(got: ArrayLike<number> | undefined, want: ArrayLike<number>, what: string, tolerance: number): void {
  expect(got, what).toBeDefined();
  expect(got?.length, what).toBe(want.length);
  let worst = 0;
  for (let j = 0; j < want.length; j++) worst = Math.max(worst, Math.abs((got?.[j] as number) - (want[j] as number)));
  expect(worst, what).toBeLessThan(tolerance);
}

/**
 * How close a method's SQL result must be to the kernel's. GLAD differs: the
 * engines have no log1p, so log σ(z) is ln(1 + e^{-|z|}), different in the
 * last bits, and its M-step stops at a gradient tolerance of 1e-2, so those
 * bits move the point where each conjugate-gradient run stops: measured on
 * music, the objective agrees to 1e-10 relative, posteriors to 2e-9, α to 8e-7.
 */
export interface Closeness {
  /** Relative tolerance on the objective trajectory. */
  objective: number;
  /** Absolute tolerance on posteriors, priors, confusions and skills. */
  probabilities: number;
  /** Absolute tolerance on unbounded worker and task parameters (GLAD's α and β). */
  parameters: number;
}

/** The EM methods' closeness. */
export const EXACT: Closeness = { objective: REL, probabilities: ABS, parameters: ABS };
/** GLAD's closeness (see {@link Closeness}), about 100x the measured differences. */
export const GLAD_CLOSENESS: Closeness = { objective: 1e-8, probabilities: 1e-6, parameters: 1e-4 };

/** The SQL result equals the kernel's: method, iterations, the log-likelihood trajectory, posteriors, labels and worker model. */
export function expectSameResult(got: AggregationResult, want: AggregationResult, close: Closeness = EXACT): void {
  expect(got.method).toBe(want.method);
  expect(got.iterations).toBe(want.iterations);
  expect(got.converged).toBe(want.converged);
  const objective = want.objective ?? [];
  expect(got.objective ?? []).toHaveLength(objective.length);
  objective.forEach((v, j) => expect(Math.abs((got.objective?.[j] as number) - v), `objective at iteration ${j + 1}`).toBeLessThanOrEqual(close.objective * Math.abs(v)));
  expectClose(got.posteriors, want.posteriors, 'posteriors', close.probabilities);
  expect(Array.from(got.labels)).toEqual(Array.from(want.labels));
  const gotFields = got as unknown as Record<string, Float64Array | undefined>;
  const wantFields = want as unknown as Record<string, Float64Array | undefined>;
  for (const field of ['prior', 'confusion', 'skills', 'alpha', 'beta']) {
    const w = wantFields[field];
    if (w !== undefined) expectClose(gotFields[field], w, field, field === 'alpha' || field === 'beta' ? close.parameters : close.probabilities);
  }
}

/**
 * The SQL result equals the kernel's when the two number the tasks
 * differently (files loaded by the engine number tasks in sorted name order):
 * the log-likelihood trajectory, and each task's posterior and label by name.
 */
export function expectSameByName(got: AggregationResult, gotNames: readonly string[], want: AggregationResult, wantNames: readonly string[]): void {
  expect(got.iterations).toBe(want.iterations);
  const objective = want.objective ?? [];
  objective.forEach((v, j) => expect(Math.abs((got.objective?.[j] as number) - v)).toBeLessThanOrEqual(REL * Math.abs(v)));
  expect([...gotNames].sort()).toEqual([...wantNames].sort());
  const K = want.posteriors.length / wantNames.length;
  const at = new Map(gotNames.map((name, i) => [name, i]));
  let worst = 0;
  wantNames.forEach((name, i) => {
    const j = at.get(name) as number;
    expect(got.labels[j], name).toBe(want.labels[i]);
    for (let k = 0; k < K; k++) worst = Math.max(worst, Math.abs((got.posteriors[j * K + k] as number) - (want.posteriors[i * K + k] as number)));
  });
  expect(worst).toBeLessThan(ABS);
}
