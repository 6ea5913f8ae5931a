import { CrowdError } from '@crowdlearn/core-matrix';
import type { AggregationResult } from '@crowdlearn/aggregators';
import type { SqlEngine } from './engine.js';
import type { SqlLabelTable } from './label-table.js';
import { sqlDawidSkene } from './methods/dawid-skene.js';
import { sqlMajorityVote } from './methods/majority-vote.js';
import { sqlGlad } from './methods/glad.js';
import { sqlOneCoinDawidSkene, sqlZenCrowd } from './methods/one-coin.js';
import type { SqlMethodOptions } from './methods/options.js';
import { SQL_METHODS, type SqlMethodName } from './plan-script.js';

/** Options of {@link sqlAggregate}: the common ones, and the iterative methods' limit and tolerance. */
export interface SqlAggregateOptions extends SqlMethodOptions {
  /** Iteration limit (the method's default when absent). */
  maxIterations?: number;
  /** Stopping tolerance (the method's default when absent). */
  tol?: number;
}

/**
 * Runs a method by name in the engine, as `aggregate` of
 * `@crowdlearn/aggregators` does on typed arrays. An unknown name is an
 * INVALID_ARGUMENT error listing the names.
 */
export async function sqlAggregate(engine: SqlEngine, input: SqlLabelTable, method: string, options: SqlAggregateOptions = {}): Promise<AggregationResult> {
  if (!(SQL_METHODS as readonly string[]).includes(method)) {
    throw new CrowdError('INVALID_ARGUMENT', `no SQL plan for the aggregator ${JSON.stringify(method)}`, { expected: `one of ${SQL_METHODS.join(', ')}` });
  }
  switch (method as SqlMethodName) {
    case 'mv':
      return sqlMajorityVote(engine, input, options);
    case 'ds':
      return sqlDawidSkene(engine, input, options);
    case 'one-coin-ds':
      return sqlOneCoinDawidSkene(engine, input, options);
    case 'zencrowd':
      return sqlZenCrowd(engine, input, options);
    case 'glad':
      return sqlGlad(engine, input, options);
  }
}
