import { CrowdError } from './errors.js';
import { IdMap, IdMapBuilder, type ExternalId } from './id-map.js';
import { rowLocator } from './internal/row-locator.js';

/** One multi-label answer: a worker gave an item a set of labels (tags). */
export interface MultiLabelObservation {
  /** The item's id. */
  item: ExternalId;
  /** The worker's id. */
  worker: ExternalId;
  /** The labels the worker chose for the item: at least one. */
  labels: readonly ExternalId[];
}

/** Options of {@link MultiLabelAnswers.fromObservations}. */
export interface MultiLabelAnswersOptions {
  /** The source, for errors (a file name). */
  source?: string;
  /** The line of row `r` in the source, for errors. */
  lineOfRow?: (row: number) => number;
}

/**
 * Multi-label crowd answers (each worker tags an item with a set of labels):
 * the input of BinaryRelevance, which aggregates each label as its own
 * yes/no question. Items, workers and labels are dense indices with their
 * ids; answer a's labels are `classes[offsets[a] .. offsets[a + 1])`.
 */
export class MultiLabelAnswers {
  /** Item ids by dense index. */
  readonly items: IdMap;
  /** Worker ids by dense index. */
  readonly workers: IdMap;
  /** Label ids by dense index, in order of first appearance. */
  readonly classes: IdMap;
  /** Per answer: the item. */
  readonly item: Int32Array;
  /** Per answer: the worker. */
  readonly worker: Int32Array;
  /** Answer a's labels are `labels[offsets[a] .. offsets[a + 1])`. */
  readonly offsets: Int32Array;
  /** The labels of every answer, concatenated. */
  readonly labels: Int32Array;

  private constructor(items: IdMap, workers: IdMap, classes: IdMap, item: Int32Array, worker: Int32Array, offsets: Int32Array, labels: Int32Array) {
    this.items = items;
    this.workers = workers;
    this.classes = classes;
    this.item = item;
    this.worker = worker;
    this.offsets = offsets;
    this.labels = labels;
  }

  /** Number of answers. */
  get numAnswers(): number {
    return this.item.length;
  }

  /**
   * Answers from rows. An empty label set, or a second answer by a worker to
   * an item, is an error naming the row (its line, with `lineOfRow`); a label
   * repeated within one answer counts once.
   */
  static fromObservations(observations: Iterable<MultiLabelObservation>, options: MultiLabelAnswersOptions = {}): MultiLabelAnswers {
    const source = options.source ?? 'observations';
    const where = rowLocator(source, options.lineOfRow);
    const items = new IdMapBuilder();
    const workers = new IdMapBuilder();
    const classes = new IdMapBuilder();
    const item: number[] = [];
    const worker: number[] = [];
    const offsets: number[] = [0];
    const labels: number[] = [];
    const seen = new Set<string>();
    for (const o of observations) {
      const row = item.length;
      if (o.labels.length === 0) throw new CrowdError('PARSE_ERROR', `an empty label set for item ${JSON.stringify(String(o.item))}`, { ...where(row), expected: 'at least one label per answer' });
      const key = `${String(o.item)}\u0000${String(o.worker)}`;
      if (seen.has(key)) throw new CrowdError('DUPLICATE_LABEL', `a second answer by worker ${JSON.stringify(String(o.worker))} to item ${JSON.stringify(String(o.item))}`, { ...where(row), expected: 'one answer per (item, worker)' });
      seen.add(key);
      item.push(items.intern(o.item));
      worker.push(workers.intern(o.worker));
      for (const k of new Set(o.labels.map((l) => classes.intern(l)))) labels.push(k);
      offsets.push(labels.length);
    }
    return new MultiLabelAnswers(items.build(), workers.build(), classes.build(), Int32Array.from(item), Int32Array.from(worker), Int32Array.from(offsets), Int32Array.from(labels));
  }
}
