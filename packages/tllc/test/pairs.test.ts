import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@crowdlearn/core-matrix';
import { initBackend } from '@crowdlearn/neural';
import { SiameseEncoder } from '../src/index.js';
import { allPairsCount, drawPairs, pairCount, pairOfRank } from '../src/pairs.js';
import { pairLoss } from '../src/siamese-encoder.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('Eq. 8: pair data', () => {
  const classes = Int32Array.of(0, 1, 0, 2, 1, 1, 0);

  it("'all' gives n(n-1)/2 pairs with y' = 1[c_i != c_j]", () => {
    const p = drawPairs(classes, new Rng(1));
    expect(p.first.length).toBe(21);
    expect(allPairsCount(7)).toBe(21);
    const seen = new Set<string>();
    for (let q = 0; q < 21; q++) {
      const i = p.first[q]!;
      const j = p.second[q]!;
      expect(i).toBeLessThan(j);
      seen.add(`${i},${j}`);
      expect(p.target[q]).toBe(classes[i] === classes[j] ? 0 : 1);
    }
    expect(seen.size).toBe(21);
    const similarity = drawPairs(classes, new Rng(1), { target: 'similarity' });
    expect(Array.from(similarity.target)).toEqual(Array.from(p.target, (t) => 1 - t));
  });

  it('pairOfRank inverts the row-by-row enumeration', () => {
    for (const n of [2, 3, 7, 50]) {
      let rank = 0;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(pairOfRank(rank++, n)).toEqual([i, j]);
    }
  });

  it('caps at maxPairs with distinct pairs, deterministically for a seed', () => {
    const many = Int32Array.from({ length: 40 }, (_, i) => i % 3);
    const a = drawPairs(many, new Rng(5), { maxPairs: 100 });
    expect(a.first.length).toBe(100);
    expect(pairCount(many, { maxPairs: 100 })).toBe(100);
    const keys = new Set(Array.from(a.first, (i, q) => `${i},${a.second[q]}`));
    expect(keys.size).toBe(100);
    for (let q = 0; q < 100; q++) expect(a.first[q]!).toBeLessThan(a.second[q]!);
    const b = drawPairs(many, new Rng(5), { maxPairs: 100 });
    expect(Array.from(b.first)).toEqual(Array.from(a.first));
    expect(Array.from(b.second)).toEqual(Array.from(a.second));
    const c = drawPairs(many, new Rng(6), { maxPairs: 100 });
    expect(Array.from(c.first)).not.toEqual(Array.from(a.first));
  });

  it("'balanced' gives each anchor one same-label and one different-label partner", () => {
    const p = drawPairs(classes, new Rng(2), { scheme: 'balanced' });
    // class 2 has one member: its anchor gets only a different-label partner
    expect(p.first.length).toBe(13);
    expect(pairCount(classes, { scheme: 'balanced' })).toBe(13);
    for (let q = 0; q < p.first.length; q++) {
      expect(p.first[q]).not.toBe(p.second[q]);
      expect(p.target[q]).toBe(classes[p.first[q]!] === classes[p.second[q]!] ? 0 : 1);
    }
    for (let a = 0; a < 7; a++) {
      const targets = Array.from(p.first, (f, q) => (f === a ? p.target[q]! : -1)).filter((t) => t >= 0);
      expect(targets.sort()).toEqual(a === 3 ? [1] : [0, 1]);
    }
  });
});

describe('Eq. 10-11: distance and loss', () => {
  it('the loss is the mean squared error of a 2-pair batch', () => {
    const before = tf.memory().numTensors;
    const value = tf.tidy(() => pairLoss(tf.tensor1d([0, 1]), tf.tensor1d([0.5, 0.25])).dataSync()[0]);
    expect(value).toBeCloseTo((0.5 ** 2 + 0.75 ** 2) / 2, 6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the Euclidean head is ||z_i - z_j|| and finite for duplicates', () => {
    const before = tf.memory().numTensors;
    const encoder = new SiameseEncoder({ inputDim: 2, hidden: [4], embeddingDim: 2, init: 'pytorchUniform', distanceHead: 'euclidean' }, new Rng(1));
    const d = tf.tidy(() => Array.from(encoder.pairDistance(tf.tensor2d([[0, 0], [1, 1]]), tf.tensor2d([[3, 4], [1, 1]])).dataSync()));
    expect(d[0]).toBeCloseTo(5, 5);
    expect(d[1]).toBeCloseTo(1e-6, 6);
    // the gradient at a zero-distance pair is finite
    const grads = tf.tidy(() => {
      const g = tf.variableGrads(() => pairLoss(tf.tensor1d([0]), encoder.pairDistanceOfRows(Float32Array.of(1, 2), [0], [0])));
      return Object.values(g.grads).every((t) => Array.from(t.dataSync()).every(Number.isFinite));
    });
    expect(grads).toBe(true);
    encoder.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
