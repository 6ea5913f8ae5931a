import { basename } from 'node:path';
import { CrowdError } from '@crowdlearn/core-matrix';
import type { PairwiseResult } from '@crowdlearn/aggregators';
import { csvField, readPairwiseText } from '@crowdlearn/datasets';
import { readText } from '../input.js';
import { methodEntry } from '../methods.js';
import { methodOptions, seedValue } from '../method-flags.js';
import { assertWritable, fmt, isStdout, printJson, writeOutput } from '../output.js';

/** Options of `crowdlearn rank`. */
export interface RankCommandOptions {
  method?: string;
  seed?: unknown;
  out?: string;
  force?: boolean;
  json?: boolean;
  [flag: string]: unknown;
}

/**
 * Scores items from pairwise comparisons (`left,right,winner,worker` rows)
 * with a pairwise aggregator of the catalogue: prints the items best first
 * (or one JSON object), and with `--out` writes `item,score,rank` rows.
 */
export async function rankCommand(file: string | undefined, o: RankCommandOptions): Promise<void> {
  if (file === undefined) throw new CrowdError('INVALID_ARGUMENT', 'rank needs a file of pairwise comparisons', { expected: 'crowdlearn rank comparisons.csv --method bradley-terry' });
  const entry = methodEntry(o.method ?? 'bradley-terry', 'rank');
  const options = methodOptions(entry, 'rank', o);
  const seed = seedValue(o.seed);
  assertWritable(o.out, o.force === true);
  const source = basename(file);
  const comparisons = readPairwiseText(readText(file), { source });
  const t0 = performance.now();
  const result = (await entry.run({ comparisons }, options, { seed })) as PairwiseResult;
  const seconds = (performance.now() - t0) / 1000;
  const ids = comparisons.items.ids().map(String);
  const order = Array.from(result.scores.keys()).sort((a, b) => (result.scores[b] as number) - (result.scores[a] as number) || a - b);
  const ranking = order.map((i, r) => ({ item: ids[i] as string, score: result.scores[i] as number, rank: r + 1 }));
  if (o.out !== undefined) await writeOutput(o.out, ['item,score,rank', ...ranking.map((r) => `${csvField(r.item)},${r.score},${r.rank}`)].join('\n') + '\n', o.force === true);
  const report = { method: entry.name, source, items: comparisons.numItems, workers: comparisons.numWorkers, comparisons: comparisons.numComparisons, seconds, iterations: result.iterations, converged: result.converged, ranking, ...(o.out !== undefined ? { out: o.out } : {}) };
  if (o.json === true) return printJson(report);
  const width = Math.max(4, ...ranking.slice(0, 20).map((r) => r.item.length));
  const lines = [
    `${entry.name} on ${source}: ${comparisons.numItems} items, ${comparisons.numWorkers} workers, ${comparisons.numComparisons} comparisons`,
    `time ${fmt(seconds, 3)} s, ${result.iterations} iterations`,
    `rank  ${'item'.padEnd(width)}  score`,
    ...ranking.slice(0, 20).map((r) => `${String(r.rank).padStart(4)}  ${r.item.padEnd(width)}  ${fmt(r.score)}`),
    ...(ranking.length > 20 ? [`... ${ranking.length - 20} more${o.out === undefined ? ' (--out writes them all)' : ''}`] : []),
  ];
  if (o.out !== undefined) lines.push(`scores written to ${o.out}`);
  (isStdout(o.out) ? process.stderr : process.stdout).write(lines.join('\n') + '\n');
}
