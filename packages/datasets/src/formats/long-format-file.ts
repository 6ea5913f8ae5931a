import { basename } from 'node:path';
import { forEachTextChunk, type TextFileOptions } from '../text/text-file.js';
import { DelimitedParser } from './delimited-parser.js';
import { LongFormatAccumulator, pickDelimiter, type LongFormatData, type LongFormatOptions } from './long-format.js';

/**
 * Reads long-format labels from a file (`.gz` too), streaming: the text is
 * parsed chunk by chunk and never held whole in memory.
 */
export async function readLongLabelsFile(path: string, options: LongFormatOptions & TextFileOptions = {}): Promise<LongFormatData> {
  const source = options.source ?? basename(path);
  const acc = new LongFormatAccumulator(options, source);
  let parser: DelimitedParser | undefined;
  await forEachTextChunk(
    path,
    (text) => {
      if (text.length === 0) return;
      parser ??= new DelimitedParser(pickDelimiter(options.delimiter, text, source.replace(/\.gz$/i, '')), source, acc.record);
      parser.push(text);
    },
    { ...options, source },
  );
  parser?.end();
  return acc.finish();
}
