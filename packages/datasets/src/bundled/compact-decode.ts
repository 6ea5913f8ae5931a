import { CrowdError, CrowdLabels, Features, GoldLabels, IdMap, type ExternalId } from '@crowdlearn/core-matrix';
import type { Dataset, DatasetMeta, HeldOutSplit } from './dataset.js';

/** Version of the compact form; bumped when the layout changes. */
export const COMPACT_FORMAT_VERSION = 1;

export interface CompactSplit {
  items: ExternalId[];
  gold: number[];
  /** Row offset into the features file, when the split has features. */
  featureRow?: number;
  texts?: string[];
}

export interface CompactDataset {
  format: number;
  meta: DatasetMeta;
  classes: ExternalId[];
  items: ExternalId[];
  workers: ExternalId[];
  item: number[];
  worker: number[];
  label: number[];
  gold?: { item: number[]; label: number[] };
  featureColumns?: string[];
  texts?: string[];
  valid?: CompactSplit;
  test?: CompactSplit;
}

/** The two files of a dataset in compact form. */
export interface CompactFiles {
  /** Gzipped JSON: metadata, ids, label columns, gold. */
  json: Uint8Array;
  /** Gzipped little-endian float32 rows: crowd items, then valid, then test. */
  features?: Uint8Array;
}

/**
 * Decodes a dataset from its compact files already decompressed: the JSON
 * text and the little-endian float32 feature bytes. Runs anywhere (the web
 * app fetches a bundled dataset's files and decompresses them itself);
 * `source` names the files in errors. With `labelsOnly`, a dataset with
 * features decodes without its features file (and without features).
 */
export function decodeCompactDataset(files: { json: string; features?: Uint8Array }, source: string, options: { labelsOnly?: boolean } = {}): Dataset {
  let body: CompactDataset;
  try {
    body = JSON.parse(files.json) as CompactDataset;
  } catch (err) {
    throw new CrowdError('PARSE_ERROR', 'not a compact dataset file', { source, cause: err, found: String(err) });
  }
  if (body.format !== COMPACT_FORMAT_VERSION) {
    throw new CrowdError('UNSUPPORTED', 'unknown compact format version', {
      source,
      expected: String(COMPACT_FORMAT_VERSION),
      found: String(body.format),
    });
  }
  const labels = CrowdLabels.fromArrays(
    { item: Int32Array.from(body.item), worker: Int32Array.from(body.worker), label: Int32Array.from(body.label) },
    { itemIds: IdMap.fromIds(body.items), workerIds: IdMap.fromIds(body.workers), classIds: IdMap.fromIds(body.classes), source },
  );
  const K = body.classes.length;
  const dataset: Dataset = { meta: body.meta, labels };
  if (body.gold !== undefined) dataset.gold = GoldLabels.fromPairs(labels.numItems, K, body.gold.item, body.gold.label, source);
  if (body.texts !== undefined) dataset.texts = body.texts;
  let featureRows: ((from: number, count: number) => Features) | undefined;
  if (body.featureColumns !== undefined && !(options.labelsOnly === true && files.features === undefined)) {
    if (files.features === undefined) throw new CrowdError('IO_ERROR', 'features file missing', { source });
    const all = fromLittleEndianBytes(files.features);
    const columns = body.featureColumns;
    const d = columns.length;
    featureRows = (from, count) => new Features(all.slice(from * d, (from + count) * d), count, d, columns);
    dataset.features = featureRows(0, labels.numItems);
  }
  const split = (s: CompactSplit): HeldOutSplit => {
    const withGold = s.gold.map((g, i) => [i, g] as const).filter(([, g]) => g >= 0);
    const out: HeldOutSplit = {
      items: s.items,
      gold: GoldLabels.fromPairs(s.items.length, K, withGold.map(([i]) => i), withGold.map(([, g]) => g), source),
    };
    if (s.featureRow !== undefined && featureRows !== undefined) out.features = featureRows(s.featureRow, s.items.length);
    if (s.texts !== undefined) out.texts = s.texts;
    return out;
  };
  if (body.valid !== undefined) dataset.valid = split(body.valid);
  if (body.test !== undefined) dataset.test = split(body.test);
  return dataset;
}

/** Float32 values as little-endian bytes (the features file's layout). */
export function littleEndianBytes(a: Float32Array): Uint8Array {
  const out = new Uint8Array(a.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < a.length; i++) view.setFloat32(i * 4, a[i] as number, true);
  return out;
}

function fromLittleEndianBytes(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
