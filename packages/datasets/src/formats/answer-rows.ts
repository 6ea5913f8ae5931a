import { CrowdError } from '@crowdlearn/core-matrix';
import { looksLikeHeader, resolveColumns, type ColumnMapping, type ColumnRole } from './columns.js';
import { parseDelimited, type DelimitedRecord } from './delimited-parser.js';
import { pickDelimiter } from './long-format.js';

/** The rows of a long answers file and where its item, worker and answer (and optional truth) columns are. */
export interface AnswerRows {
  /** The data rows (the header, if any, left out; blank lines dropped), each at least as wide as the columns need. */
  body: DelimitedRecord[];
  cols: { item: number; worker: number; label: number; gold?: number };
}

/**
 * Splits long CSV/TSV text into rows and finds its `item, worker, answer`
 * columns (and the truth column among `roles`): from a header with the known
 * names or `columns`, else by position. Shared by the numeric and the
 * multi-label readers; `answer` names the answer column in errors. Undefined
 * for a file with no rows.
 */
export function answerRows(text: string, options: { source: string; columns?: ColumnMapping }, roles: readonly ColumnRole[], answer: string): AnswerRows | undefined {
  const { source } = options;
  const rows = parseDelimited(text, pickDelimiter(undefined, text, source), source).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const first = rows[0];
  if (first === undefined) return undefined;
  const given = options.columns ?? {};
  const header = Object.values(given).some((c) => typeof c === 'string') || looksLikeHeader(first.fields, roles);
  const cols = resolveColumns(header ? first.fields : undefined, given, { item: 0, worker: 1, label: 2 }, { source, line: first.line }, roles);
  if (cols.item === undefined || cols.worker === undefined || cols.label === undefined) {
    throw new CrowdError('PARSE_ERROR', `no item, worker or ${answer} column`, { source, line: first.line, expected: 'a header such as question,worker,answer, or the columns option', found: first.fields.join(',') });
  }
  const body = header ? rows.slice(1) : rows;
  const width = Math.max(cols.item, cols.worker, cols.label, cols.gold ?? 0) + 1;
  for (const { fields, line } of body) {
    if (fields.length < width) throw new CrowdError('PARSE_ERROR', 'too few fields', { source, line, expected: `at least ${width} fields`, found: String(fields.length) });
  }
  return { body, cols: { item: cols.item, worker: cols.worker, label: cols.label, ...(cols.gold !== undefined ? { gold: cols.gold } : {}) } };
}
