import { Rng, type CrowdLabels } from '@crowdlearn/core-matrix';

/** Solves A x = b for a small dense r x r system (Gaussian elimination with partial pivoting), in place. */
function solve(a: Float64Array, b: Float64Array, r: number): Float64Array {
  for (let c = 0; c < r; c++) {
    let pivot = c;
    for (let row = c + 1; row < r; row++) if (Math.abs(a[row * r + c] as number) > Math.abs(a[pivot * r + c] as number)) pivot = row;
    if (pivot !== c) {
      for (let j = 0; j < r; j++) [a[c * r + j], a[pivot * r + j]] = [a[pivot * r + j] as number, a[c * r + j] as number];
      [b[c], b[pivot]] = [b[pivot] as number, b[c] as number];
    }
    const d = a[c * r + c] as number;
    if (d === 0) continue;
    for (let row = c + 1; row < r; row++) {
      const f = (a[row * r + c] as number) / d;
      if (f === 0) continue;
      for (let j = c; j < r; j++) a[row * r + j]! -= f * (a[c * r + j] as number);
      b[row]! -= f * (b[c] as number);
    }
  }
  const x = new Float64Array(r);
  for (let c = r - 1; c >= 0; c--) {
    let s = b[c] as number;
    for (let j = c + 1; j < r; j++) s -= (a[c * r + j] as number) * (x[j] as number);
    const d = a[c * r + c] as number;
    x[c] = d === 0 ? 0 : s / d;
  }
  return x;
}

/**
 * Item factors of the item x worker matrix of binary answers by alternating
 * least squares over the observed entries, as Spark's ALS fits them (rank
 * `rank`, the ridge penalty `lambda` scaled by each row's number of entries,
 * `iterations` sweeps, a seeded uniform start): row-major N x rank. What
 * CGLAD clusters the items on.
 */
export function binaryItemFactors(labels: CrowdLabels, rank: number, lambda: number, iterations: number, seed: number): Float64Array {
  const N = labels.numItems;
  const R = labels.numWorkers;
  const rng = new Rng(seed);
  const item = Float64Array.from({ length: N * rank }, () => rng.uniform(0, 1) / Math.sqrt(rank));
  const worker = Float64Array.from({ length: R * rank }, () => rng.uniform(0, 1) / Math.sqrt(rank));
  // the answers by worker, to update the worker factors
  const byWorker: number[][] = Array.from({ length: R }, () => []);
  for (let e = 0; e < labels.numLabels; e++) (byWorker[labels.worker[e] as number] as number[]).push(e);
  const a = new Float64Array(rank * rank);
  const b = new Float64Array(rank);
  const update = (target: Float64Array, row: number, entries: Iterable<number>, other: Float64Array, otherOf: (e: number) => number) => {
    a.fill(0);
    b.fill(0);
    let count = 0;
    for (const e of entries) {
      const o = otherOf(e) * rank;
      const y = labels.label[e] as number;
      for (let p = 0; p < rank; p++) {
        b[p]! += y * (other[o + p] as number);
        for (let q = 0; q < rank; q++) a[p * rank + q]! += (other[o + p] as number) * (other[o + q] as number);
      }
      count++;
    }
    if (count === 0) return;
    for (let p = 0; p < rank; p++) a[p * rank + p]! += lambda * count;
    target.set(solve(a, b, rank), row * rank);
  };
  const itemEntries = (i: number) => ({ *[Symbol.iterator]() { for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) yield e; } });
  for (let sweep = 0; sweep < iterations; sweep++) {
    for (let r = 0; r < R; r++) update(worker, r, byWorker[r] as number[], item, (e) => labels.item[e] as number);
    for (let i = 0; i < N; i++) update(item, i, itemEntries(i), worker, (e) => labels.worker[e] as number);
  }
  return item;
}
