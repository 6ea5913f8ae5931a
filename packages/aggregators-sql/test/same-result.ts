import { expect } from 'vitest';
import type { AggregationResult } from '@crowdlearn/aggregators';

// An engine sums in its own order (parallel group-bys), so values agree with the typed-array
// kernels to rounding: 1e-9 relative on log-likelihoods, 1e-9 absolute on probabilities.
// Iteration counts, convergence and labels must be equal.
const REL = 1e-9;
const ABS = 1e-9;

function expectClose(got: ArrayLike<number> | undefined, want: ArrayLike<number>, what: string): void {
  expect(got, what).toBeDefined();
  expect(got?.length, what).toBe(want.length);
  let worst = 0;
  for (let j = 0; j < want.length; j++) worst = Math.max(worst, Math.abs((got?.[j] as number) - (want[j] as number)));
  expect(worst, what).toBeLessThan(ABS);
}

/** The SQL result equals the kernel's: method, iterations, the log-likelihood trajectory, posteriors, labels and worker model. */
export function expectSameResult(got: AggregationResult, want: AggregationResult): void {
  expect(got.method).toBe(want.method);
  expect(got.iterations).toBe(want.iterations);
  expect(got.converged).toBe(want.converged);
  const objective = want.objective ?? [];
  expect(got.objective ?? []).toHaveLength(objective.length);
  objective.forEach((v, j) => expect(Math.abs((got.objective?.[j] as number) - v), `log-likelihood at iteration ${j + 1}`).toBeLessThanOrEqual(REL * Math.abs(v)));
  expectClose(got.posteriors, want.posteriors, 'posteriors');
  expect(Array.from(got.labels)).toEqual(Array.from(want.labels));
  const gotFields = got as unknown as Record<string, Float64Array | undefined>;
  const wantFields = want as unknown as Record<string, Float64Array | undefined>;
  for (const field of ['prior', 'confusion', 'skills']) {
    const w = wantFields[field];
    if (w !== undefined) expectClose(gotFields[field], w, field);
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
