import { basename } from 'node:path';
import { forEachTextChunk, type TextFileOptions } from '../text/text-file.js';
import { JsonLinesAccumulator, type JsonLinesData, type JsonLinesOptions } from './json-lines.js';

/** Reads JSON Lines labels from a file (`.gz` too), streaming: never more than a chunk of text in memory. */
export async function readJsonLinesFile(path: string, options: JsonLinesOptions & TextFileOptions = {}): Promise<JsonLinesData> {
  const source = options.source ?? basename(path);
  const acc = new JsonLinesAccumulator({ ...options, source });
  await forEachTextChunk(path, (text) => acc.push(text), { ...options, source });
  return acc.finish();
}
