import { CrowdError } from './errors.js';
import { IdMap, IdMapBuilder, type ExternalId } from './id-map.js';
import { rowLocator } from './internal/row-locator.js';

/** One numeric answer: an item, the worker who answered, and the number. */
export interface NumericObservation {
  /** The item's id. */
  item: ExternalId;
  /** The worker's id. */
  worker: ExternalId;
  /** The answer: a finite number, or a string that reads as one. */
  value: number | string;
}

/** Options of {@link NumericLabels.fromObservations}. */
export interface NumericLabelsOptions {
  /** The source, for errors (a file name). */
  source?: string;
  /** The line of row `r` in the source, for errors. */
  lineOfRow?: (row: number) => number;
}

/**
 * Numeric crowd answers (a temperature, a count, a price): the sibling of
 * `CrowdLabels` for the aggregators of continuous values (mean, median,
 * LFC_N, CATD, PM). Items and workers are dense indices with their external
 * ids; the answers are grouped by item (`itemOffsets`, like CrowdLabels'
 * canonical order), each with its worker and value. One answer per (item,
 * worker): a second is an error naming its row.
 */
export class NumericLabels {
  /** Number of items (rows of the answer matrix). */
  readonly numItems: number;
  /** Number of workers. */
  readonly numWorkers: number;
  /** Item ids by dense index. */
  readonly items: IdMap;
  /** Worker ids by dense index. */
  readonly workers: IdMap;
  /** Per answer, grouped by item: the item index. */
  readonly item: Int32Array;
  /** Per answer: the worker index. */
  readonly worker: Int32Array;
  /** Per answer: the value. */
  readonly value: Float64Array;
  /** Answers of item i are `[itemOffsets[i], itemOffsets[i + 1])`. */
  readonly itemOffsets: Int32Array;

  private constructor(items: IdMap, workers: IdMap, item: Int32Array, worker: Int32Array, value: Float64Array, itemOffsets: Int32Array) {
    this.items = items;
    this.workers = workers;
    this.numItems = items.size;
    this.numWorkers = workers.size;
    this.item = item;
    this.worker = worker;
    this.value = value;
    this.itemOffsets = itemOffsets;
  }

  /** Number of answers. */
  get numLabels(): number {
    return this.value.length;
  }

  /** Number of answers to item `i`. */
  itemDegree(i: number): number {
    return (this.itemOffsets[i + 1] as number) - (this.itemOffsets[i] as number);
  }

  /**
   * Numeric answers from (item, worker, value) rows, items and workers in
   * order of first appearance. A value that is not a finite number, or a
   * second answer by a worker to an item, is a PARSE_ERROR / DUPLICATE_LABEL
   * naming the row (its line, with `lineOfRow`).
   */
  static fromObservations(observations: Iterable<NumericObservation>, options: NumericLabelsOptions = {}): NumericLabels {
    const source = options.source ?? 'observations';
    const where = rowLocator(source, options.lineOfRow);
    const items = new IdMapBuilder();
    const workers = new IdMapBuilder();
    const rowItem: number[] = [];
    const rowWorker: number[] = [];
    const rowValue: number[] = [];
    for (const o of observations) {
      const row = rowValue.length;
      const v = typeof o.value === 'number' ? o.value : o.value.trim() === '' ? Number.NaN : Number(o.value);
      if (!Number.isFinite(v)) {
        throw new CrowdError('PARSE_ERROR', `answer ${JSON.stringify(o.value)} is not a number`, { ...where(row), expected: 'a finite number (numeric aggregators: mean, median, lfc-n, catd-n, pm-crh-n)', found: JSON.stringify(o.value) });
      }
      rowItem.push(items.intern(o.item));
      rowWorker.push(workers.intern(o.worker));
      rowValue.push(v);
    }
    const N = items.size;
    const R = workers.size;
    // group by item, keeping the rows' order within an item
    const itemOffsets = new Int32Array(N + 1);
    for (const i of rowItem) itemOffsets[i + 1]!++;
    for (let i = 0; i < N; i++) itemOffsets[i + 1]! += itemOffsets[i] as number;
    const next = itemOffsets.slice(0, N);
    const n = rowValue.length;
    const item = new Int32Array(n);
    const worker = new Int32Array(n);
    const value = new Float64Array(n);
    const seen = new Map<number, number>();
    for (let row = 0; row < n; row++) {
      const i = rowItem[row] as number;
      const r = rowWorker[row] as number;
      const key = i * R + r;
      const first = seen.get(key);
      if (first !== undefined) {
        throw new CrowdError('DUPLICATE_LABEL', `a second answer by worker ${JSON.stringify(String(workers.ids()[r]))} to item ${JSON.stringify(String(items.ids()[i]))}`, { ...where(row), expected: 'one answer per (item, worker)' });
      }
      seen.set(key, row);
      const e = next[i]!++;
      item[e] = i;
      worker[e] = r;
      value[e] = rowValue[row] as number;
    }
    return new NumericLabels(items.build(), workers.build(), item, worker, value, itemOffsets);
  }
}

/** True when `labels` holds numeric answers; a typed error naming `method` otherwise (a categorical label matrix given to a numeric aggregator). */
export function requireNumericLabels(method: string, labels: unknown): NumericLabels {
  if (labels instanceof NumericLabels) return labels;
  throw new CrowdError('INVALID_ARGUMENT', `${method} aggregates numeric answers`, { expected: 'NumericLabels (a numeric answer column)', found: 'categorical labels (CrowdLabels)' });
}
