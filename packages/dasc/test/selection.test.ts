import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CrowdLabels, Rng } from '@crowdlearn/core-matrix';
import { classBalancedWeights, classQuotas, resamplingWeights, reweightingWeights, selectCandidates, type ScoredCandidates } from '../src/index.js';

describe('Eqs. 3-4: class quotas', () => {
  it("N' = (1000, 100, 10), M = 111: τ ∝ (1, 10, 100); class 2 has only 10, the rest is lost", () => {
    expect(Array.from(classQuotas([1000, 100, 10], 111))).toEqual([1, 10, 10]);
  });

  it('redistributes a shortfall in proportion to τ on request', () => {
    // 90 left over, split 1 : 10 between classes 0 and 1: 8.18 and 81.8
    expect(Array.from(classQuotas([1000, 100, 10], 111, { shortfall: 'redistribute' }))).toEqual([9, 92, 10]);
  });

  it('a class without candidates gets nothing; a single class takes the whole budget', () => {
    expect(Array.from(classQuotas([0, 50, 50], 10))).toEqual([0, 5, 5]);
    expect(Array.from(classQuotas([0, 40, 0], 10))).toEqual([0, 10, 0]);
    expect(Array.from(classQuotas([3, 3], 0))).toEqual([0, 0]);
  });

  it('largest-remainder quotas sum to M when no class runs short; floor never exceeds it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 200 }), (counts, budget) => {
        const m = Math.min(budget, Math.min(...counts));
        const q = classQuotas(counts, m);
        expect(q.reduce((a, b) => a + b, 0)).toBe(m);
        const f = classQuotas(counts, m, { rounding: 'floor' });
        expect(f.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(m);
        // every quota within its class's candidates
        counts.forEach((n, k) => expect(q[k]).toBeLessThanOrEqual(n));
      }),
    );
  });
});

describe('selection', () => {
  // 12 candidates: class 0 is predicted 8 times, class 1 three times, class 2 once
  const candidates: ScoredCandidates = {
    item: Int32Array.from({ length: 12 }, (_, c) => c),
    worker: new Int32Array(12),
    label: Int32Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2),
    entropy: Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.35, 0.95, 1.2),
  };

  it('DASC takes the lowest-entropy candidates within each class quota', () => {
    // τ ∝ (1/8, 1/3, 1) → shares of 4: 0.35, 0.94, 2.82 → quotas (0, 1, 3) → class 2 capped at 1
    const s = selectCandidates(candidates, 3, 4, 'dasc', new Rng(1));
    expect(Array.from(s.candidatesPerClass)).toEqual([8, 3, 1]);
    expect(Array.from(s.quotas!)).toEqual([0, 1, 1]);
    expect(Array.from(s.chosen)).toEqual([9, 11]);
    const big = selectCandidates(candidates, 3, 11, 'dasc', new Rng(1));
    // shares of 11: 0.94, 2.51, 7.54 → floors (0, 2, 7), the 2 left to the largest remainders (0.94, 0.54) → (1, 2, 8) → class 2 capped at 1
    expect(Array.from(big.quotas!)).toEqual([1, 2, 1]);
    expect(Array.from(big.chosen)).toEqual([0, 8, 9, 11]);
  });

  it('Confidence takes the lowest entropies overall, Random any, never one twice', () => {
    expect(Array.from(selectCandidates(candidates, 3, 4, 'confidence', new Rng(1)).chosen)).toEqual([0, 1, 2, 9]);
    const r = selectCandidates(candidates, 3, 6, 'random', new Rng(3)).chosen;
    expect(new Set(r).size).toBe(6);
    expect(Array.from(selectCandidates(candidates, 3, 50, 'confidence', new Rng(1)).chosen)).toHaveLength(12);
  });

  it('breaks entropy ties by a seeded draw or by index', () => {
    const tied: ScoredCandidates = { ...candidates, entropy: new Float64Array(12).fill(0.5) };
    expect(Array.from(selectCandidates(tied, 3, 3, 'confidence', new Rng(1), { entropyTies: 'lowestIndex' }).chosen)).toEqual([0, 1, 2]);
    const draws = new Set(Array.from({ length: 10 }, (_, s) => selectCandidates(tied, 3, 3, 'confidence', new Rng(s)).chosen.join()));
    expect(draws.size).toBeGreaterThan(1);
    expect(selectCandidates(tied, 3, 3, 'confidence', new Rng(4)).chosen.join()).toBe(selectCandidates(tied, 3, 3, 'confidence', new Rng(4)).chosen.join());
  });
});

describe('imbalance baselines', () => {
  // class 0: 6 annotations, class 1: 3, class 2: 1
  const labels = CrowdLabels.fromArrays(
    { item: Int32Array.from({ length: 10 }, (_, e) => e), worker: new Int32Array(10), label: Int32Array.of(0, 0, 0, 0, 0, 0, 1, 1, 1, 2) },
    { numItems: 10, numWorkers: 1, numClasses: 3 },
  );

  it('Reweighting weighs an annotation of class k by R_k = max / Ñ_k', () => {
    expect(Array.from(reweightingWeights(labels))).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 6]);
  });

  it('Resampling makes every class count equal to the largest', () => {
    const w = resamplingWeights(labels, new Rng(2));
    const perClass = [0, 0, 0];
    labels.label.forEach((k, e) => (perClass[k]! += w[e]!));
    expect(perClass).toEqual([6, 6, 6]);
    expect(Array.from(w.subarray(0, 6))).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('class-balanced weights are (1 - β) / (1 - β^n), normalised to sum to K over classes', () => {
    const w = classBalancedWeights(labels, 0.9);
    const raw = [6, 3, 1].map((n) => 0.1 / (1 - 0.9 ** n));
    const sum = raw.reduce((a, b) => a + b, 0);
    expect(w[0]).toBeCloseTo((raw[0]! * 3) / sum, 6);
    expect(w[9]).toBeCloseTo((raw[2]! * 3) / sum, 6);
    expect(w[0]! + w[6]! + w[9]!).toBeCloseTo(3, 5);
  });
});
