import { describe, expect, it } from 'vitest';
import { averageRanks, rankRow } from '../src/stats/ranks.js';
import { chiSquareSurvival, fSurvival, friedman, friedmanFromRanks, nemenyiCriticalDifference } from '../src/stats/friedman.js';
import { meanAndSd } from '../src/stats/summary.js';

// Demšar (2006), "Statistical comparisons of classifiers over multiple data sets", JMLR 7, §3.2.2: four
// settings of C4.5 on 14 data sets have average ranks 3.143, 2.000, 2.893 and 1.964, giving chi-square 9.28,
// Iman-Davenport F 3.69 (critical value 2.85 for F(3, 39) at 0.05) and a Nemenyi CD of 1.25.
const DEMSAR_RANKS = [3.143, 2.0, 2.893, 1.964];

describe('ranks, Friedman and Nemenyi', () => {
  it('ranks with ties sharing the mean rank', () => {
    expect(rankRow([0.9, 0.8, 0.9, 0.7])).toEqual([1.5, 3, 1.5, 4]);
    expect(rankRow([1, 2, 3], false)).toEqual([1, 2, 3]);
  });

  it("reproduces Demšar's worked example: chi-square 9.28, F 3.69, CD 1.25", () => {
    const r = friedmanFromRanks(DEMSAR_RANKS, 14);
    expect(r.chiSquare).toBeCloseTo(9.28, 2);
    expect(r.f).toBeCloseTo(3.69, 2);
    expect(r.pF).toBeLessThan(0.05);
    expect(fSurvival(2.85, 3, 39)).toBeCloseTo(0.05, 2);
    expect(nemenyiCriticalDifference(4, 14)).toBeCloseTo(1.25, 2);
    expect(nemenyiCriticalDifference(21, 14)).toBeUndefined();
  });

  it('computes ranks and the statistics from a table (hand case)', () => {
    // 3 datasets x 3 methods: method 0 always best, 1 and 2 tie on the last dataset.
    const table = [
      [0.9, 0.8, 0.7],
      [0.9, 0.7, 0.8],
      [0.9, 0.8, 0.8],
    ];
    const r = friedman(table);
    expect(r.ranks).toEqual([1, 2.5, 2.5]);
    expect(averageRanks(table)).toEqual([1, 2.5, 2.5]);
    // chi-square = 12*3/(3*4) * (1 + 6.25 + 6.25 - 3*16/4) = 3 * 1.5 = 4.5
    expect(r.chiSquare).toBeCloseTo(4.5, 12);
  });

  it('tail probabilities match tables', () => {
    expect(chiSquareSurvival(3.841, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(7.815, 3)).toBeCloseTo(0.05, 3);
    expect(fSurvival(2.85, 3, 39)).toBeCloseTo(0.05, 2);
    expect(fSurvival(4.0, 1, 1e6)).toBeCloseTo(chiSquareSurvival(4.0, 1), 3);
  });

  it('mean and sample standard deviation', () => {
    expect(meanAndSd([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(5 / 3), n: 4 });
    expect(meanAndSd([5]).std).toBeNaN();
  });
});
