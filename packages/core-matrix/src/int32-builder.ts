/** A growable Int32Array, doubling its capacity as needed: for collecting columns of unknown length. */
export class Int32Builder {
  #data: Int32Array;
  #length = 0;

  /** @param initialCapacity - first allocation, in elements. */
  constructor(initialCapacity = 1024) {
    this.#data = new Int32Array(Math.max(1, initialCapacity));
  }

  /** Appends a value. */
  push(value: number): void {
    if (this.#length === this.#data.length) {
      const grown = new Int32Array(this.#data.length * 2);
      grown.set(this.#data);
      this.#data = grown;
    }
    this.#data[this.#length++] = value;
  }

  /** The value at `index` (must be below {@link Int32Builder.length}). */
  get(index: number): number {
    return this.#data[index] as number;
  }

  /** Number of values pushed. */
  get length(): number {
    return this.#length;
  }

  /** The values pushed so far, in a right-sized array. */
  finish(): Int32Array {
    return this.#data.length === this.#length ? this.#data : this.#data.slice(0, this.#length);
  }
}
