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
