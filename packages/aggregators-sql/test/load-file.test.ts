import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dawidSkene } from '@crowdlearn/aggregators';
import { isCrowdError } from '@crowdlearn/core-matrix';
import { loadDataset, readLongLabels, writeLongCsv } from '@crowdlearn/datasets';
import { DuckDbEngine, loadLabelFile, readNames, sqlDawidSkene, writeCrowdLabels } from '../src/index.js';
import { expectSameByName } from './same-result.js';

describe('loading label files through the engine (DuckDB)', () => {
  let engine: DuckDbEngine;
  let dir: string;
  beforeAll(async () => {
    engine = await DuckDbEngine.open();
    dir = mkdtempSync(join(tmpdir(), 'aggregators-sql-'));
  });
  afterAll(async () => {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const music = loadDataset('music').labels;
  const csv = writeLongCsv(music, { names: { item: 'song', worker: 'annotator', label: 'genre' } });

  it('a CSV with its own column names gives the same DS as the file read by the datasets reader', async () => {
    const path = join(dir, 'music.csv');
    writeFileSync(path, csv);
    const table = await loadLabelFile(engine, path, { columns: { task: 'song', worker: 'annotator', label: 'genre' } });
    expect([table.numItems, table.numWorkers, table.numClasses, table.numLabels]).toEqual([music.numItems, music.numWorkers, music.numClasses, music.numLabels]);
    const reread = readLongLabels(csv, { columns: { item: 'song', worker: 'annotator', label: 'genre' } }).labels;
    expect(table.classes).toEqual(reread.classes.ids().map(String));
    const got = await sqlDawidSkene(engine, table);
    expectSameByName(got, await readNames(engine, table.taskNames, 'task'), dawidSkene(reread), reread.items.ids().map(String));
  });

  it('a Parquet file (written by DuckDB from the CSV) loads the same labels', async () => {
    const path = join(dir, 'music.csv');
    writeFileSync(path, csv);
    const parquet = join(dir, 'music.parquet');
    await engine.run(`COPY (SELECT * FROM read_csv('${path}', header = true, all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    const table = await loadLabelFile(engine, parquet, { columns: { task: 'song', worker: 'annotator', label: 'genre' }, tablePrefix: 'pq_' });
    expect(table.numLabels).toBe(music.numLabels);
    const reread = readLongLabels(csv, { columns: { item: 'song', worker: 'annotator', label: 'genre' } }).labels;
    expectSameByName(await sqlDawidSkene(engine, table, { tablePrefix: 'pq_' }), await readNames(engine, table.taskNames, 'task'), dawidSkene(reread), reread.items.ids().map(String));
  });

  it('bad files and bad names fail with the file or name and what was expected', async () => {
    const missing = join(dir, 'missing-column.csv');
    writeFileSync(missing, 'task,worker\na,w1\n');
    await expect(loadLabelFile(engine, missing)).rejects.toThrow(/missing-column\.csv.*label/s);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, 'task,worker,label\n');
    await expect(loadLabelFile(engine, empty)).rejects.toThrow(/empty\.csv: no labels/);
    const unknown = join(dir, 'unknown.csv');
    writeFileSync(unknown, 'task,worker,label\na,w1,yes\nb,w1,maybe\n');
    await expect(loadLabelFile(engine, unknown, { classes: ['no', 'yes'] })).rejects.toThrow(/unknown\.csv: label "maybe" is not one of the classes/);
    await expect(loadLabelFile(engine, unknown, { tablePrefix: 'x; DROP TABLE cl_labels; --' })).rejects.toThrow(/table prefix .* is not a plain SQL identifier/);
    await expect(writeCrowdLabels(engine, music, 'labels; DROP')).rejects.toThrow(/table name .* is not a plain SQL identifier/);
    const error = await loadLabelFile(engine, join(dir, 'labels.txt')).catch((e: unknown) => e);
    expect(isCrowdError(error, 'INVALID_ARGUMENT')).toBe(true);
    expect(String(error)).toMatch(/labels\.txt: cannot tell the format.*\.csv or \.parquet/);
  });
});
