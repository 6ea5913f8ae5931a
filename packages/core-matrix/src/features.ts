import { brand, hasBrand } from './brand.js';
import { CrowdError } from './errors.js';

const FEATURES_BRAND = brand('Features');

/**
 * Item features: a row-major N x d `Float32Array` aligned to the items of a
 * {@link CrowdLabels} (row i describes item i), with column names.
 */
export class Features {
  /** Recognised by every copy of core-matrix: `instanceof` holds across copies (two versions in one install). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, FEATURES_BRAND);
  }

  /** The mark every copy of core-matrix recognises. */
  readonly [FEATURES_BRAND] = true;

  /** Row-major values, `numRows * numCols` long. */
  readonly data: Float32Array;
  /** Number of rows (items). */
  readonly numRows: number;
  /** Number of columns (feature dimension d). */
  readonly numCols: number;
  /** One name per column. */
  readonly columnNames: readonly string[];

  /**
   * @param data - row-major values; its length must be `numRows * numCols`.
   * @param columnNames - defaults to `f0, f1, ...`.
   */
  constructor(data: Float32Array, numRows: number, numCols: number, columnNames?: readonly string[]) {
    if (!Number.isInteger(numRows) || !Number.isInteger(numCols) || numRows < 0 || numCols < 0) {
      throw new CrowdError('INVALID_ARGUMENT', 'feature shape must be non-negative integers', {
        found: `${numRows} x ${numCols}`,
      });
    }
    if (data.length !== numRows * numCols) {
      throw new CrowdError('SHAPE_MISMATCH', 'feature data does not fit its shape', {
        expected: `${numRows} x ${numCols} = ${numRows * numCols} values`,
        found: `${data.length}`,
      });
    }
    if (columnNames !== undefined && columnNames.length !== numCols) {
      throw new CrowdError('SHAPE_MISMATCH', 'wrong number of column names', {
        expected: String(numCols),
        found: String(columnNames.length),
      });
    }
    this.data = data;
    this.numRows = numRows;
    this.numCols = numCols;
    this.columnNames = columnNames ?? Array.from({ length: numCols }, (_, j) => `f${j}`);
  }

  /** Row `i` as a view (no copy). */
  row(i: number): Float32Array {
    return this.data.subarray(i * this.numCols, (i + 1) * this.numCols);
  }

  /** The value at row `i`, column `j`. */
  get(i: number, j: number): number {
    return this.data[i * this.numCols + j] as number;
  }

  /** A copy holding the given rows, in the given order. */
  selectRows(rows: ArrayLike<number>): Features {
    const d = this.numCols;
    const out = new Float32Array(rows.length * d);
    for (let j = 0; j < rows.length; j++) {
      const i = rows[j] as number;
      if (!Number.isInteger(i) || i < 0 || i >= this.numRows) {
        throw new CrowdError('INDEX_OUT_OF_RANGE', 'feature row out of range', {
          expected: `an integer in [0, ${this.numRows - 1}]`,
          found: String(i),
        });
      }
      out.set(this.data.subarray(i * d, (i + 1) * d), j * d);
    }
    return new Features(out, rows.length, d, this.columnNames);
  }

  /**
   * Throws FEATURES_MISALIGNED unless there is exactly one row per item.
   * @param source - names the feature file in the message.
   */
  assertAligned(labels: { numItems: number }, source?: string): void {
    if (this.numRows !== labels.numItems) {
      throw new CrowdError('FEATURES_MISALIGNED', 'features do not line up with the items', {
        ...(source !== undefined ? { source } : {}),
        expected: `${labels.numItems} rows (one per item)`,
        found: `${this.numRows} rows`,
      });
    }
  }
}
