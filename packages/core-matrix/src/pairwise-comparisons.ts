import { CrowdError } from './errors.js';
import { IdMap, IdMapBuilder, type ExternalId } from './id-map.js';
import { rowLocator } from './internal/row-locator.js';

/** One comparison: a worker saw `left` and `right` and chose `winner` (one of the two). */
export interface PairwiseObservation {
  /** The item shown first. */
  left: ExternalId;
  /** The item shown second. */
  right: ExternalId;
  /** The item the worker chose: `left` or `right`. */
  winner: ExternalId;
  /** The worker. */
  worker: ExternalId;
}

/** Options of {@link PairwiseComparisons.fromObservations}. */
export interface PairwiseComparisonsOptions {
  /** The source, for errors (a file name). */
  source?: string;
  /** The line of row `r` in the source, for errors. */
  lineOfRow?: (row: number) => number;
}

/**
 * Pairwise comparisons by a crowd (which of two items is better), the input
 * of Bradley-Terry and NoisyBT: items (every item that appears on either
 * side) and workers as dense indices with their external ids, and per
 * comparison the left and right items, whether the left one won, and the
 * worker.
 */
export class PairwiseComparisons {
  /** Item ids by dense index, in order of first appearance. */
  readonly items: IdMap;
  /** Worker ids by dense index. */
  readonly workers: IdMap;
  /** Per comparison: the left item. */
  readonly left: Int32Array;
  /** Per comparison: the right item. */
  readonly right: Int32Array;
  /** Per comparison: 1 when the left item won, 0 when the right one did. */
  readonly leftWins: Uint8Array;
  /** Per comparison: the worker. */
  readonly worker: Int32Array;

  private constructor(items: IdMap, workers: IdMap, left: Int32Array, right: Int32Array, leftWins: Uint8Array, worker: Int32Array) {
    this.items = items;
    this.workers = workers;
    this.left = left;
    this.right = right;
    this.leftWins = leftWins;
    this.worker = worker;
  }

  /** Number of items. */
  get numItems(): number {
    return this.items.size;
  }

  /** Number of workers. */
  get numWorkers(): number {
    return this.workers.size;
  }

  /** Number of comparisons. */
  get numComparisons(): number {
    return this.left.length;
  }

  /**
   * Comparisons from rows. An item compared with itself, or a winner that is
   * neither of the two, is a PARSE_ERROR naming the row (its line, with
   * `lineOfRow`).
   */
  static fromObservations(observations: Iterable<PairwiseObservation>, options: PairwiseComparisonsOptions = {}): PairwiseComparisons {
    const source = options.source ?? 'observations';
    const where = rowLocator(source, options.lineOfRow);
    const items = new IdMapBuilder();
    const workers = new IdMapBuilder();
    const left: number[] = [];
    const right: number[] = [];
    const leftWins: number[] = [];
    const worker: number[] = [];
    for (const o of observations) {
      const row = left.length;
      if (String(o.left) === String(o.right)) throw new CrowdError('PARSE_ERROR', `item ${JSON.stringify(String(o.left))} is compared with itself`, { ...where(row), expected: 'two different items' });
      if (String(o.winner) !== String(o.left) && String(o.winner) !== String(o.right)) {
        throw new CrowdError('PARSE_ERROR', `the winner ${JSON.stringify(String(o.winner))} is neither item compared`, { ...where(row), expected: `${JSON.stringify(String(o.left))} or ${JSON.stringify(String(o.right))}` });
      }
      left.push(items.intern(String(o.left)));
      right.push(items.intern(String(o.right)));
      leftWins.push(String(o.winner) === String(o.left) ? 1 : 0);
      worker.push(workers.intern(String(o.worker)));
    }
    return new PairwiseComparisons(items.build(), workers.build(), Int32Array.from(left), Int32Array.from(right), Uint8Array.from(leftWins), Int32Array.from(worker));
  }
}
