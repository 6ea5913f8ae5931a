import { CrowdError, PairwiseComparisons } from '@crowdlearn/core-matrix';
import { parseDelimited } from './delimited-parser.js';
import { pickDelimiter } from './long-format.js';

const ROLE_NAMES = {
  left: ['left', 'left_item', 'item_a', 'a'],
  right: ['right', 'right_item', 'item_b', 'b'],
  winner: ['winner', 'label', 'chosen', 'choice', 'answer'],
  worker: ['worker', 'performer', 'annotator', 'worker_id'],
} as const;

/**
 * Reads pairwise comparisons from CSV/TSV text: `left,right,winner,worker`
 * rows, with a header naming the columns (crowd-kit's `left,right,label,worker`
 * and the names in `ROLE_NAMES`, in any order) or, without one, in that
 * order. A row comparing an item with itself, or whose winner is neither
 * item, is a PARSE_ERROR naming its line.
 */
export function readPairwiseText(text: string, options: { source: string }): PairwiseComparisons {
  const { source } = options;
  const rows = parseDelimited(text, pickDelimiter(undefined, text, source), source).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const first = rows[0];
  if (first === undefined) return PairwiseComparisons.fromObservations([], { source });
  const lower = first.fields.map((f) => f.trim().toLowerCase());
  const find = (names: readonly string[]) => lower.findIndex((f) => names.includes(f));
  const named = { left: find(ROLE_NAMES.left), right: find(ROLE_NAMES.right), winner: find(ROLE_NAMES.winner), worker: find(ROLE_NAMES.worker) };
  const header = Object.values(named).filter((j) => j >= 0).length >= 2;
  if (header && Object.values(named).some((j) => j < 0)) {
    throw new CrowdError('PARSE_ERROR', 'the header does not name every column', { source, line: first.line, expected: 'left, right, winner (or label) and worker columns', found: first.fields.join(',') });
  }
  const cols = header ? named : { left: 0, right: 1, winner: 2, worker: 3 };
  const body = header ? rows.slice(1) : rows;
  const width = Math.max(...Object.values(cols)) + 1;
  for (const { fields, line } of body) if (fields.length < width) throw new CrowdError('PARSE_ERROR', 'too few fields', { source, line, expected: `${width} fields: left, right, winner, worker`, found: String(fields.length) });
  return PairwiseComparisons.fromObservations(
    body.map(({ fields }) => ({ left: (fields[cols.left] as string).trim(), right: (fields[cols.right] as string).trim(), winner: (fields[cols.winner] as string).trim(), worker: (fields[cols.worker] as string).trim() })),
    { source, lineOfRow: (r) => (body[r] as { line: number }).line },
  );
}
