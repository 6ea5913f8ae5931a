import { CrowdError, Features, type CrowdLabels } from '@crowdlearn/core-matrix';
import { parseDelimited } from './delimited-parser.js';

/** A feature table read from CSV/TSV text: an id column, numeric columns, and optionally a last label column. */
export interface FeatureTable {
  /** The first column of each row. */
  ids: string[];
  /** The numeric columns. */
  features: Features;
  /** The last column of each row, when `withLabel` was set. */
  labels?: string[];
}

/** Options of {@link readFeatureTableText}. */
export interface FeatureTableOptions {
  /** The file's name, for errors. */
  source: string;
  /** `,` (default) or a tab. */
  delimiter?: ',' | '\t';
  /** The last column is a class label (training rows for a classifier). Default false. */
  withLabel?: boolean;
}

/**
 * Reads `id, f1..fd[, label]` rows with a header line (the features files of
 * `crowdlearn train --features x.csv`). A row with another number of fields,
 * a feature that is not a finite number, or an id with a second row is a
 * PARSE_ERROR naming the line (and column).
 */
export function readFeatureTableText(text: string, options: FeatureTableOptions): FeatureTable {
  const { source, withLabel = false } = options;
  const rows = parseDelimited(text, options.delimiter ?? ',', source);
  const header = rows[0]?.fields ?? [];
  const d = header.length - (withLabel ? 2 : 1);
  const body = rows.slice(1);
  const data = new Float32Array(body.length * d);
  body.forEach(({ fields, line }, j) => {
    if (fields.length !== header.length) {
      throw new CrowdError('PARSE_ERROR', 'wrong number of fields', { source, line, expected: String(header.length), found: String(fields.length) });
    }
    for (let c = 0; c < d; c++) {
      const v = Number(fields[c + 1]);
      if (!Number.isFinite(v) || (fields[c + 1] as string).trim() === '') {
        throw new CrowdError('PARSE_ERROR', 'non-numeric feature', { source, line, column: c + 2, found: JSON.stringify(fields[c + 1]) });
      }
      data[j * d + c] = v;
    }
  });
  const firstLine = new Map<string, number>();
  for (const { fields, line } of body) {
    const id = fields[0] as string;
    const before = firstLine.get(id);
    if (before !== undefined) throw new CrowdError('PARSE_ERROR', `item ${JSON.stringify(id)} has a second feature row`, { source, line, expected: `one row per item (first on line ${before})` });
    firstLine.set(id, line);
  }
  const table: FeatureTable = { ids: body.map((r) => r.fields[0] as string), features: new Features(data, body.length, d, header.slice(1, 1 + d)) };
  if (withLabel) table.labels = body.map((r) => r.fields[d + 1] as string);
  return table;
}

/**
 * The rows of `features` (whose row j is item `ids[j]`) in the labels' item
 * order; an item of the labels without a row is a FEATURES_MISALIGNED error
 * naming `source`. Rows for items the labels do not have are left out.
 */
export function alignFeatureRows(labels: CrowdLabels, ids: readonly string[], features: Features, source: string): Features {
  const index = new Map(ids.map((id, j) => [id, j]));
  const rows = labels.items.ids().map((id) => {
    const j = index.get(String(id));
    if (j === undefined) throw new CrowdError('FEATURES_MISALIGNED', `no feature row for item ${JSON.stringify(id)} of the labels`, { source, expected: 'a feature row for every item with labels' });
    return j;
  });
  return features.selectRows(rows);
}
