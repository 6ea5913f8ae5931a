import { gunzipSync, gzipSync } from 'node:zlib';
import { CrowdError, type Features } from '@crowdlearn/core-matrix';
import type { Dataset, HeldOutSplit } from './dataset.js';
import { COMPACT_FORMAT_VERSION, decodeCompactDataset, littleEndianBytes, type CompactDataset, type CompactFiles, type CompactSplit } from './compact-decode.js';

export { COMPACT_FORMAT_VERSION };
export type { CompactFiles };

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

/** Decodes a dataset from its compact files (gzipped); `source` names them in errors. */
export function decodeDataset(files: CompactFiles, source: string): Dataset {
  let json: string;
  try {
    json = gunzipSync(files.json).toString('utf8');
  } catch (err) {
    throw new CrowdError('PARSE_ERROR', 'not a compact dataset file', { source, cause: err, found: String(err) });
  }
  return decodeCompactDataset({ json, ...(files.features !== undefined ? { features: gunzipSync(files.features) } : {}) }, source);
}
