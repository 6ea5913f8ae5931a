import { CrowdError } from '@crowdlearn/core-matrix';
import type { SqlEngine } from './engine.js';
import { ClickHouseEngine } from './engines/clickhouse-engine.js';
import { DuckDbEngine } from './engines/duckdb-engine.js';

/** Which engine to open, and how: the options a command line or a config file gives. */
export interface EngineChoice {
  /** `duckdb` or `clickhouse`. */
  engine: string;
  /** DuckDB: a database file (default in memory). */
  path?: string;
  /** DuckDB: `memory_limit`, e.g. `400MB`. */
  memoryLimit?: string;
  /** ClickHouse: the HTTP URL of each server (one per shard with `cluster`). */
  urls?: readonly string[];
  /** ClickHouse: the cluster the URLs' servers form. */
  cluster?: string;
}

/** Opens the engine a choice names; a wrong combination is an INVALID_ARGUMENT error saying what was expected. */
export async function openEngine(choice: EngineChoice): Promise<SqlEngine> {
  if (choice.engine === 'duckdb') {
    if (choice.urls !== undefined || choice.cluster !== undefined) {
      throw new CrowdError('INVALID_ARGUMENT', 'DuckDB is embedded: it takes a database file and a memory limit, not URLs or a cluster');
    }
    return DuckDbEngine.open({ ...(choice.path !== undefined ? { path: choice.path } : {}), ...(choice.memoryLimit !== undefined ? { memoryLimit: choice.memoryLimit } : {}) });
  }
  if (choice.engine === 'clickhouse') {
    if (choice.urls === undefined || choice.urls.length === 0) throw new CrowdError('INVALID_ARGUMENT', 'ClickHouse needs the URL of its server', { expected: 'http://host:8123, or one URL per shard with a cluster name' });
    if (choice.path !== undefined || choice.memoryLimit !== undefined) throw new CrowdError('INVALID_ARGUMENT', "a database file and a memory limit are DuckDB's; ClickHouse keeps its own settings");
    return ClickHouseEngine.open({ urls: choice.urls, ...(choice.cluster !== undefined ? { cluster: choice.cluster } : {}) });
  }
  throw new CrowdError('INVALID_ARGUMENT', `unknown engine ${JSON.stringify(choice.engine)}`, { expected: 'duckdb or clickhouse' });
}
