import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accuracy, GoldLabels } from '@crowdlearn/core-matrix';
import { DuckDbEngine, sqlAggregate, writeCrowdLabels, type SqlLabelTable } from '@crowdlearn/aggregators-sql';
import { bigCrowd } from './big-crowd.js';
import { sqlCrowdStatements } from './sql-crowd.js';
import type { PerfOutcome, SqlAggregateTask } from './tasks.js';

const peak = () => process.resourceUsage().maxRSS / 1024;

/** Loads the crowd into DuckDB (timed apart), runs the method (timed), and scores it against the truth. */
export async function sqlAggregateTask(task: SqlAggregateTask): Promise<PerfOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'crowdlearn-duckdb-'));
  const path = join(dir, 'labels.duckdb');
  const engine = await DuckDbEngine.open({
    ...(task.storage === 'disk' ? { path, tempDirectory: join(dir, 'spill') } : {}),
    ...(task.memoryLimit !== undefined ? { memoryLimit: task.memoryLimit } : {}),
  });
  try {
    const t0 = performance.now();
    let table: SqlLabelTable;
    let gold: GoldLabels | Int32Array;
    if (task.source === 'js') {
      const crowd = bigCrowd(task.labels, { workers: task.labels >= 1e6 ? 1000 : 200, classes: 4, perTask: 10, seed: task.seed });
      table = await writeCrowdLabels(engine, crowd.labels);
      gold = crowd.gold;
    } else {
      await engine.execute(sqlCrowdStatements(task.labels, 'cl_labels', 'cl_truth'));
      const tasks = Math.floor(task.labels / 10);
      table = { table: 'cl_labels', numItems: tasks, numWorkers: 1000, numClasses: 4, numLabels: tasks * 10 };
      const truth = new Int32Array(tasks);
      await engine.queryEach('SELECT task, truth FROM cl_truth', (block) => {
        const task = block['task'] as Float64Array;
        const y = block['truth'] as Float64Array;
        for (let j = 0; j < task.length; j++) truth[task[j] as number] = y[j] as number;
      });
      gold = truth;
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const result = await sqlAggregate(engine, table, task.method);
    const seconds = (performance.now() - t1) / 1000;
    const score = gold instanceof Int32Array ? gold.reduce((n, y, i) => n + (result.labels[i] === y ? 1 : 0), 0) / gold.length : accuracy(result.labels, gold);
    const dbMiB = task.storage === 'disk' ? statSync(path).size / 2 ** 20 : 0;
    return { seconds, peakRssMiB: peak(), detail: { loadSeconds, accuracy: score, iterations: result.iterations ?? 0, dbMiB } };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
