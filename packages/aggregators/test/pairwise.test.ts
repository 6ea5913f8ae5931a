/**
 * Pairwise comparisons: Bradley-Terry and NoisyBT on crowd-kit's test data
 * (tests/aggregation/test_bt_aggregation.py), their effect on a simulated crowd with biased
 * workers, and the typed errors of malformed rows.
 */
import { describe, expect, it } from 'vitest';
import { PairwiseComparisons, Rng } from '@crowdlearn/core-matrix';
import { bradleyTerry, noisyBradleyTerry, PAIRWISE_AGGREGATORS } from '../src/index.js';

const rows = (list: [string, string, string][]) => PairwiseComparisons.fromObservations(list.map(([left, right, winner]) => ({ left, right, winner, worker: 'w1' })));
// crowd-kit's data_abc: a beats b, b beats c, a beats c; data_equal: a cycle
const abc = rows([['a', 'b', 'a'], ['b', 'c', 'b'], ['c', 'a', 'a']]);
const cycle = rows([['a', 'b', 'a'], ['b', 'c', 'b'], ['c', 'a', 'c']]);
const byId = (c: PairwiseComparisons, scores: Float64Array) => Object.fromEntries(c.items.ids().map((id, i) => [String(id), scores[i]!]));
const byWorker = (c: PairwiseComparisons, values: Float64Array) => Object.fromEntries(c.workers.ids().map((id, w) => [String(id), values[w]!]));

describe('Bradley-Terry against crowd-kit', () => {
  it('equal thirds on a cycle; .934, .065, 0 after 10 iterations on a > b > c (result_iter_10, atol 0.005)', () => {
    for (const s of Object.values(byId(cycle, bradleyTerry(cycle, { maxIterations: 10, tol: 0 }).scores))) expect(s).toBeCloseTo(1 / 3, 12);
    const r = byId(abc, bradleyTerry(abc, { maxIterations: 10, tol: 0 }).scores);
    expect(Math.abs(r.a! - 0.934)).toBeLessThan(0.005);
    expect(Math.abs(r.b! - 0.065)).toBeLessThan(0.005);
    expect(r.c).toBe(0);
    // no iteration: the start, equal scores (result_iter_0)
    expect(Array.from(bradleyTerry(abc, { maxIterations: 0 }).scores)).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });
});

describe('NoisyBT', () => {
  it("on a > b > c: a near 1 and c near 0 as in crowd-kit's noisy_bt_result (atol 0.005); b between them", () => {
    const r = noisyBradleyTerry(abc);
    const s = byId(abc, r.scores);
    expect(Math.abs(s.a! - 1)).toBeLessThan(0.005);
    expect(s.c).toBeLessThan(0.005);
    // crowd-kit has b at 1.0 too: its anchor term pushes every score away from the anchor (see noisyBradleyTerry);
    // pulled toward it, as the paper means, b stays between a and c (0.647 when written)
    expect(s.b! > s.c! && s.b! < s.a!).toBe(true);
  });

  it('finds the workers who always pick the left item (bias near 1, low skill) and still recovers the order', () => {
    const rng = new Rng(3);
    const strength = Array.from({ length: 12 }, (_, i) => i / 2);
    const obs = [];
    for (let c = 0; c < 1500; c++) {
      const [i, j] = Array.from(rng.sample(12, 2)) as [number, number];
      const w = rng.int(10);
      // workers 0-3 always pick the left item; the others judge by the Bradley-Terry model
      const leftWins = w < 4 ? true : rng.uniform() < 1 / (1 + Math.exp(strength[j]! - strength[i]!));
      obs.push({ left: `i${i}`, right: `i${j}`, winner: leftWins ? `i${i}` : `i${j}`, worker: `w${w}` });
    }
    const c = PairwiseComparisons.fromObservations(obs);
    const rankCorrelation = (scores: Float64Array) => {
      // Kendall's tau between the scores and the true strengths
      let agree = 0;
      let total = 0;
      const s = byId(c, scores);
      for (let i = 0; i < 12; i++) for (let j = i + 1; j < 12; j++) {
        total++;
        if ((s[`i${j}`]! - s[`i${i}`]!) * (strength[j]! - strength[i]!) > 0) agree++;
      }
      return (2 * agree - total) / total;
    };
    const noisy = noisyBradleyTerry(c);
    // Measured when written: Kendall's tau 0.970 for both NoisyBT and Bradley-Terry (a side bias on random sides is noise BT averages out)
    expect(rankCorrelation(noisy.scores)).toBeGreaterThan(0.9);
    expect(rankCorrelation(noisy.scores)).toBeGreaterThanOrEqual(rankCorrelation(bradleyTerry(c).scores));
    const bias = byWorker(c, noisy.biases!);
    const skill = byWorker(c, noisy.skills!);
    for (let w = 0; w < 4; w++) expect(bias[`w${w}`], `w${w}`).toBeGreaterThan(0.9);
    expect(Math.max(...[0, 1, 2, 3].map((w) => skill[`w${w}`]!))).toBeLessThan(Math.min(...[4, 5, 6, 7, 8, 9].map((w) => skill[`w${w}`]!)));
  });
});

describe('malformed rows', () => {
  it('an item compared with itself, or a winner that is neither item, names its line', () => {
    expect(() => PairwiseComparisons.fromObservations([{ left: 'a', right: 'a', winner: 'a', worker: 'w' }], { source: 'p.csv', lineOfRow: (r) => r + 2 })).toThrow(/p\.csv:2: item "a" is compared with itself/);
    expect(() => PairwiseComparisons.fromObservations([{ left: 'a', right: 'b', winner: 'c', worker: 'w' }], { source: 'p.csv' })).toThrow(/the winner "c" is neither item compared/);
    expect(PAIRWISE_AGGREGATORS.map((e) => e.name)).toEqual(['bradley-terry', 'noisy-bt']);
  });
});
