import { CrowdError, NumericLabels } from '@crowdlearn/core-matrix';
import { answerRows } from './answer-rows.js';
import { looksLikeHeader, type ColumnMapping, type ColumnRole } from './columns.js';
import { parseDelimited } from './delimited-parser.js';
import { pickDelimiter } from './long-format.js';

/** Options of {@link readNumericLabelsText}. */
export interface NumericLabelsTextOptions {
  /** The file's name, for errors and the delimiter (`.tsv`). */
  source: string;
  /** The columns by role (header names or 0-based positions); default: the known header names, else item, worker, answer[, truth]. */
  columns?: ColumnMapping;
}

/** What {@link readNumericLabelsText} returns: the answers, and the truth per item (NaN where none) when the file has a truth column. */
export interface NumericLabelsData {
  /** The answers. */
  labels: NumericLabels;
  /** With a truth column: each item's truth, NaN where the file gives none. */
  truth?: Float64Array;
}

const ROLES: readonly ColumnRole[] = ['item', 'worker', 'label', 'gold'];

/**
 * Reads numeric crowd answers from long CSV/TSV text: `item, worker, answer`
 * rows (the truth-inference benchmark's `question,worker,answer` header and
 * the other known names are recognised), optionally with a truth column. An
 * answer or truth that is not a number is a PARSE_ERROR naming the line; an
 * item with two different truths is one too.
 */
export function readNumericLabelsText(text: string, options: NumericLabelsTextOptions): NumericLabelsData {
  const { source } = options;
  const rows = answerRows(text, options, ROLES, 'answer');
  if (rows === undefined) return { labels: NumericLabels.fromObservations([], { source }) };
  const { body, cols } = rows;
  const labels = NumericLabels.fromObservations(
    body.map(({ fields }) => ({ item: fields[cols.item] as string, worker: fields[cols.worker] as string, value: fields[cols.label] as string })),
    { source, lineOfRow: (r) => (body[r] as { line: number }).line },
  );
  if (cols.gold === undefined) return { labels };
  const truth = new Float64Array(labels.numItems).fill(Number.NaN);
  for (const { fields, line } of body) {
    const raw = (fields[cols.gold] as string).trim();
    if (raw === '') continue;
    const t = Number(raw);
    if (!Number.isFinite(t)) throw new CrowdError('PARSE_ERROR', `truth ${JSON.stringify(raw)} is not a number`, { source, line, expected: 'a finite number or an empty cell' });
    const i = labels.items.indexOf(fields[cols.item] as string);
    if (Number.isFinite(truth[i]) && truth[i] !== t) throw new CrowdError('PARSE_ERROR', `a second truth for item ${JSON.stringify(fields[cols.item])}`, { source, line, expected: `${truth[i]}`, found: raw });
    truth[i] = t;
  }
  return { labels, truth };
}

/**
 * Reads numeric truth (`item,truth` rows, the benchmark's `question,truth`)
 * for the items of `labels`: NaN for items without a row; rows for other
 * items are ignored. A value that is not a number is a PARSE_ERROR naming
 * the line.
 */
export function readNumericGoldText(text: string, labels: NumericLabels, options: { source: string }): Float64Array {
  const { source } = options;
  const rows = parseDelimited(text, pickDelimiter(undefined, text, source), source).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const truth = new Float64Array(labels.numItems).fill(Number.NaN);
  const first = rows[0];
  if (first === undefined) return truth;
  const header = looksLikeHeader(first.fields, ['item', 'gold']) || looksLikeHeader(first.fields, ['item', 'label']);
  for (const { fields, line } of header ? rows.slice(1) : rows) {
    if (fields.length < 2) throw new CrowdError('PARSE_ERROR', 'too few fields', { source, line, expected: 'item,truth', found: fields.join(',') });
    const i = labels.items.indexOf(fields[0] as string);
    if (i < 0) continue;
    const t = Number((fields[1] as string).trim());
    if (!Number.isFinite(t) || (fields[1] as string).trim() === '') throw new CrowdError('PARSE_ERROR', `truth ${JSON.stringify(fields[1])} is not a number`, { source, line, expected: 'a finite number' });
    truth[i] = t;
  }
  return truth;
}
