import { CrowdError, tableOf, type CrowdLabels, type GoldLabels, type ResultTable } from '@crowdlearn/core-matrix';
import type { AggregationResult } from './types.js';
import { workerQuality } from './worker-quality.js';

/** Class names as column-name suffixes: `p_cat`, `c_cat_dog`. */
const className = (labels: CrowdLabels, k: number) => String(labels.classes.idOf(k));

/**
 * The inferred labels as a table: `item, label, confidence` (the posterior
 * of the chosen class), and with `proba` one `p_<class>` column per class.
 * What `crowdlearn aggregate --out [--proba]` writes, and the web app's
 * download.
 */
export function labelsTable(labels: CrowdLabels, result: Pick<AggregationResult, 'labels' | 'posteriors'>, proba = false): ResultTable {
  const K = labels.numClasses;
  const classes = Array.from({ length: K }, (_, k) => className(labels, k));
  const columns = ['item', 'label', 'confidence', ...(proba ? classes.map((c) => `p_${c}`) : [])];
  const row = (i: number) => {
    const k = result.labels[i] as number;
    const cells: (string | number)[] = [String(labels.items.idOf(i)), classes[k] as string, result.posteriors[i * K + k] as number];
    if (proba) for (let c = 0; c < K; c++) cells.push(result.posteriors[i * K + c] as number);
    return cells;
  };
  return { columns, size: result.labels.length, row };
}

/** The flattened `R x K x K` confusion matrices of a result, or undefined for a method without them. */
export function workerConfusions(result: AggregationResult, numWorkers: number, numClasses: number): Float64Array | undefined {
  const confusion = (result as { confusion?: unknown }).confusion;
  return confusion instanceof Float64Array && confusion.length === numWorkers * numClasses * numClasses ? confusion : undefined;
}

/** Options of {@link workersTable}. */
export interface WorkersTableOptions {
  /** Gold labels: adds each worker's labels on gold items and their accuracy. */
  gold?: GoldLabels;
  /** Adds the method's confusion matrix of each worker, flattened as `c_<true>_<given>` (a method without one is an error). */
  confusions?: boolean;
}

/**
 * The worker table: for each worker the labels given, the share that agree
 * with the inferred labels, the method's own quality estimate where it has
 * a worker model (named by its kind: accuracy, skill, ability, competence),
 * with gold the labels on gold items and their accuracy, and with
 * `confusions` the method's confusion matrix flattened as `c_<true>_<given>`.
 * What `crowdlearn aggregate --workers-out` writes.
 */
export function workersTable(labels: CrowdLabels, result: AggregationResult, options: WorkersTableOptions = {}): ResultTable {
  const { gold } = options;
  const R = labels.numWorkers;
  const K = labels.numClasses;
  const given = new Float64Array(R);
  const agree = new Float64Array(R);
  const onGold = new Float64Array(R);
  const rightOnGold = new Float64Array(R);
  const truth = new Int32Array(labels.numItems).fill(-1);
  if (gold !== undefined) for (let j = 0; j < gold.size; j++) truth[gold.items[j] as number] = gold.labels[j] as number;
  for (let e = 0; e < labels.numLabels; e++) {
    const w = labels.worker[e] as number;
    const i = labels.item[e] as number;
    const l = labels.label[e] as number;
    given[w]! += 1;
    if (result.labels[i] === l) agree[w]! += 1;
    const t = truth[i] as number;
    if (t >= 0) {
      onGold[w]! += 1;
      if (t === l) rightOnGold[w]! += 1;
    }
  }
  const quality = workerQuality(result, R, K);
  const confusion = options.confusions === true ? workerConfusions(result, R, K) : undefined;
  if (options.confusions === true && confusion === undefined) {
    throw new CrowdError('INVALID_ARGUMENT', `confusion columns need a method with a confusion matrix per worker; ${result.method} has none`, { expected: 'ds, one-coin-ds, zencrowd, hds or fds' });
  }
  const classes = Array.from({ length: K }, (_, k) => className(labels, k));
  const columns = [
    'worker',
    'labels',
    'agreement',
    ...(quality !== undefined ? [quality.kind] : []),
    ...(gold !== undefined ? ['gold_labels', 'gold_accuracy'] : []),
    ...(confusion !== undefined ? classes.flatMap((t) => classes.map((g) => `c_${t}_${g}`)) : []),
  ];
  const rows = Array.from({ length: R }, (_, w) => {
    const row: (string | number)[] = [String(labels.workers.idOf(w)), given[w] as number, given[w]! > 0 ? agree[w]! / given[w]! : Number.NaN];
    if (quality !== undefined) row.push(quality.values[w] as number);
    if (gold !== undefined) row.push(onGold[w] as number, onGold[w]! > 0 ? rightOnGold[w]! / onGold[w]! : Number.NaN);
    if (confusion !== undefined) for (let c = 0; c < K * K; c++) row.push(confusion[w * K * K + c] as number);
    return row;
  });
  return tableOf(columns, rows);
}
