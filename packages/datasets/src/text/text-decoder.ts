import { CrowdError } from '@crowdlearn/core-matrix';

/** How a file's bytes are read as text: strict UTF-8 (default; invalid bytes are an error) or Latin-1 (every byte is a character). */
export type TextEncoding = 'utf-8' | 'latin1';

/** The encodings {@link TextChunkDecoder} accepts. */
export const TEXT_ENCODINGS: readonly TextEncoding[] = ['utf-8', 'latin1'];

/**
 * Offset of the first byte of `bytes` that does not belong to a valid UTF-8
 * sequence, or -1. A sequence cut by the end of `bytes` counts as valid
 * (the next chunk may complete it).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    // the sequence's length and the range of its second byte (excluding overlong forms and surrogates)
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k < len; k++) {
      if (i + k >= n) return -1;
      const c = bytes[i + k] as number;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += len;
  }
  return -1;
}

function countLineFeeds(bytes: Uint8Array, end: number): number {
  let lines = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 10) lines++;
  return lines;
}

/**
 * Decodes a file's bytes to text chunk by chunk. UTF-8 is strict: a byte
 * that is not UTF-8 (a Latin-1 `é`, a truncated sequence at the end) is a
 * PARSE_ERROR naming the source and line, not a silent U+FFFD that would
 * merge `café` and `cafè` into one id. Latin-1 maps every byte to a
 * character and never fails.
 */
export class TextChunkDecoder {
  readonly #source: string;
  readonly #encoding: TextEncoding;
  readonly #decoder: InstanceType<typeof TextDecoder>;
  /** Line feeds in the bytes decoded so far, for the line of an error. */
  #lineFeeds = 0;

  constructor(source: string, encoding: TextEncoding = 'utf-8') {
    if (!TEXT_ENCODINGS.includes(encoding)) {
      throw new CrowdError('INVALID_ARGUMENT', `unknown encoding ${JSON.stringify(encoding)}`, { source, expected: TEXT_ENCODINGS.join(' or ') });
    }
    this.#source = source;
    this.#encoding = encoding;
    // a leading byte-order mark is kept in the text; the parsers skip it
    this.#decoder = new TextDecoder(encoding === 'latin1' ? 'latin1' : 'utf-8', { fatal: encoding === 'utf-8', ignoreBOM: true });
  }

  /** The text of the next chunk of bytes (a sequence cut at its end waits for the next chunk). */
  push(bytes: Uint8Array): string {
    try {
      const text = this.#decoder.decode(bytes, { stream: true });
      if (this.#encoding === 'utf-8') this.#lineFeeds += countLineFeeds(bytes, bytes.length);
      return text;
    } catch {
      throw this.#invalid(bytes);
    }
  }

  /** The text of a sequence left open by the last chunk; an incomplete one is an error. */
  end(): string {
    try {
      return this.#decoder.decode();
    } catch {
      throw new CrowdError('PARSE_ERROR', 'the file ends inside a UTF-8 character', { source: this.#source, line: this.#lineFeeds + 1, expected: 'UTF-8 text (or --encoding latin1)' });
    }
  }

  #invalid(bytes: Uint8Array): CrowdError {
    const at = firstInvalidUtf8(bytes);
    const offset = at < 0 ? 0 : at;
    const line = this.#lineFeeds + countLineFeeds(bytes, offset) + 1;
    const shown = Array.from(bytes.subarray(offset, offset + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return new CrowdError('PARSE_ERROR', 'bytes that are not UTF-8', { source: this.#source, line, expected: 'UTF-8 text (or --encoding latin1 for a Latin-1 file)', found: `bytes ${shown}` });
  }
}

/** A whole byte array as text, strictly (see {@link TextChunkDecoder}). */
export function decodeText(bytes: Uint8Array, source: string, encoding: TextEncoding = 'utf-8'): string {
  const decoder = new TextChunkDecoder(source, encoding);
  return decoder.push(bytes) + decoder.end();
}
