import { Int32Builder } from '@crowdlearn/core-matrix';

/**
 * Remembers the source line of every data row with no memory cost while rows
 * sit on consecutive lines; on the first gap (blank line, multi-line quoted
 * field) it switches to one Int32 per row.
 */
export class LineIndex {
  #first = -1;
  #count = 0;
  #lines: Int32Builder | undefined;

  /** Records the line of the next row. */
  add(line: number): void {
    if (this.#count === 0) this.#first = line;
    if (this.#lines === undefined && line !== this.#first + this.#count) {
      this.#lines = new Int32Builder();
      for (let r = 0; r < this.#count; r++) this.#lines.push(this.#first + r);
    }
    this.#lines?.push(line);
    this.#count++;
  }

  /** The line of row `row`. */
  lineOf = (row: number): number => (this.#lines === undefined ? this.#first + row : this.#lines.get(row));
}
