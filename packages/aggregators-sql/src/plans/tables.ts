import { CrowdError } from '@crowdlearn/core-matrix';

/**
 * Names of the tables an EM run keeps in the engine. `labels` holds the
 * label triples (task, worker, label as 0-based integers); the others are
 * rebuilt every iteration.
 */
export interface EmTables {
  /** Label triples: `task`, `worker`, `label`. */
  labels: string;
  /** Posteriors, one row per labelled task: `task`, `deg`, `p0..p{K-1}`, `ll`. */
  posteriors: string;
  /** Worker parameters in the layout of the method (see the M-step plans). */
  workers: string;
  /** The previous iteration's worker skills (ZenCrowd's stopping rule). */
  previousWorkers: string;
  /** Expected confusion counts of the DS M-step: `worker`, `label`, `n0..n{K-1}`. */
  counts: string;
  /** GLAD's per-task parameters and conjugate-gradient vectors: `task`, `x`, `g`, `dir`, `gn`, `q`, `p0..p{K-1}`. */
  tasks: string;
  /** GLAD's per-shard partial sums of the worker gradient: `worker`, `gl`. */
  workerPartials: string;
}

/**
 * Checks that a name the plans write into SQL unquoted (a table, a table
 * prefix, a cluster or database name) is a plain identifier, so that no
 * option can inject SQL.
 */
export function assertIdentifier(name: string, what: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new CrowdError('INVALID_ARGUMENT', `${what} ${JSON.stringify(name)} is not a plain SQL identifier`, { expected: 'letters, digits and underscores, not starting with a digit' });
  }
}

/** Table names with a common prefix (default `cl_`), so that several runs can share a database. */
export function emTables(prefix = 'cl_'): EmTables {
  assertIdentifier(prefix, 'table prefix');
  return {
    labels: `${prefix}labels`,
    posteriors: `${prefix}posteriors`,
    workers: `${prefix}workers`,
    previousWorkers: `${prefix}previous_workers`,
    counts: `${prefix}counts`,
    tasks: `${prefix}tasks`,
    workerPartials: `${prefix}worker_partials`,
  };
}
