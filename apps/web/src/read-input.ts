/**
 * From the user's bytes to a label matrix, with the readers and policies of
 * the CLI (`@crowdlearn/datasets/browser`): `.gz` decompressed by the
 * browser, text decoded strictly, the layout detected, gold read against
 * the labels.
 */
import { CrowdError, type CrowdLabels, type GoldLabels } from '@crowdlearn/core-matrix';
import { decodeText, detectLabelFormat, readGoldText, readLabelsText, type LabelFormat } from '@crowdlearn/datasets/browser';
import type { PickedFile, ReadingOptions } from './protocol.js';

/** A loaded crowd: labels, gold, and the warnings of the reading. */
export interface LoadedCrowd {
  source: string;
  labels: CrowdLabels;
  gold?: GoldLabels;
  warnings: string[];
}

/** The most a `.gz` file may expand to before it is refused (the browser holds it whole). */
const MAX_GUNZIPPED_BYTES = 1 << 30;

/** A file's bytes, gunzipped when its name ends in `.gz`; a corrupt stream is an error naming the file. */
export async function fileBytes(file: PickedFile): Promise<Uint8Array> {
  if (!/\.gz$/i.test(file.name)) return new Uint8Array(file.bytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const stream = new Blob([file.bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > MAX_GUNZIPPED_BYTES) throw new CrowdError('IO_ERROR', 'the file expands past 1 GiB', { source: file.name, expected: 'a smaller file (or the CLI, which streams)' });
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof CrowdError) throw err;
    throw new CrowdError('IO_ERROR', 'not a valid gzip file', { source: file.name, found: String((err as Error).message ?? err) });
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A file as text, decoded as the CLI decodes it (invalid UTF-8 is an error naming the line). */
export async function fileText(file: PickedFile, encoding: ReadingOptions['encoding'] = 'utf-8'): Promise<string> {
  return decodeText(await fileBytes(file), file.name, encoding);
}

/** The labels (and gold) of the user's files, read as `crowdlearn aggregate <labels> --gold <gold>` reads them. */
export async function readCrowd(labelsFile: PickedFile, goldFile: PickedFile | undefined, reading: ReadingOptions): Promise<LoadedCrowd> {
  const text = await fileText(labelsFile, reading.encoding);
  const format: LabelFormat = detectLabelFormat(labelsFile.name, text.slice(0, 64 * 1024), reading.format);
  const data = readLabelsText(text, {
    source: labelsFile.name,
    format,
    ...(reading.columns !== undefined ? { columns: reading.columns } : {}),
    ...(reading.header === false ? { header: false } : {}),
  });
  const crowd: LoadedCrowd = { source: labelsFile.name, labels: data.labels, warnings: [...data.warnings] };
  if (data.gold !== undefined) crowd.gold = data.gold;
  if (goldFile !== undefined) crowd.gold = readGoldText(await fileText(goldFile, reading.encoding), data.labels, { source: goldFile.name, format, onWarning: (w) => crowd.warnings.push(w) });
  return crowd;
}

/** The start of a file as text (of a `.gz` file, its decompressed start), for the preview; lenient, as the reader checks the bytes. */
export async function headText(file: File, bytes = 64 * 1024): Promise<string> {
  if (!/\.gz$/i.test(file.name)) return new TextDecoder().decode(await file.slice(0, bytes).arrayBuffer());
  const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < bytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } catch {
    // a corrupt stream: the reader reports it with the file's name
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(all.subarray(0, bytes));
}
