/**
 * `@crowdlearn/aggregators-sql`: the EM of `@crowdlearn/aggregators`
 * written as set-oriented SQL over a table of label triples, run by an
 * existing engine (DuckDB embedded; plans for ClickHouse, Spark SQL, Trino
 * and BigQuery). For labels that outgrow one process's memory or already
 * live in a warehouse. Results have the shape the typed-array kernels
 * return.
 *
 * @packageDocumentation
 */
export type { DialectName, SqlDialect } from './dialects/dialect.js';

export { DIALECTS } from './dialects/index.js';
export type { NumericColumns, SqlEngine } from './engine.js';
export { queryScalar } from './engine.js';
export { DuckDbEngine } from './engines/duckdb-engine.js';
export type { DuckDbOptions } from './engines/duckdb-engine.js';
export type { SqlLabelTable } from './label-table.js';
export { writeCrowdLabels } from './label-table.js';
export type { SqlMethodOptions } from './methods/options.js';
export { sqlMajorityVote } from './methods/majority-vote.js';
export { sqlDawidSkene } from './methods/dawid-skene.js';
export type { SqlDawidSkeneOptions } from './methods/dawid-skene.js';
export { sqlOneCoinDawidSkene, sqlZenCrowd } from './methods/one-coin.js';
export { sqlGlad } from './methods/glad.js';
export type { SqlGladOptions } from './methods/glad.js';
export type { SqlOneCoinOptions, SqlZenCrowdOptions } from './methods/one-coin.js';
export { ClickHouseEngine } from './engines/clickhouse-engine.js';
export type { ClickHouseOptions } from './engines/clickhouse-engine.js';
export type { LabelColumns, LabelFile } from './engine.js';
export { loadLabelFile, readNames } from './load-file.js';
export type { LoadedLabelTable, LoadLabelFileOptions } from './load-file.js';
export { planScript, SQL_METHODS } from './plan-script.js';
export type { PlanScriptOptions, SqlMethodName } from './plan-script.js';
export { sqlAggregate } from './sql-aggregate.js';
export type { SqlAggregateOptions } from './sql-aggregate.js';
export { openEngine } from './open-engine.js';
export type { EngineChoice } from './open-engine.js';
