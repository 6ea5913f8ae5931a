import { CrowdError } from '@crowdlearn/core-matrix';

/** Field separator of a delimited text file. `'whitespace'` splits on runs of spaces and tabs and has no quoting. */
export type Delimiter = ',' | '\t' | ';' | 'whitespace';

/**
 * Called once per non-empty record with its fields and its 1-based first
 * line. The array is reused for the next record: copy it to keep it.
 */
export type RecordHandler = (fields: string[], line: number) => void;

/** The longest record the parser holds: longer is a binary file or a runaway quote, not a label. */
const MAX_RECORD_LENGTH = 16 * 1024 * 1024;

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * A push parser for delimited text (CSV, TSV, whitespace-separated), fed in
 * chunks so that large files are never held in memory.
 *
 * Handles a UTF-8 byte-order mark, `\n`, `\r\n` and `\r`-only line endings,
 * and RFC 4180 quoting (`"a,b"`, `""` for a quote, newlines inside quotes).
 * Empty lines are skipped. Malformed quoting is a PARSE_ERROR naming the
 * source, line and column.
 */
export class DelimitedParser {
  readonly #delimiter: Delimiter;
  readonly #source: string;
  readonly #onRecord: RecordHandler;
  #pending = '';
  #line = 1;
  #started = false;
  /** Where the scan of the unfinished record stopped, and its state there. */
  #tail = { scanned: 0, inQuotes: false, quoted: false, linesInRecord: 0 };
  readonly #fields: string[] = [];

  constructor(delimiter: Delimiter, source: string, onRecord: RecordHandler) {
    this.#delimiter = delimiter;
    this.#source = source;
    this.#onRecord = onRecord;
  }

  /** Feeds the next chunk of text. */
  push(chunk: string): void {
    let text = this.#pending + chunk;
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.#pending = this.#consume(text, false);
    if (this.#pending.length > MAX_RECORD_LENGTH) {
      throw new CrowdError('PARSE_ERROR', `a record longer than ${MAX_RECORD_LENGTH / (1 << 20)} MiB`, { source: this.#source, line: this.#line, expected: 'delimited text with line breaks (is this a binary file, or an unclosed quote?)' });
    }
  }

  /** Signals the end of input; the last record may lack a line terminator. */
  end(): void {
    const rest = this.#consume(this.#pending, true);
    this.#pending = '';
    if (rest.length > 0) this.#emit(rest, 0, rest.length, rest.includes('"'), this.#line);
  }

  /**
   * Emits every complete record of `text`; returns the unfinished tail. The
   * scan of an unfinished record resumes where it stopped (its quote state
   * kept), so a long record fed in many chunks is scanned once.
   */
  #consume(text: string, final: boolean): string {
    const quoting = this.#delimiter !== 'whitespace';
    let start = 0;
    let inQuotes = this.#tail.inQuotes;
    let quoted = this.#tail.quoted; // the current record contains a quote
    let startLine = this.#line;
    let linesInRecord = this.#tail.linesInRecord;
    const n = text.length;
    let i = this.#tail.scanned;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE && quoting) {
        inQuotes = !inQuotes;
        quoted = true;
      } else if (c === LF || c === CR) {
        if (c === CR && i + 1 === n && !final) break; // a \r\n may be split across chunks
        const terminatorEnd = c === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
        if (inQuotes) {
          linesInRecord++;
          i = terminatorEnd - 1;
          continue;
        }
        if (i > start) this.#emit(text, start, i, quoted, startLine);
        quoted = false;
        this.#line = startLine + linesInRecord + 1;
        startLine = this.#line;
        linesInRecord = 0;
        start = terminatorEnd;
        i = terminatorEnd - 1;
      }
    }
    if (final && inQuotes) {
      throw new CrowdError('PARSE_ERROR', 'unterminated quoted field', {
        source: this.#source,
        line: startLine,
        expected: 'a closing quote',
        found: 'end of file',
      });
    }
    this.#tail = final ? { scanned: 0, inQuotes: false, quoted: false, linesInRecord: 0 } : { scanned: Math.min(i, n) - start, inQuotes, quoted, linesInRecord };
    return text.slice(start);
  }

  #emit(text: string, start: number, end: number, quoted: boolean, line: number): void {
    if (this.#delimiter === 'whitespace') {
      const t = text.slice(start, end).trim();
      if (t.length > 0) this.#onRecord(t.split(/[ \t]+/), line);
      return;
    }
    if (quoted) {
      this.#onRecord(this.#splitQuoted(text.slice(start, end), line), line);
      return;
    }
    // Fast path: no quotes, so fields are the text between delimiters.
    const fields = this.#fields;
    const d = this.#delimiter;
    let count = 0;
    let from = start;
    for (;;) {
      const at = text.indexOf(d, from);
      if (at < 0 || at >= end) {
        fields[count++] = text.slice(from, end);
        break;
      }
      fields[count++] = text.slice(from, at);
      from = at + 1;
    }
    if (fields.length !== count) fields.length = count; // truncating costs; records usually keep their width
    this.#onRecord(fields, line);
  }

  /** Splits a record that contains quotes, following RFC 4180. */
  #splitQuoted(record: string, line: number): string[] {
    const d = this.#delimiter.charCodeAt(0);
    const fields: string[] = [];
    let i = 0;
    const n = record.length;
    for (;;) {
      if (record.charCodeAt(i) === QUOTE) {
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = record.indexOf('"', j);
          if (q < 0) {
            throw new CrowdError('PARSE_ERROR', 'unterminated quoted field', {
              source: this.#source,
              line,
              column: i + 1,
              expected: 'a closing quote',
              found: 'end of record',
            });
          }
          value += record.slice(j, q);
          if (record.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        if (j < n && record.charCodeAt(j) !== d) {
          throw new CrowdError('PARSE_ERROR', 'text after a closing quote', {
            source: this.#source,
            line,
            column: j + 1,
            expected: 'a delimiter or the end of the record',
            found: JSON.stringify(record[j]),
          });
        }
        fields.push(value.replace(/\r\n?/g, '\n'));
        if (j >= n) return fields;
        i = j + 1;
      } else {
        const next = record.indexOf(this.#delimiter, i);
        if (next < 0) {
          fields.push(record.slice(i));
          return fields;
        }
        fields.push(record.slice(i, next));
        i = next + 1;
      }
      if (i === n) {
        fields.push('');
        return fields;
      }
    }
  }
}

/** One parsed record. */
export interface DelimitedRecord {
  /** The record's fields, unquoted. */
  fields: string[];
  /** 1-based line the record starts on. */
  line: number;
}

/** Parses a whole string; returns the records with their lines. */
export function parseDelimited(text: string, delimiter: Delimiter, source = 'text'): DelimitedRecord[] {
  const out: DelimitedRecord[] = [];
  const p = new DelimitedParser(delimiter, source, (fields, line) => out.push({ fields: fields.slice(), line }));
  p.push(text);
  p.end();
  return out;
}
