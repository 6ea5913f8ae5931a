/** A growable Int32Array, doubling its capacity as needed. */
export class Int32Builder {
  #data: Int32Array;
  #length = 0;

  constructor(initialCapacity = 1024) {
    this.#data = new Int32Array(Math.max(1, initialCapacity));
  }

  push(value: number): void {
    if (this.#length === this.#data.length) {
      const grown = new Int32Array(this.#data.length * 2);
      grown.set(this.#data);
      this.#data = grown;
    }
    this.#data[this.#length++] = value;
  }

  get length(): number {
    return this.#length;
  }

  /** The values pushed so far, in a right-sized array. */
  finish(): Int32Array {
    return this.#data.length === this.#length ? this.#data : this.#data.slice(0, this.#length);
  }
}
