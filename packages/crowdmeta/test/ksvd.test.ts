import { describe, expect, it } from 'vitest';
import { Features, Rng } from '@crowdlearn/core-matrix';
import { crowdMktRepresentation, crowdTruRepresentation, encode, learnDictionary, ompCode } from '../src/index.js';

describe('K-SVD and OMP (CrowdMKT, spec §4)', () => {
  it('OMP recovers a 2-sparse combination of orthonormal atoms exactly', () => {
    // 4 orthonormal atoms in 4-d (the standard basis, rotated)
    const s = Math.SQRT1_2;
    const atoms = Float64Array.from([s, s, 0, 0, s, -s, 0, 0, 0, 0, s, s, 0, 0, s, -s]);
    const y = [0, 0, 0, 0].map((_, c) => 3 * atoms[1 * 4 + c]! - 2 * atoms[2 * 4 + c]!);
    const code = ompCode(atoms, 4, 4, y, 0, 2);
    expect([...code.index].sort()).toEqual([1, 2]);
    expect(code.value[code.index.indexOf(1)]).toBeCloseTo(3, 10);
    expect(code.value[code.index.indexOf(2)]).toBeCloseTo(-2, 10);
    // a zero sample needs no atom
    expect(ompCode(atoms, 4, 4, [0, 0, 0, 0], 0, 2).index).toEqual([]);
  });

  it('K-SVD lowers the reconstruction error and finds a planted dictionary', () => {
    const rng = new Rng(3);
    const d = 8;
    const planted = Array.from({ length: 6 }, () => {
      const v = Array.from({ length: d }, () => rng.normal());
      const norm = Math.hypot(...v);
      return v.map((x) => x / norm);
    });
    const n = 300;
    const Y = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const [a, b] = rng.sample(6, 2);
      const [ca, cb] = [rng.uniform(1, 2), rng.uniform(-2, -1)];
      for (let c = 0; c < d; c++) Y[i * d + c] = ca * planted[a!]![c]! + cb * planted[b!]![c]! + 0.01 * rng.normal();
    }
    const dict = learnDictionary(Y, n, d, { atoms: 6, sparsity: 2, maxIterations: 100 });
    // from the singular-vector start K-SVD reaches a local optimum, not the planted one: the error halves at least,
    // and every planted atom has a learned atom close to it (random unit atoms in 8-d match at about 0.6-0.7)
    expect(dict.error.at(-1)!).toBeLessThan(0.5 * dict.error[0]!);
    const matches = planted.map((p) => Math.max(...Array.from({ length: 6 }, (_, j) => Math.abs(p.reduce((s, x, c) => s + x * dict.atoms[j * d + c]!, 0)))));
    expect(Math.min(...matches)).toBeGreaterThan(0.8);
    expect(matches.reduce((a, b) => a + b, 0) / 6).toBeGreaterThan(0.88);
    const codes = encode(dict, Y, n, 2);
    for (let i = 0; i < n; i++) expect(Array.from(codes.subarray(i * 6, (i + 1) * 6)).filter((x) => x !== 0).length).toBeLessThanOrEqual(2);
  });

  it('CrowdMKT codes the target on a dictionary of source and target; CrowdTrU on one of the source only; both deterministic', () => {
    const rng = new Rng(5);
    const source = new Features(Float32Array.from({ length: 40 * 24 }, () => rng.uniform()), 40, 24);
    const target = new Features(Float32Array.from({ length: 30 * 24 }, () => rng.uniform()), 30, 24);
    const mkt = crowdMktRepresentation(source, target, { maxIterations: 20 });
    expect(mkt.dim).toBe(20);
    expect(mkt.V.length).toBe(30 * 20);
    expect(Array.from(crowdMktRepresentation(source, target, { maxIterations: 20 }).V)).toEqual(Array.from(mkt.V));
    const tru = crowdTruRepresentation(source, target, { maxIterations: 20 });
    expect(Array.from(tru.V)).not.toEqual(Array.from(mkt.V));
    expect(() => crowdMktRepresentation(new Features(new Float32Array(10), 1, 10), target)).toThrow(/differ in width/);
  });
});
