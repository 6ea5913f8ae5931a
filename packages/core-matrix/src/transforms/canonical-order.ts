import { CrowdLabels } from '../crowd-labels.js';
import { IdMap, type ExternalId } from '../id-map.js';

/** A label matrix renumbered into an order that does not depend on the order its rows were read in. */
export interface CanonicalOrder {
  /** The same labels, items and workers numbered in the order of their ids. */
  labels: CrowdLabels;
  /** `itemOf[c]`: the original index of canonical item c. */
  itemOf: Int32Array;
  /** `workerOf[c]`: the original index of canonical worker c. */
  workerOf: Int32Array;
  /** `labelOf[c]`: the original position of canonical label c. */
  labelOf: Int32Array;
  /** Whether the input was already in canonical order (then `labels` is the input itself). */
  identity: boolean;
}

/** Numbers before strings, numbers by value, strings by UTF-16 code units: a total order on ids. */
function compareIds(a: ExternalId, b: ExternalId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The indices of `ids` sorted by id; undefined when they already are. */
function sortedIndices(ids: IdMap, n: number): Int32Array | undefined {
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (compareIds(ids.idOf(i - 1), ids.idOf(i)) > 0) sorted = false;
  if (sorted) return undefined;
  const all = ids.ids();
  return Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => compareIds(all[a] as ExternalId, all[b] as ExternalId));
}

function inverse(order: Int32Array): Int32Array {
  const rank = new Int32Array(order.length);
  order.forEach((original, c) => (rank[original] = c));
  return rank;
}

/**
 * The labels with items and workers renumbered by id, so that a method whose
 * arithmetic or random draws follow the index order (a seeded start per
 * worker, a search over the labels in order, sums that stop at a loose
 * tolerance) gives the same result for any row order of the same file.
 * Classes keep their order (readers already sort them). Costs a sort of the
 * ids and of the labels; an input already in order is returned as it is.
 */
export function canonicalOrder(labels: CrowdLabels): CanonicalOrder {
  const byItem = sortedIndices(labels.items, labels.numItems);
  const byWorker = sortedIndices(labels.workers, labels.numWorkers);
  const E = labels.numLabels;
  if (byItem === undefined && byWorker === undefined) {
    const identity = (n: number) => Int32Array.from({ length: n }, (_, j) => j);
    return { labels, itemOf: identity(labels.numItems), workerOf: identity(labels.numWorkers), labelOf: identity(E), identity: true };
  }
  const itemOf = byItem ?? Int32Array.from({ length: labels.numItems }, (_, i) => i);
  const workerOf = byWorker ?? Int32Array.from({ length: labels.numWorkers }, (_, r) => r);
  const itemRank = inverse(itemOf);
  const workerRank = inverse(workerOf);
  // the labels sorted by (canonical item, canonical worker): the layout CrowdLabels keeps
  const labelOf = Int32Array.from({ length: E }, (_, e) => e).sort((a, b) => {
    const d = (itemRank[labels.item[a] as number] as number) - (itemRank[labels.item[b] as number] as number);
    return d !== 0 ? d : (workerRank[labels.worker[a] as number] as number) - (workerRank[labels.worker[b] as number] as number);
  });
  const origin = labels.origin;
  const canonical = CrowdLabels.fromArrays(
    {
      item: Int32Array.from(labelOf, (e) => itemRank[labels.item[e] as number] as number),
      worker: Int32Array.from(labelOf, (e) => workerRank[labels.worker[e] as number] as number),
      label: Int32Array.from(labelOf, (e) => labels.label[e] as number),
      ...(origin !== null ? { origin: Uint8Array.from(labelOf, (e) => origin[e] as number) } : {}),
    },
    {
      numItems: labels.numItems,
      numWorkers: labels.numWorkers,
      numClasses: labels.numClasses,
      itemIds: IdMap.fromIds(Array.from(itemOf, (i) => labels.items.idOf(i))),
      workerIds: IdMap.fromIds(Array.from(workerOf, (r) => labels.workers.idOf(r))),
      classIds: labels.classes,
    },
  );
  return { labels: canonical, itemOf, workerOf, labelOf, identity: false };
}

/**
 * Rows of a per-item, per-worker or per-label array computed in canonical
 * order, put back in the original order: `out[of[c] * width + j] = values[c * width + j]`.
 */
export function originalOrder<T extends Float64Array | Int32Array | Float32Array>(values: T, of: Int32Array): T {
  const width = of.length === 0 ? 0 : values.length / of.length;
  const out = new (values.constructor as new (n: number) => T)(values.length);
  for (let c = 0; c < of.length; c++) out.set(values.subarray(c * width, (c + 1) * width), (of[c] as number) * width);
  return out;
}

/** The inverse of {@link originalOrder}: rows in the original order renumbered to the canonical one (a per-item start, say). */
export function canonicalRows<T extends Float64Array | Int32Array | Float32Array>(values: T, of: Int32Array): T {
  const width = of.length === 0 ? 0 : values.length / of.length;
  const out = new (values.constructor as new (n: number) => T)(values.length);
  for (let c = 0; c < of.length; c++) out.set(values.subarray((of[c] as number) * width, ((of[c] as number) + 1) * width), c * width);
  return out;
}
