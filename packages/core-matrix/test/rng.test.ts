import { describe, expect, it } from 'vitest';
import { Rng, toRng } from '../src/index.js';

// The first three outputs for seed 42, recorded when the generator was written.
const STREAM_42 = [2495337865, 767679116, 2615429791];

describe('Rng', () => {
  it('rejects a missing or malformed seed with a CrowdError', () => {
    expect(() => new Rng(undefined as unknown as number)).toThrow(/a seed must be a safe integer or a string/);
    expect(() => new Rng(1.5)).toThrow(/safe integer/);
  });

  it('is a fixed stream: these values must not change between releases', () => {
    const r = new Rng(42);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual(STREAM_42);
  });

  it('gives the same output for the same seed and different output for another', () => {
    const a = new Rng('seed');
    const b = new Rng('seed');
    const c = new Rng('seeds');
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xs);
    expect(new Rng(1).nextUint32()).not.toBe(new Rng(2).nextUint32());
  });

  it('labelled forks do not depend on what the parent drew', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    b.uniform();
    b.normal();
    expect(a.fork('init').nextUint32()).toBe(b.fork('init').nextUint32());
    expect(a.fork('init').nextUint32()).not.toBe(a.fork('shuffle').nextUint32());
    // unlabelled forks consume the parent
    const c = new Rng(7);
    const f1 = c.fork().nextUint32();
    const f2 = c.fork().nextUint32();
    expect(f1).not.toBe(f2);
  });

  it('fillUniform gives the values of as many uniform() calls, and leaves the stream where they would', () => {
    const a = new Rng('fill');
    const b = new Rng('fill');
    const bulk = a.fillUniform(new Float64Array(1001));
    expect(Array.from(bulk)).toEqual(Array.from({ length: 1001 }, () => b.uniform()));
    expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('draws uniforms in [0, 1) with the right mean', () => {
    const r = new Rng(3);
    let sum = 0;
    const n = 100_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      if (u < 0 || u >= 1) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    // sd of the mean is sqrt(1/12/n) ~ 0.0009; 5 sd
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.0046);
  });

  it('draws integers without bias', () => {
    const r = new Rng(4);
    const counts = new Array(3).fill(0);
    const n = 30_000;
    for (let i = 0; i < n; i++) counts[r.int(3)]++;
    for (const c of counts) expect(Math.abs(c / n - 1 / 3)).toBeLessThan(0.014); // 5 sd
    expect(() => r.int(0)).toThrow(/bound/);
  });

  it('draws normals with the right mean and sd', () => {
    const r = new Rng(5);
    const n = 50_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal(2, 3);
      s += z;
      s2 += z * z;
    }
    const mean = s / n;
    const sd = Math.sqrt(s2 / n - mean * mean);
    expect(Math.abs(mean - 2)).toBeLessThan(0.07); // 5 * 3 / sqrt(n)
    expect(Math.abs(sd - 3)).toBeLessThan(0.05);
  });

  it('shuffles into a permutation and samples distinct values', () => {
    const r = new Rng(6);
    const p = r.permutation(50);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    for (const [n, k] of [
      [1000, 10],
      [20, 15],
      [5, 5],
      [5, 0],
    ] as const) {
      const s = r.sample(n, k);
      expect(s.length).toBe(k);
      expect(new Set(s).size).toBe(k);
      expect(Array.from(s).every((x) => x >= 0 && x < n)).toBe(true);
    }
    expect(() => r.sample(3, 4)).toThrow(/cannot sample/);
  });

  it('sparse sampling is uniform over the population', () => {
    const r = new Rng(9);
    const hits = new Array(100).fill(0);
    for (let t = 0; t < 4000; t++) for (const x of r.sample(100, 5)) hits[x]++;
    // each value is drawn with p = 0.05 per trial: mean 200, sd ~13.8
    for (const h of hits) expect(Math.abs(h - 200)).toBeLessThan(70);
  });

  it('weighted choice follows the weights', () => {
    const r = new Rng(8);
    const counts = [0, 0, 0];
    const n = 40_000;
    for (let i = 0; i < n; i++) counts[r.weightedChoice([1, 0, 3])]!++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[2]! / n - 0.75)).toBeLessThan(0.011);
    expect(() => r.weightedChoice([0, 0])).toThrow(/all zero/);
    expect(() => r.weightedChoice([1, -1])).toThrow(/non-negative/);
  });

  it('toRng passes generators through and seeds new ones', () => {
    const r = new Rng(1);
    expect(toRng(r)).toBe(r);
    expect(toRng(1).nextUint32()).toBe(new Rng(1).nextUint32());
  });
});
