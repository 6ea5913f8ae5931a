import { CrowdError, MultiLabelAnswers } from '@crowdlearn/core-matrix';
import { answerRows } from './answer-rows.js';
import type { ColumnMapping, ColumnRole } from './columns.js';

/** Options of {@link readMultiLabelText}. */
export interface MultiLabelTextOptions {
  /** The file's name, for errors and the delimiter (`.tsv`). */
  source: string;
  /** What separates the labels within a cell (`house|tree`). Default `|`. A cell that starts with `[` is read as a JSON array instead. */
  separator?: string;
  /** The columns by role; default: the known header names, else item, worker, labels. */
  columns?: ColumnMapping;
}

const ROLES: readonly ColumnRole[] = ['item', 'worker', 'label'];

/** The labels of one cell: a JSON array (`["house","tree"]`) or `separator`-separated names, trimmed, empty ones dropped. */
function cellLabels(cell: string, separator: string, where: { source: string; line: number }): string[] {
  const text = cell.trim();
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new CrowdError('PARSE_ERROR', 'a label list that is not valid JSON', { ...where, expected: 'a JSON array of labels, e.g. ["house","tree"]', found: text });
    }
    if (!Array.isArray(parsed)) throw new CrowdError('PARSE_ERROR', 'a label list that is not an array', { ...where, expected: 'a JSON array', found: text });
    return parsed.map((l) => String(l).trim()).filter((l) => l !== '');
  }
  return text.split(separator).map((l) => l.trim()).filter((l) => l !== '');
}

/**
 * Reads multi-label crowd answers from long CSV/TSV text: `item, worker,
 * labels` rows whose labels cell lists the worker's labels for the item
 * (`house|tree`, or a JSON array). An empty list is an error naming the line.
 */
export function readMultiLabelText(text: string, options: MultiLabelTextOptions): MultiLabelAnswers {
  const { source } = options;
  const separator = options.separator ?? '|';
  const rows = answerRows(text, options, ROLES, 'labels');
  if (rows === undefined) return MultiLabelAnswers.fromObservations([], { source });
  const { body, cols } = rows;
  return MultiLabelAnswers.fromObservations(
    body.map(({ fields, line }) => ({ item: fields[cols.item] as string, worker: fields[cols.worker] as string, labels: cellLabels(fields[cols.label] as string, separator, { source, line }) })),
    { source, lineOfRow: (r) => (body[r] as { line: number }).line },
  );
}
