/** IBCC by variational Bayes: its first E-step by hand, and what its priors buy on a sparse crowd. */
import { describe, expect, it } from 'vitest';
import { accuracy } from '@crowdlearn/core-matrix';
import { simulateCrowd } from '@crowdlearn/datasets';
import { dawidSkene, ibcc, viMf } from '../src/index.js';
import { digamma } from '../src/internal/digamma.js';
import { crowd, TOY_ROWS } from './fixtures/crowdkit-test-data.js';

describe('IBCC', () => {
  it('the first E-step from the priors is the softmax of the vote counts (ψ(2) - ψ(1) = 1 with α0 = 1, 2 on the diagonal)', () => {
    const toy = crowd(TOY_ROWS);
    const r = ibcc(toy, { maxIterations: 1 });
    for (let i = 0; i < toy.numItems; i++) {
      const votes = [0, 0];
      for (let e = toy.itemOffsets[i]!; e < toy.itemOffsets[i + 1]!; e++) votes[toy.label[e]!]!++;
      expect(r.posteriors[i * 2 + 1]).toBeCloseTo(Math.exp(votes[1]!) / (Math.exp(votes[0]!) + Math.exp(votes[1]!)), 12);
    }
  });

  it('on a crowd of many workers with a few labels each, its priors keep confusion matrices from certainty', () => {
    let ds = 0;
    let vb = 0;
    for (let seed = 0; seed < 3; seed++) {
      const s = simulateCrowd({ numItems: 300, numClasses: 4, numWorkers: 150, labelsPerItem: 3, featureDim: 0 }, seed);
      ds += accuracy(dawidSkene(s.labels).labels, s.gold) / 3;
      vb += accuracy(ibcc(s.labels).labels, s.gold) / 3;
    }
    // Measured when written: DS 0.691, IBCC 0.797.
    expect(vb).toBeGreaterThan(ds + 0.05);
  });
});

describe('VI-MF', () => {
  it('one iteration by hand: Dirichlet rows = prior [2 1; 1 2] + soft-MV counts, then T ∝ exp Σ E[ln π] (uniform label prior)', () => {
    const toy = crowd(TOY_ROWS);
    const K = 2;
    const soft = Array.from({ length: toy.numItems }, (_, i) => {
      const c = [0, 0];
      for (let e = toy.itemOffsets[i]!; e < toy.itemOffsets[i + 1]!; e++) c[toy.label[e]!]!++;
      return c.map((x) => x / (c[0]! + c[1]!));
    });
    const alpha = (r: number, k: number, l: number) => {
      let a = k === l ? 2 : 1;
      for (let e = 0; e < toy.numLabels; e++) if (toy.worker[e] === r && toy.label[e] === l) a += soft[toy.item[e]!]![k]!;
      return a;
    };
    const lnPi = (r: number, k: number, l: number) => digamma(alpha(r, k, l)) - digamma(alpha(r, k, 0) + alpha(r, k, 1));
    const r = viMf(toy, { maxIterations: 1 });
    for (let i = 0; i < toy.numItems; i++) {
      const s = [0, 1].map((k) => {
        let v = 0;
        for (let e = toy.itemOffsets[i]!; e < toy.itemOffsets[i + 1]!; e++) v += lnPi(toy.worker[e]!, k, toy.label[e]!);
        return v;
      });
      expect(r.posteriors[i * K + 1]).toBeCloseTo(1 / (1 + Math.exp(s[0]! - s[1]!)), 12);
    }
  });
});
