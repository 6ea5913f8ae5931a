import { CrowdError } from './errors.js';

/** An external identifier as found in a data file: a string or a number. */
export type ExternalId = string | number;

/**
 * A two-way map between external ids and dense indices `0..size-1`.
 *
 * `1` and `"1"` are different ids. The identity map (`IdMap.identity(n)`,
 * ids are the indices themselves) allocates nothing.
 */
export class IdMap {
  readonly #ids: readonly ExternalId[] | undefined;
  readonly #index: Map<ExternalId, number> | undefined;
  /** Number of ids. */
  readonly size: number;

  private constructor(size: number, ids?: readonly ExternalId[], index?: Map<ExternalId, number>) {
    this.size = size;
    this.#ids = ids;
    if (index !== undefined) {
      this.#index = index;
    } else if (ids !== undefined) {
      const index = new Map<ExternalId, number>();
      ids.forEach((id, i) => {
        if (index.has(id)) {
          throw new CrowdError('DUPLICATE_ID', `id ${JSON.stringify(id)} appears twice`, {
            expected: 'distinct ids',
            found: `positions ${index.get(id)} and ${i}`,
          });
        }
        index.set(id, i);
      });
      this.#index = index;
    }
  }

  /**
   * A map over ids already known to be distinct, with their index map.
   * @internal Used by {@link IdMapBuilder.build}; the arguments are adopted.
   */
  static fromInterned(ids: ExternalId[], index: Map<ExternalId, number>): IdMap {
    return new IdMap(ids.length, ids, index);
  }

  /** The map whose ids are the indices `0..size-1` themselves. */
  static identity(size: number): IdMap {
    if (!Number.isInteger(size) || size < 0) {
      throw new CrowdError('INVALID_ARGUMENT', 'IdMap size must be a non-negative integer', { found: String(size) });
    }
    return new IdMap(size);
  }

  /** A map over the given ids, in order; throws DUPLICATE_ID on a repeated id. */
  static fromIds(ids: readonly ExternalId[]): IdMap {
    return new IdMap(ids.length, ids.slice());
  }

  /** True for a map built by {@link IdMap.identity}. */
  get isIdentity(): boolean {
    return this.#ids === undefined;
  }

  /** The external id of dense index `index`. Throws INDEX_OUT_OF_RANGE outside `0..size-1`. */
  idOf(index: number): ExternalId {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new CrowdError('INDEX_OUT_OF_RANGE', 'no id at this index', {
        expected: `an integer in [0, ${this.size - 1}]`,
        found: String(index),
      });
    }
    return this.#ids === undefined ? index : (this.#ids[index] as ExternalId);
  }

  /** The dense index of `id`, or -1 when the map does not hold it (like `Array.prototype.indexOf`). */
  indexOf(id: ExternalId): number {
    if (this.#index !== undefined) return this.#index.get(id) ?? -1;
    return typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < this.size ? id : -1;
  }

  /** True when the map holds `id`. */
  has(id: ExternalId): boolean {
    return this.indexOf(id) >= 0;
  }

  /** A copy of all ids in index order. */
  ids(): ExternalId[] {
    if (this.#ids !== undefined) return this.#ids.slice();
    return Array.from({ length: this.size }, (_, i) => i);
  }

  /** The map restricted to `indices`, renumbered `0..indices.length-1` in the given order. */
  subset(indices: ArrayLike<number>): IdMap {
    const ids: ExternalId[] = new Array<ExternalId>(indices.length);
    for (let j = 0; j < indices.length; j++) ids[j] = this.idOf(indices[j] as number);
    return new IdMap(ids.length, ids);
  }
}

/** Up to this many distinct ids, {@link IdMapBuilder.intern} scans instead of hashing. */
const SMALL_SET = 16;

/** Assigns dense indices to ids in order of first appearance. Internal to loaders. */
export class IdMapBuilder {
  readonly #index = new Map<ExternalId, number>();
  readonly #ids: ExternalId[] = [];
  // Files often repeat an id on consecutive lines (grouped by item or worker): skip the hash then.
  #lastId: ExternalId | undefined;
  #lastIndex = -1;

  /** The index of `id`, assigning the next free one on first sight. */
  intern(id: ExternalId): number {
    if (id === this.#lastId) return this.#lastIndex;
    // A few ids (class labels): comparing against each beats hashing a freshly sliced string.
    let k: number | undefined;
    const ids = this.#ids;
    if (ids.length <= SMALL_SET) {
      for (let j = 0; j < ids.length; j++) {
        if (ids[j] === id) {
          k = j;
          break;
        }
      }
    } else {
      k = this.#index.get(id);
    }
    if (k === undefined) {
      k = this.#ids.length;
      this.#index.set(id, k);
      this.#ids.push(id);
    }
    this.#lastId = id;
    this.#lastIndex = k;
    return k;
  }

  /** The map of the ids seen so far (the builder must not be used afterwards). */
  build(): IdMap {
    return IdMap.fromInterned(this.#ids, this.#index);
  }

  /** Number of distinct ids seen. */
  get size(): number {
    return this.#ids.length;
  }

  /** The ids in order of first appearance. */
  ids(): ExternalId[] {
    return this.#ids.slice();
  }
}
