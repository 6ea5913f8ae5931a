import { CrowdError } from '@crowdlearn/core-matrix';

/** The longest line held: longer is a binary file, not a record. */
const MAX_LINE_LENGTH = 16 * 1024 * 1024;

/**
 * Splits text fed in chunks into lines (`\n`, `\r\n` or `\r`), calling
 * `onLine` with each line and its 1-based number; a line cut by a chunk's
 * end waits for the next chunk. For line-oriented formats (JSON Lines)
 * whose records never span lines.
 */
export class LineSplitter {
  readonly #onLine: (text: string, line: number) => void;
  readonly #source: string;
  #pending = '';
  #line = 1;

  constructor(source: string, onLine: (text: string, line: number) => void) {
    this.#source = source;
    this.#onLine = onLine;
  }

  /** Feeds the next chunk. */
  push(chunk: string): void {
    const text = this.#pending + chunk;
    let start = 0;
    // the pending text holds no line break: resume after it
    for (let i = Math.max(this.#pending.length - 1, 0); i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (c === 13 && i + 1 === text.length) break; // a \r\n may be cut between chunks
      this.#onLine(text.slice(start, i), this.#line++);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    this.#pending = text.slice(start);
    if (this.#pending.length > MAX_LINE_LENGTH) {
      throw new CrowdError('PARSE_ERROR', `a line longer than ${MAX_LINE_LENGTH / (1 << 20)} MiB`, { source: this.#source, line: this.#line, expected: 'text with line breaks (is this a binary file?)' });
    }
  }

  /** Ends the input: the last line may lack a terminator. */
  end(): void {
    const rest = this.#pending.replace(/\r$/, '');
    this.#pending = '';
    if (rest.length > 0) this.#onLine(rest, this.#line++);
  }
}
