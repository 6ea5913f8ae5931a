import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { CrowdError } from '@crowdlearn/core-matrix';
import { DelimitedParser } from './delimited-parser.js';
import { LongFormatAccumulator, pickDelimiter, type LongFormatData, type LongFormatOptions } from './long-format.js';

/**
 * Reads long-format labels from a file, streaming: the text is parsed chunk
 * by chunk and never held whole in memory.
 */
export async function readLongLabelsFile(path: string, options: LongFormatOptions = {}): Promise<LongFormatData> {
  const source = options.source ?? basename(path);
  const acc = new LongFormatAccumulator(options, source);
  let parser: DelimitedParser | undefined;
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      parser ??= new DelimitedParser(pickDelimiter(options.delimiter, chunk as string, source), source, acc.record);
      parser.push(chunk as string);
    }
  } catch (err) {
    if (err instanceof CrowdError) throw err;
    throw new CrowdError('IO_ERROR', `cannot read ${path}`, { source, cause: err, found: String((err as Error).message) });
  }
  parser?.end();
  return acc.finish();
}
