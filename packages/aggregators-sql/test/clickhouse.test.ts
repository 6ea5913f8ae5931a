import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dawidSkene, glad, majorityVote, oneCoinDawidSkene, zenCrowd } from '@crowdlearn/aggregators';
import { loadDataset, readLongLabels, simulateCrowd, writeLongCsv } from '@crowdlearn/datasets';
import { ClickHouseEngine, loadLabelFile, readNames, sqlDawidSkene, sqlGlad, sqlMajorityVote, sqlOneCoinDawidSkene, sqlZenCrowd, writeCrowdLabels } from '../src/index.js';
import { expectSameByName, expectSameResult, GLAD_CLOSENESS } from './same-result.js';

// `.ci/run` installs Debian's clickhouse-server, starts two servers on 127.0.0.1 that form the
// cluster `crowdlearn` (scripts/clickhouse-cluster.sh) and passes their URLs here. Without
// them (a machine without ClickHouse) these tests are skipped, and say so.
const urls = (process.env['CROWDLEARN_CLICKHOUSE_URLS'] ?? '').split(',').filter((u) => u.length > 0);
const cluster = process.env['CROWDLEARN_CLICKHOUSE_CLUSTER'] ?? 'crowdlearn';
// CI sets CROWDLEARN_REQUIRE_CLICKHOUSE, and there a missing cluster is a failure, not a skip.
const required = process.env['CROWDLEARN_REQUIRE_CLICKHOUSE'] === '1';
const suite = urls.length >= 2 ? describe : describe.skip;
if (urls.length < 2) {
  if (required) {
    describe('ClickHouse cluster', () => {
      it('is running', () => {
        throw new Error('CROWDLEARN_CLICKHOUSE_URLS does not name two servers (see the clickhouse step of .ci/run)');
      });
    });
  } else {
    console.warn('ClickHouse tests skipped: CROWDLEARN_CLICKHOUSE_URLS does not name two servers');
  }
}

suite('ClickHouse reproduces the typed-array kernels', () => {
  let single: ClickHouseEngine;
  let sharded: ClickHouseEngine;
  beforeAll(async () => {
    single = await ClickHouseEngine.open({ urls: [urls[0] as string], database: 'default' });
    sharded = await ClickHouseEngine.open({ urls, cluster });
  });
  afterAll(async () => {
    await single?.close();
    await sharded?.close();
  });

  it('one server: MV, DS, one-coin DS and ZenCrowd on music', async () => {
    const labels = loadDataset('music').labels;
    const table = await writeCrowdLabels(single, labels, 'single_labels');
    const prefix = { tablePrefix: 'single_' };
    expectSameResult(await sqlMajorityVote(single, table, { ...prefix, seed: 2 }), majorityVote(labels, { seed: 2 }));
    expectSameResult(await sqlDawidSkene(single, table, prefix), dawidSkene(labels));
    expectSameResult(await sqlOneCoinDawidSkene(single, table, prefix), oneCoinDawidSkene(labels));
    expectSameResult(await sqlZenCrowd(single, table, prefix), zenCrowd(labels));
  });

  it('two shards: DS over a distributed table of about 100k labels', async () => {
    const labels = simulateCrowd({ numItems: 20_000, numWorkers: 200, numClasses: 4, labelsPerItem: 5, featureDim: 0, workerMix: { confusion: 3, oneCoin: 2, spammer: 1 } }, 5).labels;
    expect(labels.numLabels).toBeGreaterThan(95_000);
    const table = await writeCrowdLabels(sharded, labels);
    // each shard holds a part of the tasks, and no task is on both
    const parts = await Promise.all(
      urls.map(async (url) => {
        const shard = await ClickHouseEngine.open({ urls: [url] });
        const tasks = (await shard.query(`SELECT DISTINCT task FROM ${sharded.shardTable(table.table)}`))['task'] as Float64Array;
        await shard.close();
        return tasks;
      }),
    );
    expect(parts.map((p) => p.length).every((n) => n > 0)).toBe(true);
    expect(parts.reduce((n, p) => n + p.length, 0)).toBe(new Set(parts.flatMap((p) => Array.from(p))).size);
    expectSameResult(await sqlDawidSkene(sharded, table), dawidSkene(labels));
  });

  it('GLAD on one server and over two shards (its vectors partitioned like the posteriors)', async () => {
    const labels = loadDataset('music').labels;
    const want = glad(labels);
    expectSameResult(await sqlGlad(single, await writeCrowdLabels(single, labels, 'single_labels'), { tablePrefix: 'single_' }), want, GLAD_CLOSENESS);
    expectSameResult(await sqlGlad(sharded, await writeCrowdLabels(sharded, labels)), want, GLAD_CLOSENESS);
  });

  it('two shards: MV, one-coin DS and ZenCrowd on music', async () => {
    const labels = loadDataset('music').labels;
    const table = await writeCrowdLabels(sharded, labels);
    expectSameResult(await sqlMajorityVote(sharded, table, { seed: 2 }), majorityVote(labels, { seed: 2 }));
    expectSameResult(await sqlOneCoinDawidSkene(sharded, table), oneCoinDawidSkene(labels));
    expectSameResult(await sqlZenCrowd(sharded, table), zenCrowd(labels));
  });

  it('a CSV read by the servers, on one server and over the shards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aggregators-sql-ch-'));
    try {
      const music = loadDataset('music').labels;
      const csv = writeLongCsv(music, { names: { item: 'song', worker: 'annotator', label: 'genre' } });
      const path = join(dir, 'music.csv');
      writeFileSync(path, csv);
      const reread = readLongLabels(csv, { columns: { item: 'song', worker: 'annotator', label: 'genre' } }).labels;
      const want = dawidSkene(reread);
      const columns = { task: 'song', worker: 'annotator', label: 'genre' };
      for (const engine of [single, sharded]) {
        const table = await loadLabelFile(engine, path, { columns, tablePrefix: 'csv_' });
        expect(table.numLabels).toBe(music.numLabels);
        const got = await sqlDawidSkene(engine, table, { tablePrefix: 'csv_' });
        expectSameByName(got, await readNames(engine, table.taskNames, 'task'), want, reread.items.ids().map(String));
      }
      await expect(loadLabelFile(single, path)).rejects.toThrow(/music\.csv:1: no column "task" in the header/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
