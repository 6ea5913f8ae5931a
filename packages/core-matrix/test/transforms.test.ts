import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalOrder,
  canonicalRows,
  emptyCells,
  originalOrder,
  capLabelsPerItem,
  CrowdLabels,
  GoldLabels,
  goldClassCounts,
  labelsPerItem,
  largestRemainder,
  longTailSubsample,
  mergeCompleted,
  Origin,
  removeLabels,
  Rng,
  subsetItems,
  subsetWorkers,
  trainTestSplit,
} from '../src/index.js';
import { smallMatrix } from './fixtures.js';

/** A random matrix for property tests: each cell labelled with probability p. */
function randomMatrix(seed: number, N: number, R: number, K: number, p: number): CrowdLabels {
  const rng = new Rng(seed);
  const item: number[] = [];
  const worker: number[] = [];
  const label: number[] = [];
  for (let i = 0; i < N; i++)
    for (let r = 0; r < R; r++)
      if (rng.bernoulli(p)) {
        item.push(i);
        worker.push(r);
        label.push(rng.int(K));
      }
  return CrowdLabels.fromArrays(
    { item: Int32Array.from(item), worker: Int32Array.from(worker), label: Int32Array.from(label) },
    { numItems: N, numWorkers: R, numClasses: K },
  );
}

const matrixArb = fc
  .record({ seed: fc.integer(), N: fc.integer({ min: 1, max: 30 }), R: fc.integer({ min: 1, max: 8 }), p: fc.double({ min: 0.05, max: 1, noNaN: true }) })
  .map(({ seed, N, R, p }) => randomMatrix(seed, N, R, 3, p));

describe('removeLabels', () => {
  it('removes round(p * labels) when that leaves every item a label', () => {
    const l = randomMatrix(1, 50, 10, 3, 0.5);
    const out = removeLabels(l, { fraction: 0.3, seed: 1 });
    expect(out.numLabels).toBe(l.numLabels - Math.round(0.3 * l.numLabels));
  });

  it('keeps exactly one label per labelled item when p = 1', () => {
    const { labels } = smallMatrix();
    const out = removeLabels(labels, { fraction: 1, seed: 3 });
    expect(Array.from(labelsPerItem(out))).toEqual([1, 1, 1, 0]);
  });

  it('with keepOnePerItem false, removes exactly round(p * labels), down to none', () => {
    const { labels } = smallMatrix();
    expect(removeLabels(labels, { fraction: 1, seed: 3, keepOnePerItem: false }).numLabels).toBe(0);
    const l = randomMatrix(2, 40, 8, 3, 0.3);
    expect(removeLabels(l, { fraction: 0.8, seed: 2, keepOnePerItem: false }).numLabels).toBe(l.numLabels - Math.round(0.8 * l.numLabels));
  });

  it('never removes an item\'s last label, and keeps only original labels', () => {
    fc.assert(
      fc.property(matrixArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer(), (l, fraction, seed) => {
        const out = removeLabels(l, { fraction, seed });
        const before = labelsPerItem(l);
        const after = labelsPerItem(out);
        for (let i = 0; i < l.numItems; i++) {
          if ((before[i] as number) > 0) expect(after[i] as number).toBeGreaterThanOrEqual(1);
          expect(after[i] as number).toBeLessThanOrEqual(before[i] as number);
        }
        for (let e = 0; e < out.numLabels; e++) {
          const f = l.findLabel(out.item[e] as number, out.worker[e] as number);
          expect(l.label[f]).toBe(out.label[e]);
        }
      }),
    );
  });

  it('is deterministic for a seed', () => {
    const l = randomMatrix(2, 40, 6, 3, 0.5);
    const a = removeLabels(l, { fraction: 0.4, seed: 9 });
    const b = removeLabels(l, { fraction: 0.4, seed: 9 });
    expect(Array.from(a.worker)).toEqual(Array.from(b.worker));
    expect(() => removeLabels(l, { fraction: 1.5, seed: 1 })).toThrow(/fraction is out of range/);
  });
});

describe('capLabelsPerItem', () => {
  it('caps redundancy and leaves smaller items alone', () => {
    const { labels } = smallMatrix();
    const out = capLabelsPerItem(labels, { max: 2, seed: 1 });
    expect(Array.from(labelsPerItem(out))).toEqual([2, 2, 1, 0]);
  });
});

describe('longTailSubsample', () => {
  it('keeps floor(n_max * ratio^(-k/(K-1))) items per class', () => {
    // 3 classes with 100, 60 and 30 gold items; ratio 4: n = [n_max, n_max/2, n_max/4].
    const y = [...Array(100).fill(0), ...Array(60).fill(1), ...Array(30).fill(2)];
    const N = y.length;
    const labels = CrowdLabels.fromArrays(
      { item: Int32Array.from(y.keys()), worker: new Int32Array(N), label: Int32Array.from(y) },
      { numItems: N, numWorkers: 1, numClasses: 3 },
    );
    const gold = GoldLabels.fromArray(y, 3);
    const out = longTailSubsample(labels, gold, { ratio: 4, seed: 1 });
    // n_max = min(100, 60 * 2, 30 * 4) = 100
    expect(Array.from(out.classCounts)).toEqual([100, 50, 25]);
    expect(Array.from(goldClassCounts(out.gold))).toEqual([100, 50, 25]);
    expect(out.labels.numItems).toBe(175);
    // labels follow their items
    for (let j = 0; j < out.items.length; j++) expect(out.labels.label[j]).toBe(y[out.items[j] as number]);
    // ratio 2: n_max = min(100, 60 * sqrt 2, 30 * 2) = 60
    expect(Array.from(longTailSubsample(labels, gold, { ratio: 2, seed: 1 }).classCounts)).toEqual([60, 42, 30]);
  });

  it('frequency order makes the largest class the head', () => {
    const y = [...Array(30).fill(0), ...Array(60).fill(1), ...Array(100).fill(2)];
    const labels = CrowdLabels.fromArrays(
      { item: Int32Array.from(y.keys()), worker: new Int32Array(y.length), label: Int32Array.from(y) },
      { numItems: y.length, numWorkers: 1, numClasses: 3 },
    );
    const gold = GoldLabels.fromArray(y, 3);
    // index order, class 0 is the head: n_max = min(30, 60 * sqrt 2, 100 * 2) = 30
    expect(Array.from(longTailSubsample(labels, gold, { ratio: 2, seed: 1 }).classCounts)).toEqual([30, 21, 15]);
    // frequency order, class 2 is the head: n_max = min(100, 60 * sqrt 2, 30 * 2) = 60
    const byFreq = longTailSubsample(labels, gold, { ratio: 2, seed: 1, classOrder: 'frequency' });
    expect(Array.from(byFreq.classCounts)).toEqual([30, 42, 60]);
  });
});

describe('trainTestSplit', () => {
  it('partitions items with the requested test size', () => {
    const s = trainTestSplit(10, { testFraction: 0.3, seed: 1 });
    expect(s.test.length).toBe(3);
    expect([...s.train, ...s.test].sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
  });

  it('stratifies by gold class', () => {
    const y = [...Array(20).fill(0), ...Array(10).fill(1)];
    const s = trainTestSplit(30, { testFraction: 0.5, seed: 2, stratify: GoldLabels.fromArray(y, 2) });
    expect(Array.from(s.test).filter((i) => y[i] === 0).length).toBe(10);
    expect(Array.from(s.test).filter((i) => y[i] === 1).length).toBe(5);
  });

  it('largest remainder quotas sum to the total', () => {
    expect(largestRemainder([1.5, 1.5, 1], 4)).toEqual([2, 1, 1]);
    expect(largestRemainder([0.2, 0.7, 0.1], 1)).toEqual([0, 1, 0]);
  });
});

describe('subsets', () => {
  const { labels, gold } = smallMatrix();

  it('subsetItems renumbers items in the given order', () => {
    const out = subsetItems(labels, [2, 0]);
    expect(out.numItems).toBe(2);
    expect(out.items.ids()).toEqual([2, 0]);
    expect(Array.from(out.item)).toEqual([0, 1, 1, 1]);
    expect(Array.from(out.label)).toEqual([1, 0, 0, 1]);
    expect(gold.subset([2, 0]).get(0)).toBe(1);
    expect(() => subsetItems(labels, [0, 0])).toThrow(/listed twice/);
  });

  it('subsetWorkers keeps only the listed workers', () => {
    const out = subsetWorkers(labels, [2]);
    expect(out.numWorkers).toBe(1);
    expect(Array.from(out.item)).toEqual([0, 2]);
    expect(out.workers.ids()).toEqual([2]);
  });
});

describe('mergeCompleted', () => {
  it('adds completed cells, skips labelled ones, never changes an observed label', () => {
    const { labels } = smallMatrix();
    const r = mergeCompleted(labels, {
      item: Int32Array.of(0, 3),
      worker: Int32Array.of(0, 1),
      label: Int32Array.of(1, 0),
    });
    expect(r.added).toBe(1);
    expect(r.skipped).toBe(1);
    expect(r.labels.label[r.labels.findLabel(0, 0)]).toBe(0);
    const e = r.labels.findLabel(3, 1);
    expect(r.labels.originOf(e)).toBe(Origin.Completed);
    expect(r.labels.numCompleted).toBe(1);
  });

  it('rejects two proposals for one empty cell', () => {
    const { labels } = smallMatrix();
    expect(() =>
      mergeCompleted(labels, { item: Int32Array.of(3, 3), worker: Int32Array.of(0, 0), label: Int32Array.of(0, 1) }),
    ).toThrow(expect.objectContaining({ code: 'DUPLICATE_LABEL' }));
  });

  it('property: observed labels survive any merge, every added label is completed', () => {
    fc.assert(
      fc.property(matrixArb, fc.integer(), (l, seed) => {
        const rng = new Rng(seed);
        const cells = new Map<number, number>();
        for (let t = 0; t < 20; t++) cells.set(rng.int(l.numItems) * l.numWorkers + rng.int(l.numWorkers), rng.int(3));
        const keys = [...cells.keys()];
        const r = mergeCompleted(l, {
          item: Int32Array.from(keys, (k) => Math.floor(k / l.numWorkers)),
          worker: Int32Array.from(keys, (k) => k % l.numWorkers),
          label: Int32Array.from(keys, (k) => cells.get(k) as number),
        });
        for (let e = 0; e < l.numLabels; e++) {
          const f = r.labels.findLabel(l.item[e] as number, l.worker[e] as number);
          expect(r.labels.label[f]).toBe(l.label[e]);
          expect(r.labels.originOf(f)).toBe(Origin.Observed);
        }
        expect(r.labels.numCompleted).toBe(r.added);
        expect(r.labels.numLabels).toBe(l.numLabels + r.added);
      }),
    );
  });
});

describe('emptyCells', () => {
  it('lists the unlabelled (item, worker) cells item by item, of seen workers unless asked for all', () => {
    // 3 items, 4 workers; worker 3 labels nothing; item 2 has no label
    const labels = CrowdLabels.fromArrays({ item: Int32Array.from([0, 0, 1]), worker: Int32Array.from([0, 2, 1]), label: Int32Array.from([1, 0, 1]) }, { numItems: 3, numWorkers: 4 });
    const seen = emptyCells(labels);
    expect(Array.from(seen.item)).toEqual([0, 1, 1, 2, 2, 2]);
    expect(Array.from(seen.worker)).toEqual([1, 0, 2, 0, 1, 2]);
    const all = emptyCells(labels, { includeUnseenWorkers: true });
    expect(Array.from(all.item)).toEqual([0, 0, 1, 1, 1, 2, 2, 2, 2]);
    expect(Array.from(all.worker)).toEqual([1, 3, 0, 2, 3, 0, 1, 2, 3]);
  });
});

describe('canonicalOrder', () => {
  it('numbers items and workers by id, keeps the labels, and maps every row back', () => {
    // rows in file order: items b, a; workers w2, w1
    const labels = CrowdLabels.fromObservations([
      { item: 'b', worker: 'w2', label: 1 },
      { item: 'a', worker: 'w2', label: 0 },
      { item: 'b', worker: 'w1', label: 0 },
    ]);
    const order = canonicalOrder(labels);
    expect(order.identity).toBe(false);
    expect(order.labels.items.ids()).toEqual(['a', 'b']);
    expect(order.labels.workers.ids()).toEqual(['w1', 'w2']);
    expect(Array.from(order.itemOf)).toEqual([1, 0]);
    expect(Array.from(order.workerOf)).toEqual([1, 0]);
    // canonical labels: (a,w2), (b,w1), (b,w2)
    expect(Array.from(order.labels.item)).toEqual([0, 1, 1]);
    expect(Array.from(order.labels.worker)).toEqual([1, 0, 1]);
    for (let c = 0; c < 3; c++) expect(order.labels.classes.idOf(order.labels.label[c]!)).toBe(labels.classes.idOf(labels.label[order.labelOf[c]!]!));
    const perItem = Float64Array.from([10, 11, 20, 21]); // canonical a, b with two columns
    expect(Array.from(originalOrder(perItem, order.itemOf))).toEqual([20, 21, 10, 11]);
    expect(Array.from(canonicalRows(originalOrder(perItem, order.itemOf), order.itemOf))).toEqual([10, 11, 20, 21]);
  });

  it('returns sorted input as it is; numbers sort by value, before strings', () => {
    const sorted = CrowdLabels.fromObservations([{ item: 2, worker: 'x', label: 0 }, { item: 10, worker: 'y', label: 1 }]);
    const order = canonicalOrder(sorted);
    expect(order.identity).toBe(true);
    expect(order.labels).toBe(sorted);
  });
});
