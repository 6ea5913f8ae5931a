import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CROWDKIT_METHODS, crowdKitMissing, pythonCommand, runCrowdKit } from '../perf/crowdkit.js';
import { runInChild } from '../perf/run-child.js';
import { FIT_METHODS, type PerfOutcome, type PerfTask } from '../perf/tasks.js';
import type { RunRecord, SuiteResult, SummaryRow } from '../engine/results.js';
import type { SuiteOptions } from './options.js';

const SIZES = { '100k': 100_000, '1M': 1_000_000, '10M': 10_000_000 } as const;
const PERF_METHODS = ['mv', 'wawa', 'zbs', 'ds', 'one-coin-ds', 'zencrowd', 'hds', 'fds', 'glad', 'irt', 'mace'];
// Too slow at 10M for a routine run (measured at 1M: GLAD 4.4 s, IRT similar, MACE 15 s with 10 restarts).
const SKIP_AT_10M = new Set(['glad', 'irt', 'mace', 'zbs']);

/** Runs one measurement in a child process and records it. */
async function measure(suite: string, dataset: string, method: string, task: PerfTask, runs: RunRecord[], o: SuiteOptions): Promise<PerfOutcome> {
  const outcome = await runInChild(task);
  const record: RunRecord = { suite, dataset, method, seed: 0, metric: 'seconds', value: outcome.seconds, seconds: outcome.seconds, extra: { peakRssMiB: outcome.peakRssMiB, ...outcome.detail } };
  runs.push(record);
  o.onRun?.(record, runs.length, runs.length);
  return outcome;
}

function asSummary(runs: RunRecord[]): SummaryRow[] {
  return runs.map((r) => ({ suite: r.suite, dataset: r.dataset, method: r.method, metric: r.metric, mean: r.value as number, std: Number.NaN, n: 1, seconds: r.seconds }));
}

/** Every aggregator on simulated crowds of 100k, 1M and 10M labels: time, peak memory, ratios against MV. */
export async function perfAggregatorsSuite(o: SuiteOptions): Promise<SuiteResult> {
  const runs: RunRecord[] = [];
  const notes: string[] = ['Simulated crowds: 10 labels per task, 4 classes, one-coin workers U(0.5, 0.9), seed 2026 (1M: 100k tasks, 1,000 workers). Each run is its own process; peak RSS includes generating the crowd (see `generate`).', ''];
  const sizes = o.quick ? (['100k', '1M'] as const) : (['100k', '1M', '10M'] as const);
  const methods = o.methods ?? PERF_METHODS;
  notes.push('| labels | method | seconds | x MV | peak RSS MiB | accuracy |', '|---|---|---:|---:|---:|---:|');
  for (const size of sizes) {
    const labels = SIZES[size];
    const base = await measure('perf-aggregators', size, 'generate', { kind: 'generate', labels, seed: 2026 }, runs, o);
    notes.push(`| ${size} | (generate only) | - | - | ${base.peakRssMiB.toFixed(0)} | - |`);
    let mvSeconds = Number.NaN;
    for (const method of methods) {
      if (size === '10M' && SKIP_AT_10M.has(method)) continue;
      const r = await measure('perf-aggregators', size, method, { kind: 'aggregate', method, labels, seed: 2026 }, runs, o);
      if (method === 'mv') mvSeconds = r.seconds;
      notes.push(`| ${size} | ${method} | ${r.seconds.toFixed(3)} | ${(r.seconds / mvSeconds).toFixed(1)} | ${r.peakRssMiB.toFixed(0)} | ${(100 * (r.detail.accuracy as number)).toFixed(2)}% |`);
    }
  }
  notes.push('', ...(await crowdKitSideBySide(o.quick ? 100_000 : 1_000_000, methods, runs, o)));
  if (o.include100m === true) {
    const r = await measure('perf-aggregators', '100M', 'ds', { kind: 'aggregate', method: 'ds', labels: 100_000_000, seed: 2026 }, runs, o);
    notes.push(`| 100M | ds | ${r.seconds.toFixed(1)} | - | ${r.peakRssMiB.toFixed(0)} | ${(100 * (r.detail.accuracy as number)).toFixed(2)}% |`);
  }
  return { suite: 'perf-aggregators', metric: 'seconds', higherIsBetter: false, runs, summary: asSummary(runs.filter((r) => r.method !== 'generate')), notes };
}

/**
 * The side-by-side with crowd-kit, when the machine's Python has it
 * (`CROWDLEARN_PYTHON`, else `python3`): the performance crowd written to one
 * CSV, each aggregator that crowd-kit also has timed on it by both (reading
 * the file is not timed on either side), the ratio of times and both
 * accuracies. Otherwise one line saying why it was skipped.
 */
export async function crowdKitSideBySide(size: number, methods: readonly string[], runs: RunRecord[], o: SuiteOptions): Promise<string[]> {
  const python = pythonCommand();
  const missing = crowdKitMissing(python);
  if (missing !== undefined) return [`Side-by-side with crowd-kit skipped: ${missing}. Install it with \`pip install crowd-kit\`; CROWDLEARN_PYTHON names the interpreter.`];
  const dir = mkdtempSync(join(tmpdir(), 'crowdlearn-crowdkit-'));
  try {
    const dataPath = join(dir, 'labels.csv');
    const goldPath = join(dir, 'gold.csv');
    await runInChild({ kind: 'write-crowd', labels: size, seed: 2026, dataPath, goldPath });
    const dataset = `${size / 1e6}M labels, one CSV`;
    const lines = [`Side-by-side with crowd-kit (${python}) on the same file, ${size.toLocaleString('en-US')} labels; reading the file is not timed:`, '', '| method | crowdlearn s | crowd-kit s | crowd-kit / crowdlearn | crowdlearn accuracy | crowd-kit accuracy |', '|---|---:|---:|---:|---:|---:|'];
    for (const method of CROWDKIT_METHODS.filter((m) => methods.includes(m))) {
      const ours = await measure('perf-aggregators', dataset, method, { kind: 'aggregate-file', method, labels: size, seed: 2026, dataPath }, runs, o);
      const theirs = await runCrowdKit(python, method, dataPath, goldPath);
      const record: RunRecord = { suite: 'perf-aggregators', dataset, method: `${method} (crowd-kit)`, seed: 0, metric: 'seconds', value: theirs.seconds, seconds: theirs.seconds, extra: { peakRssMiB: theirs.peakRssMiB, ...theirs.detail } };
      runs.push(record);
      const pct = (x: PerfOutcome) => `${(100 * (x.detail.accuracy as number)).toFixed(2)}%`;
      lines.push(`| ${method} | ${ours.seconds.toFixed(3)} | ${theirs.seconds.toFixed(3)} | ${(theirs.seconds / ours.seconds).toFixed(1)} | ${pct(ours)} | ${pct(theirs)} |`);
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Streaming a long CSV (10M lines; 1M with --quick; also 100M with --include-100m): labels per second and peak memory. */
export async function perfIoSuite(o: SuiteOptions): Promise<SuiteResult> {
  const runs: RunRecord[] = [];
  const sizes = [o.quick ? 1_000_000 : 10_000_000, ...(o.include100m === true ? [100_000_000] : [])];
  const notes: string[] = [];
  for (const lines of sizes) {
    const r = await measure('perf-io', `${lines / 1e6}M lines`, 'readLongLabelsFile', { kind: 'read-csv', lines }, runs, o);
    notes.push(
      `Long CSV (question,worker,answer; 10 labels per item, 10,000 workers), ${(r.detail.fileMiB as number).toFixed(0)} MiB: ${r.seconds.toFixed(2)} s = ${((r.detail.labelsPerSecond as number) / 1e6).toFixed(2)} M labels/s, peak RSS ${r.peakRssMiB.toFixed(0)} MiB.`,
    );
  }
  return { suite: 'perf-io', metric: 'seconds', higherIsBetter: false, runs, summary: asSummary(runs), notes };
}

/** The neural issue's dense benchmark on wasm (naive and with the fix) and cpu, and each neural method's training time on music and labelme: seconds and ratios. */
export async function perfNeuralSuite(o: SuiteOptions): Promise<SuiteResult> {
  const runs: RunRecord[] = [];
  const naive = await measure('perf-neural', 'dense 1000x8192-128-8, 5 epochs', 'wasm naive', { kind: 'dense', backend: 'wasm', naive: true }, runs, o);
  const fixed = await measure('perf-neural', 'dense 1000x8192-128-8, 5 epochs', 'wasm', { kind: 'dense', backend: 'wasm', naive: false }, runs, o);
  const notes = [
    `wasm naive ${naive.seconds.toFixed(2)} s; with the BatchMatMul fix ${fixed.seconds.toFixed(2)} s (${(naive.seconds / fixed.seconds).toFixed(1)}x faster; target < 2 s). Final training loss ${(naive.detail.finalLoss as number).toPrecision(4)} naive, ${(fixed.detail.finalLoss as number).toPrecision(4)} fixed (the same computation, summed in a different order).`,
  ];
  if (!o.quick) {
    const cpu = await measure('perf-neural', 'dense 1000x8192-128-8, 5 epochs', 'cpu', { kind: 'dense', backend: 'cpu', naive: false }, runs, o);
    notes.push(`cpu ${cpu.seconds.toFixed(2)} s (${(cpu.seconds / fixed.seconds).toFixed(1)}x the fixed wasm).`);
  }
  // Per-method training time on the bundled data, as a ratio to Crowdlayer MW in the same run.
  const datasets = o.quick ? (['music'] as const) : (['music', 'labelme'] as const);
  const methods = (o.methods ?? FIT_METHODS).filter((m): m is (typeof FIT_METHODS)[number] => (FIT_METHODS as readonly string[]).includes(m));
  if (methods.length > 0) notes.push('', '| dataset | method | seconds | x Crowdlayer | peak RSS MiB |', '|---|---|---:|---:|---:|');
  for (const dataset of datasets) {
    let base = Number.NaN;
    for (const method of methods) {
      const r = await measure('perf-neural', `${dataset} training`, method, { kind: 'fit', method, dataset }, runs, o);
      if (method === 'crowdlayer') base = r.seconds;
      notes.push(`| ${dataset} | ${method} | ${r.seconds.toFixed(2)} | ${(r.seconds / base).toFixed(2)} | ${r.peakRssMiB.toFixed(0)} |`);
    }
  }
  notes.push('', 'dasc: Crowdlayer MW with 5 self-training rounds at 10% of the empty cells, warm retraining; tllc: completion with the default settings. Each run is its own process on the default backend.');
  return { suite: 'perf-neural', metric: 'seconds', higherIsBetter: false, runs, summary: asSummary(runs), notes };
}
