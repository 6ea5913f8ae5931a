import { CrowdError } from '@crowdlearn/core-matrix';
import { aggregatorsSuite, htmlReport, SUITE_AGGREGATORS, type SuiteResult } from '@crowdlearn/bench';
import { loadInput, type InputOptions } from '../input.js';
import { seedValue } from '../method-flags.js';
import { assertWritable, fmt, printJson, writeOutput } from '../output.js';

/** Options of `crowdlearn compare`. */
export interface CompareCommandOptions extends InputOptions {
  methods?: string;
  seed?: unknown;
  report?: string;
  force?: boolean;
  json?: boolean;
}

/** The aggregators `compare` runs by default: every one that needs nothing but the labels. */
function labelOnlyAggregators(): string[] {
  return SUITE_AGGREGATORS.filter((e) => !e.capabilities.needsFeatures && !e.capabilities.neural).map((e) => e.name);
}

/** One ranked row: a method's accuracy, macro-F1 and seconds on the user's data. */
interface RankedRow {
  rank: number;
  method: string;
  accuracy: number;
  macroF1: number;
  seconds: number;
}

/** The suite's runs as rows ranked by accuracy (best first), then macro-F1; skipped methods apart, with why. */
function rank(result: SuiteResult): { rows: RankedRow[]; skipped: { method: string; reason: string }[] } {
  const rows = result.runs
    .filter((r) => r.value !== null)
    .map((r) => ({ method: r.method, accuracy: r.value as number, macroF1: Number(r.extra?.macroF1 ?? Number.NaN), seconds: r.seconds }))
    .sort((a, b) => b.accuracy - a.accuracy || b.macroF1 - a.macroF1)
    .map((r, j) => ({ rank: j + 1, ...r }));
  const skipped = result.runs.filter((r) => r.value === null).map((r) => ({ method: r.method, reason: r.skipped ?? 'no value' }));
  return { rows, skipped };
}

/**
 * Compares aggregators on the user's own labels and gold, through the
 * bench's aggregators suite (the same runs and report engine): a ranked
 * table of accuracy, macro-F1 and seconds, `--json`, and the bench's HTML
 * report with `--report`.
 */
export async function compareCommand(file: string | undefined, o: CompareCommandOptions): Promise<void> {
  const all = SUITE_AGGREGATORS.map((e) => e.name);
  const methods = o.methods === undefined ? labelOnlyAggregators() : String(o.methods).split(',').map((m) => m.trim()).filter((m) => m !== '');
  for (const m of methods) {
    if (!all.includes(m)) throw new CrowdError('INVALID_ARGUMENT', `bad --methods: unknown aggregator ${JSON.stringify(m)}`, { expected: `names from: ${all.join(', ')}` });
  }
  const seed = seedValue(o.seed);
  assertWritable(o.report, o.force === true);
  const input = await loadInput(file, o);
  if (input.gold === undefined || input.gold.size === 0) throw new CrowdError('INVALID_ARGUMENT', 'compare needs gold labels to score the methods', { expected: '--gold <file>, or a --dataset with gold' });
  const name = input.source;
  const result = await aggregatorsSuite({
    quick: false,
    methods,
    seeds: [seed],
    datasets: [],
    data: [{ name, labels: input.labels, gold: input.gold, ...(input.features !== undefined ? { features: input.features } : {}) }],
  });
  const { rows, skipped } = rank(result);
  if (o.report !== undefined) await writeOutput(o.report, htmlReport([result], `crowdlearn compare: ${name}`, () => true), o.force === true);
  if (o.json === true) return printJson({ source: name, items: input.labels.numItems, goldItems: input.gold.size, seed, ranking: rows, skipped, ...(o.report !== undefined ? { report: o.report } : {}) });
  const width = Math.max(6, ...rows.map((r) => r.method.length));
  const lines = [
    `${methods.length} methods on ${name}: ${input.labels.numItems} items, ${input.labels.numLabels} labels, ${input.gold.size} gold items, seed ${seed}`,
    `rank  ${'method'.padEnd(width)}  accuracy  macro-F1   seconds`,
    ...rows.map((r) => `${String(r.rank).padStart(4)}  ${r.method.padEnd(width)}  ${fmt(100 * r.accuracy, 2).padStart(7)}%  ${fmt(r.macroF1).padStart(8)}  ${fmt(r.seconds, 3).padStart(8)}`),
    ...skipped.map((s) => `   -  ${s.method.padEnd(width)}  skipped: ${s.reason}`),
  ];
  if (o.report !== undefined) lines.push(`report written to ${o.report}`);
  process.stdout.write(lines.join('\n') + '\n');
}
