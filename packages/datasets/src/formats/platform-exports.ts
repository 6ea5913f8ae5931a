import { CrowdError } from '@crowdlearn/core-matrix';
import type { ColumnMapping } from './columns.js';

/** How a crowdsourcing platform's export lays out its labels, found from its header. */
export interface PlatformLayout {
  /** The platform, for messages. */
  platform: string;
  /** The item, worker, label (and gold) columns by header name. */
  columns: ColumnMapping;
  /** A status column whose listed values mark records to leave out (rejected assignments). */
  status?: StatusFilter;
}

/** A platform export's assignment status column, and the values that mark a record to leave out. */
export interface StatusFilter {
  /** The status column's header name. */
  column: string;
  /** The statuses of records left out (`Rejected`). */
  rejected: readonly string[];
}

/**
 * The layout of a platform export from its header, or undefined:
 * - Amazon Mechanical Turk batch results (`HITId`, `WorkerId`, one
 *   `Answer.*` column; `AssignmentStatus` `Rejected` rows left out);
 * - Toloka results TSV (`INPUT:*`, `OUTPUT:*`, `ASSIGNMENT:worker_id`;
 *   `GOLDEN:*` as gold; `ASSIGNMENT:status` `REJECTED` rows left out).
 * A label column the header leaves ambiguous (several answers) is an error
 * asking for `columns`, unless `given` names it.
 */
export function platformLayout(header: readonly string[], given: ColumnMapping, where: { source: string; line: number }): PlatformLayout | undefined {
  const has = (name: string) => header.includes(name);
  const starting = (prefix: string) => header.filter((h) => h.startsWith(prefix));
  const pick = (candidates: string[], what: string): string => {
    if (candidates.length === 1) return candidates[0] as string;
    throw new CrowdError('PARSE_ERROR', `${candidates.length === 0 ? 'no' : 'several'} ${what} columns`, {
      ...where,
      expected: `one, or --columns label=<${candidates.length > 0 ? candidates.join(' | ') : 'a column'}>`,
      found: header.join(','),
    });
  };
  if (has('HITId') && has('WorkerId')) {
    const label = given.label ?? pick(starting('Answer.'), 'Answer.*');
    return { platform: 'Amazon Mechanical Turk', columns: { item: 'HITId', worker: 'WorkerId', label }, ...(has('AssignmentStatus') ? { status: { column: 'AssignmentStatus', rejected: ['Rejected'] } } : {}) };
  }
  if (has('ASSIGNMENT:worker_id') && starting('OUTPUT:').length > 0) {
    const label = given.label ?? pick(starting('OUTPUT:'), 'OUTPUT:*');
    const inputs = starting('INPUT:');
    const item = inputs.length === 1 ? (inputs[0] as string) : has('ASSIGNMENT:task_id') ? 'ASSIGNMENT:task_id' : pick(inputs, 'INPUT:*');
    const golden = typeof label === 'string' ? `GOLDEN:${label.slice('OUTPUT:'.length)}` : '';
    return {
      platform: 'Toloka',
      columns: { item, worker: 'ASSIGNMENT:worker_id', label, ...(has(golden) ? { gold: golden } : {}) },
      ...(has('ASSIGNMENT:status') ? { status: { column: 'ASSIGNMENT:status', rejected: ['REJECTED'] } } : {}),
    };
  }
  return undefined;
}
