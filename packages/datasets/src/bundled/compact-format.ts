import { gunzipSync, gzipSync } from 'node:zlib';
import {
  CrowdError,
  CrowdLabels,
  Features,
  GoldLabels,
  IdMap,
  type ExternalId,
} from '@crowdlearn/core-matrix';
import type { Dataset, DatasetMeta, HeldOutSplit } from './dataset.js';

/** Version of the compact form; bumped when the layout changes. */
export const COMPACT_FORMAT_VERSION = 1;

interface CompactSplit {
  items: ExternalId[];
  gold: number[];
  /** Row offset into the features file, when the split has features. */
  featureRow?: number;
  texts?: string[];
}

interface CompactDataset {
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

/** Encodes a dataset into its compact files. */
export function encodeDataset(d: Dataset): CompactFiles {
  const { labels } = d;
  let featureRow = d.features?.numRows ?? 0;
  const split = (s: HeldOutSplit | undefined): CompactSplit | undefined => {
    if (s === undefined) return undefined;
    const out: CompactSplit = { items: s.items, gold: Array.from({ length: s.items.length }, (_, i) => s.gold.get(i) ?? -1) };
    if (s.features !== undefined) {
      out.featureRow = featureRow;
      featureRow += s.features.numRows;
    }
    if (s.texts !== undefined) out.texts = s.texts;
    return out;
  };
  const valid = split(d.valid);
  const test = split(d.test);
  const body: CompactDataset = {
    format: COMPACT_FORMAT_VERSION,
    meta: d.meta,
    classes: labels.classes.ids(),
    items: labels.items.ids(),
    workers: labels.workers.ids(),
    item: Array.from(labels.item),
    worker: Array.from(labels.worker),
    label: Array.from(labels.label),
    ...(d.gold !== undefined ? { gold: { item: Array.from(d.gold.items), label: Array.from(d.gold.labels) } } : {}),
    ...(d.features !== undefined ? { featureColumns: [...d.features.columnNames] } : {}),
    ...(d.texts !== undefined ? { texts: d.texts } : {}),
    ...(valid !== undefined ? { valid } : {}),
    ...(test !== undefined ? { test } : {}),
  };
  const json = gzipSync(JSON.stringify(body), { level: 9 });
  if (d.features === undefined) return { json };
  const parts = [d.features, d.valid?.features, d.test?.features].filter((f): f is Features => f !== undefined);
  // Every split with features must share the crowd items' columns.
  if (parts.some((f) => f.numCols !== d.features?.numCols)) {
    throw new CrowdError('SHAPE_MISMATCH', 'split features differ in width from the crowd items', { source: d.meta.name });
  }
  const all = new Float32Array(parts.reduce((s, f) => s + f.data.length, 0));
  let at = 0;
  for (const f of parts) {
    all.set(f.data, at);
    at += f.data.length;
  }
  return { json, features: gzipSync(littleEndianBytes(all), { level: 9 }) };
}

/** Decodes a dataset from its compact files; `source` names them in errors. */
export function decodeDataset(files: CompactFiles, source: string): Dataset {
  let body: CompactDataset;
  try {
    body = JSON.parse(gunzipSync(files.json).toString('utf8')) as CompactDataset;
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
  if (body.featureColumns !== undefined) {
    if (files.features === undefined) throw new CrowdError('IO_ERROR', 'features file missing', { source });
    const all = fromLittleEndianBytes(gunzipSync(files.features));
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

function littleEndianBytes(a: Float32Array): Uint8Array {
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
