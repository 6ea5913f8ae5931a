import { brand, hasBrand } from './brand.js';
import { CrowdError } from './errors.js';
import type { ExternalId } from './id-map.js';
import type { CrowdLabels } from './crowd-labels.js';

/** Options of {@link GoldLabels.fromObservations}. */
export interface GoldFromObservationsOptions {
  /** What to do with a gold item the label matrix does not know. Default `'error'`. */
  unknownItems?: 'error' | 'ignore';
  /** Name of the input, used in error messages. */
  source?: string;
  /** Maps a pair's position to its line in `source`, so errors name lines. */
  lineOfRow?: (row: number) => number;
}

const GOLD_LABELS_BRAND = brand('GoldLabels');

/**
 * The true class of the items that have one. Items without gold are simply
 * absent: `get(i)` returns `undefined` for them.
 *
 * Stored sparsely as `items` (ascending) and `labels`, with an O(1) lookup.
 */
export class GoldLabels {
  /** Recognised by every copy of core-matrix: `instanceof` holds across copies (two versions in one install). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, GOLD_LABELS_BRAND);
  }

  /** The mark every copy of core-matrix recognises. */
  readonly [GOLD_LABELS_BRAND] = true;

  /** Number of items of the dataset (with or without gold). */
  readonly numItems: number;
  /** Number of classes. */
  readonly numClasses: number;
  /** Items that have gold, ascending. */
  readonly items: Int32Array;
  /** Gold class of `items[j]`. */
  readonly labels: Int32Array;
  // Dense lookup; -1 marks "no gold" and never leaves this class.
  readonly #dense: Int32Array;

  private constructor(numItems: number, numClasses: number, dense: Int32Array) {
    this.numItems = numItems;
    this.numClasses = numClasses;
    this.#dense = dense;
    let count = 0;
    for (let i = 0; i < numItems; i++) if ((dense[i] as number) >= 0) count++;
    this.items = new Int32Array(count);
    this.labels = new Int32Array(count);
    let j = 0;
    for (let i = 0; i < numItems; i++) {
      const y = dense[i] as number;
      if (y >= 0) {
        this.items[j] = i;
        this.labels[j] = y;
        j++;
      }
    }
  }

  /** Gold for every item: `labels[i]` is item i's class. */
  static fromArray(labels: ArrayLike<number>, numClasses: number): GoldLabels {
    const items = Int32Array.from({ length: labels.length }, (_, i) => i);
    return GoldLabels.fromPairs(labels.length, numClasses, items, labels);
  }

  /** Gold for some items: `labels[j]` is the class of item `items[j]`. */
  static fromPairs(
    numItems: number,
    numClasses: number,
    items: ArrayLike<number>,
    labels: ArrayLike<number>,
    source = 'gold',
  ): GoldLabels {
    if (items.length !== labels.length) {
      throw new CrowdError('SHAPE_MISMATCH', 'gold items and labels differ in length', {
        source,
        found: `${items.length} items, ${labels.length} labels`,
      });
    }
    const dense = new Int32Array(numItems).fill(-1);
    for (let j = 0; j < items.length; j++) {
      const i = items[j] as number;
      const y = labels[j] as number;
      if (!Number.isInteger(i) || i < 0 || i >= numItems) {
        throw new CrowdError('INDEX_OUT_OF_RANGE', `gold item out of range at position ${j}`, {
          source,
          expected: `an integer in [0, ${numItems - 1}]`,
          found: String(i),
        });
      }
      if (!Number.isInteger(y) || y < 0 || y >= numClasses) {
        throw new CrowdError('INDEX_OUT_OF_RANGE', `gold label out of range at position ${j}`, {
          source,
          expected: `an integer in [0, ${numClasses - 1}]`,
          found: String(y),
        });
      }
      if ((dense[i] as number) >= 0 && dense[i] !== y) {
        throw new CrowdError('DUPLICATE_LABEL', `item ${i} has two different gold labels`, {
          source,
          found: `${dense[i]} and ${y}`,
        });
      }
      dense[i] = y;
    }
    return new GoldLabels(numItems, numClasses, dense);
  }

  /**
   * Gold given with external ids, mapped through a label matrix's item and
   * class maps. A class the matrix does not know is an UNKNOWN_CLASS error
   * naming the line.
   */
  static fromObservations(
    labels: CrowdLabels,
    pairs: Iterable<{ item: ExternalId; label: ExternalId }>,
    options: GoldFromObservationsOptions = {},
  ): GoldLabels {
    const source = options.source ?? 'gold';
    const where = (row: number) =>
      options.lineOfRow === undefined ? { source } : { source, line: options.lineOfRow(row) };
    const dense = new Int32Array(labels.numItems).fill(-1);
    let row = 0;
    for (const p of pairs) {
      const i = labels.items.indexOf(p.item);
      if (i < 0) {
        if (options.unknownItems !== 'ignore') {
          throw new CrowdError('UNKNOWN_ID', `gold for an item with no crowd labels: ${JSON.stringify(p.item)}`, {
            ...where(row),
            expected: "an item of the label matrix, or unknownItems: 'ignore'",
          });
        }
      } else {
        const y = labels.classes.indexOf(p.label);
        if (y < 0) {
          throw new CrowdError('UNKNOWN_CLASS', `gold label ${JSON.stringify(p.label)} is not a known class`, {
            ...where(row),
            expected: `one of ${labels.classes.ids().map((c) => JSON.stringify(c)).join(', ')}`,
            found: JSON.stringify(p.label),
          });
        }
        if ((dense[i] as number) >= 0 && dense[i] !== y) {
          throw new CrowdError('DUPLICATE_LABEL', `item ${JSON.stringify(p.item)} has two different gold labels`, {
            ...where(row),
          });
        }
        dense[i] = y;
      }
      row++;
    }
    return new GoldLabels(labels.numItems, labels.numClasses, dense);
  }

  /** Number of items that have gold. */
  get size(): number {
    return this.items.length;
  }

  /** The gold class of item `i`, or `undefined` when it has none. */
  get(i: number): number | undefined {
    const y = this.#dense[i];
    return y === undefined || y < 0 ? undefined : y;
  }

  /** True when item `i` has gold. */
  has(i: number): boolean {
    return (this.#dense[i] ?? -1) >= 0;
  }

  /** Gold restricted to `items`, renumbered `0..items.length-1` in the given order. */
  subset(items: ArrayLike<number>): GoldLabels {
    const dense = new Int32Array(items.length).fill(-1);
    for (let j = 0; j < items.length; j++) dense[j] = this.#dense[items[j] as number] ?? -1;
    return new GoldLabels(items.length, this.numClasses, dense);
  }
}
