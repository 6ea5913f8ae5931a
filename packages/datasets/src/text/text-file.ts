import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import { CrowdError, isCrowdError } from '@crowdlearn/core-matrix';
import { TextChunkDecoder, type TextEncoding } from './text-decoder.js';

/** How a text file is read: its name in messages, its encoding, and the decompression guard of `.gz` files. */
export interface TextFileOptions {
  /** Name used in error messages; default: the file's base name. */
  source?: string;
  /** The file's encoding: strict `'utf-8'` (default) or `'latin1'`. */
  encoding?: TextEncoding;
  /**
   * A `.gz` file may expand to at most this many times its size once past
   * 8 MiB of text (default 200; ordinary CSV compresses 5-20 times, a
   * decompression bomb about 1,000 times), so a bomb is refused after a
   * few megabytes instead of filling the memory.
   */
  maxDecompressionRatio?: number;
}

/** Below this much text a `.gz` file is never refused for its ratio. */
const RATIO_FREE_BYTES = 8 * 1024 * 1024;

const isGzip = (path: string) => /\.gz$/i.test(path);

function bombError(source: string, ratio: number): CrowdError {
  return new CrowdError('PARSE_ERROR', `the gzip file expands more than ${ratio} times its size (a decompression bomb?)`, {
    source,
    expected: 'a gzip file of text (the maxDecompressionRatio option raises the limit)',
  });
}

function gzipError(source: string, err: unknown): CrowdError {
  return new CrowdError('PARSE_ERROR', 'not a valid gzip file', { source, cause: err, expected: 'a complete gzip stream', found: String((err as Error).message) });
}

function ioError(path: string, source: string, err: unknown): CrowdError {
  const code = (err as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot read the file';
  return new CrowdError('IO_ERROR', reason, { source: source === basename(path) ? path : source, cause: err, ...(code === 'EISDIR' ? { expected: 'a file' } : code === 'ENOENT' ? {} : { found: code ?? String(err) }) });
}

/**
 * Calls `onText` with a file's text chunk by chunk, never holding the whole
 * file: `.gz` is decompressed on the fly under the ratio guard, bytes are
 * decoded strictly (invalid UTF-8 is an error naming the line), and every
 * failure is a typed error naming the file: IO_ERROR for the file system,
 * PARSE_ERROR for a corrupt or bomb-like gzip stream.
 */
export async function forEachTextChunk(path: string, onText: (text: string) => void, options: TextFileOptions = {}): Promise<void> {
  const source = options.source ?? basename(path);
  const decoder = new TextChunkDecoder(source, options.encoding);
  const ratio = options.maxDecompressionRatio ?? 200;
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  let compressed = 0;
  const gunzip = isGzip(path) ? createGunzip({ chunkSize: 1 << 20 }) : undefined;
  if (gunzip !== undefined) {
    file.on('data', (chunk) => (compressed += chunk.length));
    file.on('error', (err) => gunzip.destroy(err));
    file.pipe(gunzip);
  }
  let text = 0;
  try {
    for await (const chunk of (gunzip ?? file) as AsyncIterable<Buffer>) {
      text += chunk.length;
      if (gunzip !== undefined && text > RATIO_FREE_BYTES && text > ratio * Math.max(compressed, 1)) throw bombError(source, ratio);
      onText(decoder.push(chunk));
    }
    onText(decoder.end());
  } catch (err) {
    file.destroy();
    gunzip?.destroy();
    if (isCrowdError(err)) throw err;
    // the file system's errors carry the system call; zlib's do not
    if (gunzip === undefined || (err as NodeJS.ErrnoException).syscall !== undefined) throw ioError(path, source, err);
    throw gzipError(source, err);
  }
}

/**
 * A whole text file (for the formats read whole: JSON documents, ARFF,
 * wide matrices, gold and feature tables), with the same decoding, gzip
 * guard and typed errors as {@link forEachTextChunk}.
 */
export function readTextFile(path: string, options: TextFileOptions = {}): string {
  const source = options.source ?? basename(path);
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR', syscall: 'read' });
    bytes = readFileSync(path);
  } catch (err) {
    throw ioError(path, source, err);
  }
  if (isGzip(path)) {
    const ratio = options.maxDecompressionRatio ?? 200;
    const limit = Math.max(RATIO_FREE_BYTES, ratio * bytes.length);
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: limit });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw bombError(source, ratio);
      throw gzipError(source, err);
    }
  }
  const decoder = new TextChunkDecoder(source, options.encoding);
  return decoder.push(bytes) + decoder.end();
}
