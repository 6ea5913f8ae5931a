import { CrowdError, CrowdLabels, GoldLabels, IdMap, type Features } from '@crowdlearn/core-matrix';
import { DelimitedParser, parseDelimited } from './delimited-parser.js';

/** Options of {@link readRodriguesMatrix}. */
export interface RodriguesOptions {
  /** Gold file text: one class per line, row-aligned with `answers.txt`. */
  gold?: string;
  /** Features aligned with the rows (e.g. from `npyToFeatures`). */
  features?: Features;
  /** Number of classes (default: largest label or gold + 1). */
  numClasses?: number;
  /** Class names in index order (default: the indices). */
  classNames?: readonly string[];
  /** Drop worker columns with no label at all (the LabelMe BoVW file has 18). Default false. */
  dropEmptyWorkers?: boolean;
  /** Name used in error messages. Default `answers.txt`. */
  source?: string;
}

/** What {@link readRodriguesMatrix} returns. */
export interface RodriguesData {
  /** The labels; items are the rows 0..N-1, workers the columns (ids are the column indices). */
  labels: CrowdLabels;
  /** Gold, when a gold file was given. */
  gold?: GoldLabels;
  /** The features, checked against the rows. */
  features?: Features;
}

/**
 * Reads the label-matrix format of Rodrigues et al.'s datasets: `answers.txt`
 * is an items x workers whitespace-separated integer matrix where -1 means
 * "no label" and other values are class indices. The -1 sentinel never leaves
 * the reader.
 */
export function readRodriguesMatrix(answers: string, options: RodriguesOptions = {}): RodriguesData {
  const acc = new RodriguesAccumulator(options.source ?? 'answers.txt');
  const parser = new DelimitedParser('whitespace', options.source ?? 'answers.txt', acc.record);
  parser.push(answers);
  parser.end();
  return acc.finish(options);
}

/**
 * Accumulates the rows of a Rodrigues `answers.txt` (fed by a whitespace
 * {@link DelimitedParser}, whole or in chunks): the engine of
 * {@link readRodriguesMatrix} and of the streaming file reader.
 */
export class RodriguesAccumulator {
  readonly #source: string;
  readonly #item: number[] = [];
  readonly #worker: number[] = [];
  readonly #label: number[] = [];
  #rows = 0;
  #width = -1;
  #maxLabel = -1;

  constructor(source: string) {
    this.#source = source;
  }

  /** One row of the matrix: an item's answer (or -1) from each worker. */
  record = (fields: string[], line: number): void => {
    const source = this.#source;
    if (this.#width < 0) this.#width = fields.length;
    if (fields.length !== this.#width) {
      throw new CrowdError('PARSE_ERROR', 'rows differ in length', { source, line, expected: `${this.#width} columns`, found: String(fields.length) });
    }
    const i = this.#rows++;
    fields.forEach((f, r) => {
      const v = classIndex(f, true);
      if (v === undefined) {
        throw new CrowdError('PARSE_ERROR', 'not a class index or -1', { source, line, column: r + 1, expected: `a whole number from -1 to ${MAX_CLASS_INDEX}, in digits`, found: JSON.stringify(f) });
      }
      if (v >= 0) {
        this.#item.push(i);
        this.#worker.push(r);
        this.#label.push(v);
        if (v > this.#maxLabel) this.#maxLabel = v;
      }
    });
  };

  /** The labels of the rows read, with the gold and features of `options`. */
  finish(options: RodriguesOptions = {}): RodriguesData {
    const source = this.#source;
    const numRows = this.#rows;
    const width = Math.max(this.#width, 0);
    const item = this.#item;
    const worker = this.#worker;
    const label = this.#label;
    let maxLabel = this.#maxLabel;
    let goldValues: number[] | undefined;
    if (options.gold !== undefined) {
      const g = parseDelimited(options.gold, 'whitespace', 'gold');
      if (g.length !== numRows) {
        throw new CrowdError('SHAPE_MISMATCH', 'gold does not have one line per row of answers', {
          source: 'gold',
          expected: `${numRows} lines`,
          found: String(g.length),
        });
      }
      goldValues = g.map(({ fields, line }) => {
        const v = classIndex(fields[0] ?? '', false);
        if (v === undefined) throw new CrowdError('PARSE_ERROR', 'not a class index', { source: 'gold', line, expected: `a whole number from 0 to ${MAX_CLASS_INDEX}, in digits`, found: JSON.stringify(fields[0]) });
        maxLabel = Math.max(maxLabel, v);
        return v;
      });
    }
    const K = options.numClasses ?? options.classNames?.length ?? maxLabel + 1;
    let keepWorkers = Array.from({ length: width }, (_, r) => r);
    if (options.dropEmptyWorkers === true) {
      const used = new Set(worker);
      keepWorkers = keepWorkers.filter((r) => used.has(r));
    }
    const newIndex = new Int32Array(width).fill(-1);
    keepWorkers.forEach((r, j) => (newIndex[r] = j));
    const labels = CrowdLabels.fromArrays(
      { item: Int32Array.from(item), worker: Int32Array.from(worker, (r) => newIndex[r] as number), label: Int32Array.from(label) },
      {
        numItems: numRows,
        numWorkers: keepWorkers.length,
        numClasses: K,
        workerIds: IdMap.fromIds(keepWorkers),
        ...(options.classNames !== undefined ? { classIds: IdMap.fromIds(options.classNames) } : {}),
        source,
      },
    );
    const out: RodriguesData = { labels };
    if (goldValues !== undefined) out.gold = GoldLabels.fromArray(goldValues, K);
    if (options.features !== undefined) {
      options.features.assertAligned(labels, 'features');
      out.features = options.features;
    }
    return out;
  }
}

/** The largest class index a matrix may hold (classes are stored as Int32). */
const MAX_CLASS_INDEX = 2 ** 31 - 1;

/**
 * A class index written in plain digits (`-1` for "no answer" where
 * allowed); anything else (`1e3`, `0x2`, `1.0`, an index beyond Int32) is
 * undefined, so it cannot be read as another class.
 */
function classIndex(text: string, allowMissing: boolean): number | undefined {
  if (!(allowMissing ? /^-?\d+$/ : /^\d+$/).test(text)) return undefined;
  const v = Number(text);
  return v >= (allowMissing ? -1 : 0) && v <= MAX_CLASS_INDEX ? v : undefined;
}
