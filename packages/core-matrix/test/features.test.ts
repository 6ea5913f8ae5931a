import { describe, expect, it } from 'vitest';
import { columnStats, CrowdError, encodeFeatures, Features, IdMap, standardize } from '../src/index.js';

describe('Features', () => {
  const f = new Features(Float32Array.of(1, 10, 3, 10, 5, 10), 3, 2, ['a', 'b']);

  it('gives rows and values', () => {
    expect(Array.from(f.row(1))).toEqual([3, 10]);
    expect(f.get(2, 0)).toBe(5);
    expect(Array.from(f.selectRows([2, 0]).data)).toEqual([5, 10, 1, 10]);
  });

  it('rejects a data length that does not fit the shape', () => {
    expect(() => new Features(new Float32Array(5), 3, 2)).toThrow(/expected 3 x 2 = 6 values, found 5/);
  });

  it('reports misalignment with the items', () => {
    try {
      f.assertAligned({ numItems: 4 }, 'x.npy');
      expect.unreachable();
    } catch (e) {
      expect((e as CrowdError).code).toBe('FEATURES_MISALIGNED');
      expect((e as CrowdError).message).toBe('x.npy: features do not line up with the items; expected 4 rows (one per item), found 3 rows');
    }
  });

  it('standardises with statistics from chosen rows; a constant column is only centred', () => {
    const { features, stats } = standardize(f);
    expect(Array.from(stats.mean)).toEqual([3, 10]);
    expect(stats.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(features.get(0, 0)).toBeCloseTo(-2 / Math.sqrt(8 / 3), 6);
    expect(features.get(0, 1)).toBe(0);
    const fromRows = columnStats(f, [0, 1]);
    expect(Array.from(fromRows.mean)).toEqual([2, 10]);
    expect(Array.from(fromRows.std)).toEqual([1, 0]);
    // applying training statistics to other data
    expect(standardize(f, { stats: fromRows }).features.get(2, 0)).toBe(3);
  });

  it('one-hot encodes nominal columns', () => {
    const e = encodeFeatures([
      { kind: 'numeric', name: 'age', values: [30, 40] },
      { kind: 'nominal', name: 'sex', values: ['m', 'f'] },
    ]);
    expect(e.columnNames).toEqual(['age', 'sex=f', 'sex=m']);
    expect(Array.from(e.data)).toEqual([30, 0, 1, 40, 1, 0]);
    expect(() => encodeFeatures([{ kind: 'numeric', name: 'x', values: [1, Number.NaN] }])).toThrow(/non-finite value in feature "x" at row 1/);
    expect(() => encodeFeatures([{ kind: 'nominal', name: 'c', values: ['z'], categories: ['a'] }])).toThrow(/unknown category/);
  });
});

describe('IdMap', () => {
  it('maps both ways and rejects duplicates', () => {
    const m = IdMap.fromIds(['x', 1, '1']);
    expect(m.indexOf('1')).toBe(2);
    expect(m.indexOf(1)).toBe(1);
    expect(m.indexOf('nope')).toBe(-1);
    expect(() => IdMap.fromIds(['a', 'a'])).toThrow(expect.objectContaining({ code: 'DUPLICATE_ID' }));
    expect(() => m.idOf(3)).toThrow(/no id at this index/);
  });

  it('identity maps allocate nothing and know their range', () => {
    const m = IdMap.identity(3);
    expect(m.isIdentity).toBe(true);
    expect(m.idOf(2)).toBe(2);
    expect(m.indexOf(3)).toBe(-1);
    expect(m.subset([2]).ids()).toEqual([2]);
  });
});
