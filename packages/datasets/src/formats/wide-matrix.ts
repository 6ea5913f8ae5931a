import { CrowdError } from '@crowdlearn/core-matrix';
import { parseDelimited, type Delimiter } from './delimited-parser.js';
import { LabelRecordSink, type LabelRecordOptions, type LabelRecordsData } from './label-records.js';

/** Options of {@link readWideMatrix}. */
export interface WideMatrixOptions extends LabelRecordOptions {
  /** Field separator. Default `','`. */
  delimiter?: Delimiter;
  /** The item column, by header name; default the first column. */
  itemColumn?: string;
}

/**
 * Reads a wide item x worker matrix: a header naming the item column and
 * then one column per worker, one row per item, each cell that worker's
 * label (an empty cell: no label).
 */
export function readWideMatrix(text: string, options: WideMatrixOptions = {}): LabelRecordsData {
  const source = options.source ?? 'labels.csv';
  const rows = parseDelimited(text, options.delimiter ?? ',', source);
  const header = rows[0]?.fields;
  if (header === undefined) throw new CrowdError('PARSE_ERROR', 'no header', { source, expected: 'item, then one column per worker' });
  const itemColumn = options.itemColumn === undefined ? 0 : header.indexOf(options.itemColumn);
  if (itemColumn < 0) throw new CrowdError('PARSE_ERROR', `no column named ${JSON.stringify(options.itemColumn)} for the item`, { source, line: rows[0]?.line ?? 1, found: header.join(',') });
  const sink = new LabelRecordSink(options, source);
  for (const { fields, line } of rows.slice(1)) {
    if (fields.length !== header.length) throw new CrowdError('PARSE_ERROR', 'wrong number of fields', { source, line, expected: String(header.length), found: String(fields.length) });
    const item = fields[itemColumn] as string;
    fields.forEach((cell, c) => {
      // an empty cell is "no label" in a wide matrix, never an empty label
      if (c !== itemColumn && cell.trim() !== '') sink.add(item, header[c] as string, cell, line, false, c + 1);
    });
  }
  return sink.finish();
}
