import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { CrowdError } from '@crowdlearn/core-matrix';
import { clickhouseDialect } from '../dialects/clickhouse.js';
import type { SqlDialect } from '../dialects/dialect.js';
import type { LabelFile, NumericColumns, SqlEngine } from '../engine.js';
import { assertIdentifier } from '../plans/tables.js';

/** Options of {@link ClickHouseEngine.open}. */
export interface ClickHouseOptions {
  /**
   * HTTP URL of every server: one for a single server, or one per shard of
   * `cluster` (the first is the coordinator).
   */
  urls: readonly string[];
  /**
   * Name of the cluster (a `remote_servers` entry) the shards form. With it,
   * labels and posteriors are partitioned by task over the shards (a
   * Distributed table over per-shard `<table>_shard` tables), each E-step runs
   * on every shard over its own tasks, and only the worker parameters move
   * between servers.
   */
  cluster?: string;
  /** Database of the tables. Default `default`. */
  database?: string;
  /** User name. Default `default`. */
  username?: string;
  /** Password. Default empty. */
  password?: string;
  /** Per-request timeout in milliseconds. Default 300,000. */
  requestTimeout?: number;
}

/** Rows per insert request when writing triples. */
const INSERT_BATCH = 1_000_000;

/**
 * ClickHouse, through `@clickhouse/client` over HTTP: one server, or a
 * cluster whose shards each hold a partition of the tasks. Works down to the
 * 18.16 server Debian ships (tab-separated results; no newer formats).
 */
export class ClickHouseEngine implements SqlEngine {
  readonly dialect: SqlDialect = clickhouseDialect;
  readonly #shards: ClickHouseClient[];
  readonly #cluster: string | undefined;
  readonly #database: string;

  private constructor(shards: ClickHouseClient[], cluster: string | undefined, database: string) {
    this.#shards = shards;
    this.#cluster = cluster;
    this.#database = database;
  }

  /** Connects, checks every server answers, and with `cluster` that the cluster has one shard per URL. */
  static async open(options: ClickHouseOptions): Promise<ClickHouseEngine> {
    if (options.urls.length === 0) throw new CrowdError('INVALID_ARGUMENT', 'ClickHouse needs at least one server URL');
    if (options.cluster === undefined && options.urls.length > 1) {
      throw new CrowdError('INVALID_ARGUMENT', 'several ClickHouse URLs need the name of the cluster they form', { found: options.urls.join(', ') });
    }
    const database = options.database ?? 'default';
    assertIdentifier(database, 'database');
    if (options.cluster !== undefined) assertIdentifier(options.cluster, 'cluster');
    const clients = options.urls.map((url) =>
      createClient({
        url,
        database,
        username: options.username ?? 'default',
        password: options.password ?? '',
        request_timeout: options.requestTimeout ?? 300_000,
        // progress headers keep a long query's connection alive (the client warns without them)
        clickhouse_settings: { send_progress_in_http_headers: 1, http_headers_progress_interval_ms: '10000' },
      }),
    );
    const engine = new ClickHouseEngine(clients, options.cluster, database);
    for (const [s, client] of clients.entries()) {
      const ping = await client.ping();
      if (!ping.success) {
        await engine.close();
        throw new CrowdError('IO_ERROR', `ClickHouse server ${options.urls[s]} does not answer`, { found: String(ping.error) });
      }
    }
    if (options.cluster !== undefined) {
      const shards = (await engine.query(`SELECT count(DISTINCT shard_num) AS n FROM system.clusters WHERE cluster = '${options.cluster.replace(/'/g, "''")}'`))['n']?.[0];
      if (shards !== options.urls.length) {
        await engine.close();
        throw new CrowdError('INVALID_ARGUMENT', `ClickHouse cluster ${options.cluster} has ${shards ?? 0} shards, but ${options.urls.length} URLs were given`);
      }
    }
    return engine;
  }

  async execute(statements: readonly string[]): Promise<void> {
    await runAll(this.#coordinator, statements);
  }

  async executeOnShards(statements: readonly string[]): Promise<void> {
    await Promise.all(this.#shards.map((client) => runAll(client, statements)));
  }

  shardTable(table: string): string {
    return this.#cluster === undefined ? table : `${table}_shard`;
  }

  async unionShards(table: string): Promise<void> {
    if (this.#cluster === undefined) return;
    const shard = this.shardTable(table);
    await this.execute([`DROP TABLE IF EXISTS ${table}`, `CREATE TABLE ${table} AS ${shard} ENGINE = Distributed(${this.#cluster}, ${this.#database}, ${shard})`]);
  }

  async broadcast(table: string): Promise<void> {
    if (this.#cluster === undefined) return;
    const create = await (await this.#coordinator.query({ query: `SHOW CREATE TABLE ${table}`, format: 'TabSeparatedRaw' })).text();
    const rows = await (await this.#coordinator.query({ query: `SELECT * FROM ${table}`, format: 'TabSeparated' })).text();
    await Promise.all(
      this.#shards.slice(1).map(async (client) => {
        await runAll(client, [`DROP TABLE IF EXISTS ${table}`, create.trim()]);
        await client.insert({ table, values: byteStream(rows), format: 'TabSeparated' });
      }),
    );
  }

  async query(sql: string): Promise<NumericColumns> {
    const text = await (await this.#coordinator.query({ query: sql, format: 'TabSeparatedWithNames' })).text();
    return parseNumericTsv(text);
  }

  async queryEach(sql: string, onBlock: (block: NumericColumns) => void): Promise<void> {
    onBlock(await this.query(sql));
  }

  async writeTriples(table: string, task: Int32Array, worker: Int32Array, label: Int32Array): Promise<void> {
    await this.#createTriplesTables(table);
    for (let start = 0; start < task.length; start += INSERT_BATCH) {
      const end = Math.min(task.length, start + INSERT_BATCH);
      const lines: string[] = [];
      for (let e = start; e < end; e++) lines.push(`${task[e]}\t${worker[e]}\t${label[e]}\n`);
      await this.#coordinator.insert({ table, values: byteStream(lines.join('')), format: 'TabSeparated', clickhouse_settings: this.#insertSettings });
    }
  }

  async createTriples(table: string, select: string): Promise<void> {
    await this.#createTriplesTables(table);
    await this.#coordinator.command({
      query: `INSERT INTO ${table} SELECT toInt32(task) AS task, toInt32(worker) AS worker, toInt32(label) AS label FROM (${select})`,
      clickhouse_settings: this.#insertSettings,
    });
  }

  async queryStrings(sql: string): Promise<Record<string, string[]>> {
    const text = await (await this.#coordinator.query({ query: sql, format: 'TabSeparatedWithNames' })).text();
    const lines = text.split('\n').filter((line) => line.length > 0);
    const names = (lines[0] ?? '').split('\t');
    const out: Record<string, string[]> = {};
    names.forEach((name) => (out[name] = []));
    for (const line of lines.slice(1)) line.split('\t').forEach((field, c) => out[names[c] as string]?.push(unescapeTsv(field)));
    return out;
  }

  /**
   * Reads a CSV file with a header (the server parses it, streamed from
   * here): columns are found by name in the header, since old servers match
   * `CSVWithNames` columns by position. Parquet is not read here (Debian's
   * server has no Parquet format); DuckDB reads it.
   */
  async importLabelFile(raw: string, file: LabelFile): Promise<void> {
    const d = this.dialect;
    if (file.format !== 'csv') {
      throw new CrowdError('INVALID_ARGUMENT', 'the ClickHouse engine reads CSV label files', { source: file.path, expected: 'a .csv file, or DuckDB for Parquet' });
    }
    const header = await csvHeader(file.path);
    const position = (name: string) => {
      const at = header.indexOf(name);
      if (at < 0) throw new CrowdError('PARSE_ERROR', `no column ${JSON.stringify(name)} in the header`, { source: file.path, line: 1, expected: JSON.stringify(Object.values(file.columns)), found: JSON.stringify(header) });
      return at;
    };
    const { task, worker, label } = file.columns;
    const [t, w, l] = [position(task), position(worker), position(label)];
    const all = `${raw}_all`;
    await this.execute([d.dropTable(all), `CREATE TABLE ${all} (${header.map((_, c) => `c${c} String`).join(', ')}) ENGINE = Memory`]);
    await this.#coordinator.insert({ table: all, values: createReadStream(file.path), format: 'CSVWithNames' });
    await this.execute([...d.createTableAs(raw, `SELECT c${t} AS task_name, c${w} AS worker_name, c${l} AS label_name FROM ${all}`), d.dropTable(all)]);
  }

  /** The triples' table, or on a cluster a per-shard table on every shard and a Distributed table over them, sharded by task. */
  async #createTriplesTables(table: string): Promise<void> {
    const columns = '(task Int32, worker Int32, label Int32)';
    const shard = this.shardTable(table);
    await this.executeOnShards([`DROP TABLE IF EXISTS ${shard}`, `CREATE TABLE ${shard} ${columns} ENGINE = Memory`]);
    if (this.#cluster !== undefined) {
      await this.execute([`DROP TABLE IF EXISTS ${table}`, `CREATE TABLE ${table} ${columns} ENGINE = Distributed(${this.#cluster}, ${this.#database}, ${shard}, task)`]);
    }
  }

  /** insert_distributed_sync: the rows are on their shards when an insert returns. */
  get #insertSettings(): { insert_distributed_sync?: 1 } {
    return this.#cluster === undefined ? {} : { insert_distributed_sync: 1 };
  }

  async close(): Promise<void> {
    await Promise.all(this.#shards.map((client) => client.close()));
  }

  get #coordinator(): ClickHouseClient {
    return this.#shards[0] as ClickHouseClient;
  }
}

/** A byte stream of `text`: the client takes tab-separated data only as a non-object-mode stream. */
function byteStream(text: string): Readable {
  return Readable.from([Buffer.from(text)], { objectMode: false });
}

async function runAll(client: ClickHouseClient, statements: readonly string[]): Promise<void> {
  for (const query of statements) await client.command({ query });
}

/** Parses `TabSeparatedWithNames` output whose values are all numbers (`\N` = NULL → NaN). */
export function parseNumericTsv(text: string): NumericColumns {
  const lines = text.split('\n').filter((line) => line.length > 0);
  const names = (lines[0] ?? '').split('\t');
  const columns = names.map(() => new Float64Array(lines.length - 1));
  for (let r = 1; r < lines.length; r++) {
    const fields = (lines[r] as string).split('\t');
    for (let c = 0; c < names.length; c++) (columns[c] as Float64Array)[r - 1] = tsvNumber(fields[c] ?? '');
  }
  const out: NumericColumns = {};
  names.forEach((name, c) => (out[name] = columns[c] as Float64Array));
  return out;
}

function tsvNumber(field: string): number {
  if (field === '\\N' || field === 'nan' || field === '-nan') return Number.NaN;
  if (field === 'inf' || field === '+inf') return Infinity;
  if (field === '-inf') return -Infinity;
  return Number(field);
}

/** The unescaped value of a TabSeparated field. */
function unescapeTsv(field: string): string {
  return field.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '0': '\0', b: '\b', f: '\f' })[c] ?? c);
}

/** The column names of a CSV file's first line (double-quoted names allowed). */
async function csvHeader(path: string): Promise<string[]> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(65536);
  const { bytesRead } = await handle.read(head, 0, head.length, 0).finally(() => handle.close());
  const text = head.subarray(0, bytesRead).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  const names: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') names.push(field), (field = '');
    else field += c;
  }
  names.push(field);
  return names.map((n) => n.trim());
}
