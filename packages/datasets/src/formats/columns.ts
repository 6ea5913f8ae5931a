import { CrowdError } from '@crowdlearn/core-matrix';

/** The roles a column of a long-format file can play. */
export type ColumnRole = 'item' | 'worker' | 'label' | 'gold' | 'origin';

/** Where each role's column is: a header name or a 0-based position. */
export type ColumnMapping = Partial<Record<ColumnRole, string | number>>;

/**
 * Header names recognised without options (case-insensitive): the
 * truth-inference benchmark's `question,worker,answer` / `question,truth`,
 * crowd-kit's `task,worker,label` / `task,true_label`, and common variants.
 */
export const KNOWN_COLUMN_NAMES: Readonly<Record<ColumnRole, readonly string[]>> = {
  item: ['question', 'task', 'item', 'example', 'item_id', 'task_id', 'question_id', 'object'],
  worker: ['worker', 'annotator', 'worker_id', 'annotator_id', 'performer', 'workerid'],
  label: ['answer', 'label', 'response', 'annotation'],
  gold: ['truth', 'true_label', 'gold', 'gold_label', 'golden'],
  origin: ['origin'],
};

/** Resolved 0-based positions of the roles present. */
export type ResolvedColumns = Partial<Record<ColumnRole, number>>;

/** True when `fields` looks like a header: it names at least two known roles. */
export function looksLikeHeader(fields: readonly string[], roles: readonly ColumnRole[]): boolean {
  let hits = 0;
  for (const role of roles) if (findKnown(fields, role) >= 0) hits++;
  return hits >= 2;
}

/** The position of the first field that is one of `role`'s known names, or -1. */
export function findKnown(fields: readonly string[], role: ColumnRole): number {
  const names = KNOWN_COLUMN_NAMES[role];
  return fields.findIndex((f) => names.includes(f.trim().toLowerCase()));
}

/**
 * Positions of the roles, from a header (names) or from explicit positions.
 * A role named in `mapping` but absent from the header is an error naming
 * the header line.
 */
export function resolveColumns(
  header: readonly string[] | undefined,
  mapping: ColumnMapping,
  defaults: ResolvedColumns,
  where: { source: string; line: number },
  roles: readonly ColumnRole[],
): ResolvedColumns {
  const out: ResolvedColumns = {};
  for (const role of roles) {
    const want = mapping[role];
    if (typeof want === 'number') {
      out[role] = want;
    } else if (typeof want === 'string') {
      const pos = header?.findIndex((f) => f.trim() === want) ?? -1;
      if (pos < 0) {
        throw new CrowdError('PARSE_ERROR', `no column named ${JSON.stringify(want)} for the ${role}`, {
          ...where,
          expected: `a header with ${JSON.stringify(want)}`,
          found: header === undefined ? 'no header' : header.join(','),
        });
      }
      out[role] = pos;
    } else if (header !== undefined) {
      const pos = findKnown(header, role);
      if (pos >= 0) out[role] = pos;
    } else if (defaults[role] !== undefined) {
      out[role] = defaults[role];
    }
  }
  return out;
}
