import { CrowdError, type CrowdLabels } from '@crowdlearn/core-matrix';
import type { SqlEngine } from './engine.js';
import { assertIdentifier } from './plans/tables.js';

/**
 * Labels that live in an engine: a table of (task, worker, label) triples with
 * 0-based integer ids, and the sizes the methods need. Tasks without labels
 * (ids below `numItems` that never occur) get the prior as posterior, as in
 * `@crowdlearn/aggregators`.
 */
export interface SqlLabelTable {
  /** The triples' table. */
  table: string;
  /** Number of tasks N (ids 0..N-1). */
  numItems: number;
  /** Number of workers R (ids 0..R-1). */
  numWorkers: number;
  /** Number of classes K (labels 0..K-1). */
  numClasses: number;
  /** Number of labels (rows of the table). */
  numLabels: number;
  /** Task names by id, when the labels came from a file. */
  items?: string[];
  /** Worker names by id, when the labels came from a file. */
  workers?: string[];
  /** Class names by id, when the labels came from a file. */
  classes?: string[];
}

/** Writes a label matrix into the engine as table `table` (default `cl_labels`). */
export async function writeCrowdLabels(engine: SqlEngine, labels: CrowdLabels, table = 'cl_labels'): Promise<SqlLabelTable> {
  if (labels.numClasses < 2) {
    throw new CrowdError('INVALID_ARGUMENT', 'SQL aggregation needs at least two classes', { found: String(labels.numClasses) });
  }
  assertIdentifier(table, 'table name');
  await engine.writeTriples(table, labels.item, labels.worker, labels.label);
  return { table, numItems: labels.numItems, numWorkers: labels.numWorkers, numClasses: labels.numClasses, numLabels: labels.numLabels };
}
