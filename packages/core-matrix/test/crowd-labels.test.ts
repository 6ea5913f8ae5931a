import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CrowdError, CrowdLabels, CrowdLabelsBuilder, Origin, type Observation } from '../src/index.js';

const obs = (item: string, worker: string, label: string | number): Observation => ({ item, worker, label });

describe('CrowdLabels.fromObservations', () => {
  const labels = CrowdLabels.fromObservations([
    obs('b', 'w2', 'cat'),
    obs('a', 'w1', 'dog'),
    obs('b', 'w1', 'dog'),
    obs('a', 'w2', 'cat'),
    obs('c', 'w1', 'cat'),
  ]);

  it('assigns items and workers in order of first appearance and sorts string classes', () => {
    expect(labels.items.ids()).toEqual(['b', 'a', 'c']);
    expect(labels.workers.ids()).toEqual(['w2', 'w1']);
    expect(labels.classes.ids()).toEqual(['cat', 'dog']);
    expect([labels.numItems, labels.numWorkers, labels.numClasses, labels.numLabels]).toEqual([3, 2, 2, 5]);
  });

  it('stores the columns in canonical (item, worker) order', () => {
    expect(Array.from(labels.item)).toEqual([0, 0, 1, 1, 2]);
    expect(Array.from(labels.worker)).toEqual([0, 1, 0, 1, 1]);
    expect(Array.from(labels.label)).toEqual([0, 1, 0, 1, 0]);
    expect(Array.from(labels.itemOffsets)).toEqual([0, 2, 4, 5]);
    expect(labels.origin).toBeNull();
  });

  it('builds the worker view in item order', () => {
    expect(Array.from(labels.workerOffsets)).toEqual([0, 2, 5]);
    expect(Array.from(labels.workerOrder)).toEqual([0, 2, 1, 3, 4]);
    expect(labels.workerDegree(1)).toBe(3);
  });

  it('finds cells and reports empty ones as -1', () => {
    expect(labels.findLabel(1, 1)).toBe(3);
    expect(labels.findLabel(2, 0)).toBe(-1);
  });

  it('sorts numeric class ids numerically', () => {
    const l = CrowdLabels.fromObservations([obs('x', 'u', 10), obs('y', 'u', 2), obs('z', 'u', 1)]);
    expect(l.classes.ids()).toEqual([1, 2, 10]);
    expect(Array.from(l.label)).toEqual([2, 1, 0]);
  });

  it('keeps given classes, items and workers even when unused', () => {
    const l = CrowdLabels.fromObservations([obs('a', 'w', 'no')], {
      classes: ['no', 'yes'],
      items: ['z', 'a'],
      workers: ['idle', 'w'],
    });
    expect(l.numClasses).toBe(2);
    expect(l.items.ids()).toEqual(['z', 'a']);
    expect(l.itemDegree(0)).toBe(0);
    expect(l.workerDegree(0)).toBe(0);
  });

  it('rejects an unknown class with the line', () => {
    const run = () =>
      CrowdLabels.fromObservations([obs('a', 'w', 'no'), obs('b', 'w', 'maybe')], {
        classes: ['no', 'yes'],
        source: 'l.csv',
        lineOfRow: (r) => r + 2,
      });
    expect(run).toThrow(CrowdError);
    try {
      run();
    } catch (e) {
      const err = e as CrowdError;
      expect(err.code).toBe('UNKNOWN_CLASS');
      expect(err.line).toBe(3);
      expect(err.message).toMatch(/^l\.csv:3: label "maybe"/);
      expect(err.message).toMatch(/expected one of \["no", "yes"\]/);
    }
  });

  it('reads origins', () => {
    const l = CrowdLabels.fromObservations([
      { item: 1, worker: 1, label: 0, origin: 'completed' },
      { item: 1, worker: 2, label: 1 },
    ]);
    expect(l.numCompleted).toBe(1);
    expect(l.originOf(0)).toBe(Origin.Completed);
    expect(l.originOf(1)).toBe(Origin.Observed);
    expect([...l.observations()][0]).toEqual({ item: 1, worker: 1, label: 0, origin: 'completed' });
  });
});

describe('duplicate cells', () => {
  const rows = [obs('a', 'w', 'x'), obs('b', 'w', 'y'), obs('a', 'w', 'y')];

  it('are an error by default, naming both lines', () => {
    try {
      CrowdLabels.fromObservations(rows, { source: 'd.csv', lineOfRow: (r) => r + 2 });
      expect.unreachable();
    } catch (e) {
      const err = e as CrowdError;
      expect(err.code).toBe('DUPLICATE_LABEL');
      expect(err.line).toBe(4);
      expect(err.message).toContain('worker "w" labels item "a" twice (line 2 and line 4)');
    }
  });

  it('keepFirst keeps the earlier row, keepLast the later', () => {
    const first = CrowdLabels.fromObservations(rows, { duplicatePolicy: 'keepFirst' });
    const last = CrowdLabels.fromObservations(rows, { duplicatePolicy: 'keepLast' });
    expect(first.numLabels).toBe(2);
    expect(first.classes.idOf(first.label[first.findLabel(0, 0)] as number)).toBe('x');
    expect(last.classes.idOf(last.label[last.findLabel(0, 0)] as number)).toBe('y');
  });
});

describe('CrowdLabels.fromArrays', () => {
  it('sorts unsorted columns and infers the shape', () => {
    const l = CrowdLabels.fromArrays({
      item: Int32Array.of(2, 0, 2, 0),
      worker: Int32Array.of(1, 1, 0, 0),
      label: Int32Array.of(3, 1, 2, 0),
    });
    expect([l.numItems, l.numWorkers, l.numClasses]).toEqual([3, 2, 4]);
    expect(Array.from(l.item)).toEqual([0, 0, 2, 2]);
    expect(Array.from(l.worker)).toEqual([0, 1, 0, 1]);
    expect(Array.from(l.label)).toEqual([0, 1, 2, 3]);
    expect(l.itemDegree(1)).toBe(0);
  });

  it('adopts columns already in canonical order without copying', () => {
    const item = Int32Array.of(0, 0, 1);
    const l = CrowdLabels.fromArrays({ item, worker: Int32Array.of(0, 1, 0), label: Int32Array.of(0, 0, 1) });
    expect(l.item).toBe(item);
    const copied = CrowdLabels.fromArrays(
      { item, worker: Int32Array.of(0, 1, 0), label: Int32Array.of(0, 0, 1) },
      { copy: true },
    );
    expect(copied.item).not.toBe(item);
  });

  it('rejects indices outside the shape and mismatched lengths', () => {
    const bad = () =>
      CrowdLabels.fromArrays({ item: Int32Array.of(0, 5), worker: Int32Array.of(0, 0), label: Int32Array.of(0, 0) }, { numItems: 3 });
    expect(bad).toThrow(/item index out of range in row 1; expected an integer in \[0, 2\], found 5/);
    const ragged = () => CrowdLabels.fromArrays({ item: Int32Array.of(0), worker: Int32Array.of(0, 1), label: Int32Array.of(0) });
    expect(ragged).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
  });

  it('drops an all-observed origin column to save memory', () => {
    const l = CrowdLabels.fromArrays({
      item: Int32Array.of(0),
      worker: Int32Array.of(0),
      label: Int32Array.of(0),
      origin: Uint8Array.of(0),
    });
    expect(l.origin).toBeNull();
  });
});

describe('properties', () => {
  const observations = fc
    .uniqueArray(
      fc.record({
        item: fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 20 })),
        worker: fc.oneof(fc.string({ maxLength: 2 }), fc.integer({ min: 0, max: 8 })),
        label: fc.constantFrom('a', 'b', 'c'),
      }),
      { selector: (o) => `${typeof o.item}:${o.item}|${typeof o.worker}:${o.worker}`, maxLength: 80 },
    );

  it('round-trips external ids: every observation is found again with its label', () => {
    fc.assert(
      fc.property(observations, (list) => {
        const l = CrowdLabels.fromObservations(list);
        expect(l.numLabels).toBe(list.length);
        for (const o of list) {
          const e = l.findLabel(l.items.indexOf(o.item), l.workers.indexOf(o.worker));
          expect(e).toBeGreaterThanOrEqual(0);
          expect(l.classes.idOf(l.label[e] as number)).toBe(o.label);
          expect(l.items.idOf(l.items.indexOf(o.item))).toBe(o.item);
        }
      }),
    );
  });

  it('item and worker views agree with the columns', () => {
    fc.assert(
      fc.property(observations, (list) => {
        const l = CrowdLabels.fromObservations(list);
        for (let i = 0; i < l.numItems; i++) {
          for (let e = l.itemOffsets[i] as number; e < (l.itemOffsets[i + 1] as number); e++) {
            expect(l.item[e]).toBe(i);
            if (e > (l.itemOffsets[i] as number)) expect(l.worker[e] as number).toBeGreaterThan(l.worker[e - 1] as number);
          }
        }
        const seen = new Uint8Array(l.numLabels);
        for (let r = 0; r < l.numWorkers; r++) {
          for (let p = l.workerOffsets[r] as number; p < (l.workerOffsets[r + 1] as number); p++) {
            const e = l.workerOrder[p] as number;
            expect(l.worker[e]).toBe(r);
            seen[e]!++;
          }
        }
        expect(seen.every((s) => s === 1)).toBe(true);
      }),
    );
  });
});

describe('construction against a naive reference', () => {
  const rowsArb = fc.array(
    fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 2 })),
    { maxLength: 60 },
  );

  it('keepFirst / keepLast agree with a Map over the input rows, in any input order', () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom('keepFirst' as const, 'keepLast' as const), (rows, policy) => {
        const expected = new Map<string, number>();
        for (const [i, r, k] of rows) {
          const key = `${i},${r}`;
          if (policy === 'keepLast' || !expected.has(key)) expected.set(key, k);
        }
        const l = CrowdLabels.fromArrays(
          {
            item: Int32Array.from(rows, (x) => x[0]),
            worker: Int32Array.from(rows, (x) => x[1]),
            label: Int32Array.from(rows, (x) => x[2]),
          },
          { numItems: 7, numWorkers: 5, numClasses: 3, duplicatePolicy: policy },
        );
        expect(l.numLabels).toBe(expected.size);
        for (const [key, k] of expected) {
          const [i, r] = key.split(',').map(Number) as [number, number];
          expect(l.label[l.findLabel(i, r)]).toBe(k);
        }
        expect(Array.from(l.itemOffsets)).toEqual(
          Array.from({ length: 8 }, (_, i) => [...expected.keys()].filter((c) => Number(c.split(',')[0]) < i).length),
        );
      }),
    );
  });
});

describe('CrowdLabelsBuilder', () => {
  it('sorts numeric-looking string classes numerically', () => {
    const b = new CrowdLabelsBuilder();
    b.add('i', 'a', '10');
    b.add('i', 'b', '2');
    b.add('j', 'a', '1');
    const l = b.build();
    expect(l.classes.ids()).toEqual(['1', '2', '10']);
    expect(b.length).toBe(3);
  });

  it('switches on the origin column at the first completed label', () => {
    const b = new CrowdLabelsBuilder();
    b.add('i', 'a', 'x');
    b.add('i', 'b', 'y', true);
    const l = b.build();
    expect(Array.from(l.origin ?? [])).toEqual([0, 1]);
  });
});
