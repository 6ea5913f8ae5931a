import { RowArgmax } from '@crowdlearn/core-matrix';
import type { AggregationResult } from '@crowdlearn/aggregators';
import type { SqlEngine } from '../engine.js';
import { readPosteriors, shardViews } from '../em-driver.js';
import type { SqlLabelTable } from '../label-table.js';
import { emTables } from '../plans/tables.js';
import { softVoteSelect } from '../plans/vote.js';
import type { SqlMethodOptions } from './options.js';

/**
 * Majority vote in the engine: the same result as `majorityVote` of
 * `@crowdlearn/aggregators` (soft-MV posteriors, ties by `tieBreak`, tasks
 * without labels uniform), computed by one group-by.
 */
export async function sqlMajorityVote(engine: SqlEngine, input: SqlLabelTable, options: SqlMethodOptions = {}): Promise<AggregationResult> {
  const K = input.numClasses;
  const tables = { ...emTables(options.tablePrefix), labels: input.table };
  const { onShards } = shardViews(engine, tables);
  await engine.executeOnShards(engine.dialect.createTableAs(onShards.posteriors, softVoteSelect(engine.dialect, onShards, K)));
  await engine.unionShards(tables.posteriors);
  const posteriors = await readPosteriors(engine, tables, input, new Float64Array(K).fill(1 / K));
  const argmax = new RowArgmax(options.tieBreak ?? 'random', options.seed ?? 0);
  return { method: 'mv', labels: argmax.rows(posteriors, input.numItems, K), posteriors };
}
