import { basename } from 'node:path';
import { forEachTextChunk, type TextFileOptions } from '../text/text-file.js';
import { DelimitedParser } from './delimited-parser.js';
import { RodriguesAccumulator, type RodriguesData, type RodriguesOptions } from './rodrigues.js';

/** Reads a Rodrigues `answers.txt` matrix from a file (`.gz` too), streaming. */
export async function readRodriguesMatrixFile(path: string, options: RodriguesOptions & TextFileOptions = {}): Promise<RodriguesData> {
  const source = options.source ?? basename(path);
  const acc = new RodriguesAccumulator(source);
  const parser = new DelimitedParser('whitespace', source, acc.record);
  await forEachTextChunk(path, (text) => parser.push(text), { ...options, source });
  parser.end();
  return acc.finish(options);
}
