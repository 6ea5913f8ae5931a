import { CrowdLabels } from '../crowd-labels.js';
import { CrowdError } from '../errors.js';
import { Int32Builder } from '../int32-builder.js';

/**
 * The labels of the given items, renumbered `0..items.length-1` in the given
 * order (item ids follow). Workers and classes are unchanged. Pair with
 * `GoldLabels.subset` and `Features.selectRows` using the same list.
 */
export function subsetItems(labels: CrowdLabels, items: ArrayLike<number>): CrowdLabels {
  const newIndex = inverseIndex(items, labels.numItems, 'item');
  const item = new Int32Builder();
  const worker = new Int32Builder();
  const label = new Int32Builder();
  const origin = new Int32Builder();
  for (let j = 0; j < items.length; j++) {
    const i = items[j] as number;
    for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) {
      item.push(newIndex[i] as number);
      worker.push(labels.worker[e] as number);
      label.push(labels.label[e] as number);
      origin.push(labels.originOf(e));
    }
  }
  return CrowdLabels.fromArrays(
    { item: item.finish(), worker: worker.finish(), label: label.finish(), origin: Uint8Array.from(origin.finish()) },
    {
      numItems: items.length,
      numWorkers: labels.numWorkers,
      numClasses: labels.numClasses,
      itemIds: labels.items.subset(items),
      workerIds: labels.workers,
      classIds: labels.classes,
    },
  );
}

/**
 * The labels of the given workers, renumbered `0..workers.length-1` in the
 * given order (worker ids follow). Items and classes are unchanged.
 */
export function subsetWorkers(labels: CrowdLabels, workers: ArrayLike<number>): CrowdLabels {
  const newIndex = inverseIndex(workers, labels.numWorkers, 'worker');
  const item = new Int32Builder();
  const worker = new Int32Builder();
  const label = new Int32Builder();
  const origin = new Int32Builder();
  for (let e = 0; e < labels.numLabels; e++) {
    const r = newIndex[labels.worker[e] as number] as number;
    if (r < 0) continue;
    item.push(labels.item[e] as number);
    worker.push(r);
    label.push(labels.label[e] as number);
    origin.push(labels.originOf(e));
  }
  return CrowdLabels.fromArrays(
    { item: item.finish(), worker: worker.finish(), label: label.finish(), origin: Uint8Array.from(origin.finish()) },
    {
      numItems: labels.numItems,
      numWorkers: workers.length,
      numClasses: labels.numClasses,
      itemIds: labels.items,
      workerIds: labels.workers.subset(workers),
      classIds: labels.classes,
    },
  );
}

/** old index -> position in `list`, -1 when absent; rejects out-of-range and repeated entries. */
function inverseIndex(list: ArrayLike<number>, size: number, what: string): Int32Array {
  const inverse = new Int32Array(size).fill(-1);
  for (let j = 0; j < list.length; j++) {
    const x = list[j] as number;
    if (!Number.isInteger(x) || x < 0 || x >= size) {
      throw new CrowdError('INDEX_OUT_OF_RANGE', `${what} index out of range at position ${j}`, {
        expected: `an integer in [0, ${size - 1}]`,
        found: String(x),
      });
    }
    if ((inverse[x] as number) >= 0) {
      throw new CrowdError('INVALID_ARGUMENT', `${what} ${x} is listed twice`, {
        found: `positions ${inverse[x]} and ${j}`,
      });
    }
    inverse[x] = j;
  }
  return inverse;
}
