import { meanAndSd } from '../stats/summary.js';
import { friedman, nemenyiCriticalDifference } from '../stats/friedman.js';
import type { RankComparison, RunRecord, SummaryRow, SuiteResult } from './results.js';

/** What one run returns: the metric, or a reason to skip. */
export type RunOutcome = { value: number; extra?: Record<string, number | string | boolean> } | { skipped: string };

/** A comparison suite: datasets x methods x seeds. */
export interface ComparisonPlan {
  suite: string;
  metric: string;
  higherIsBetter: boolean;
  datasets: string[];
  methods: string[];
  seeds: number[];
  /** Methods whose result does not depend on the seed run once. */
  deterministic?: ReadonlySet<string>;
  run(dataset: string, method: string, seed: number): Promise<RunOutcome>;
  /** Called after each run (one dataset, method and seed), with the runs done and planned so far: progress, and the bench's running record of finished runs. */
  onRun?: (record: RunRecord, done: number, total: number) => void;
}

/** Runs every cell, then summarises and compares the methods (Friedman, Nemenyi) over the complete datasets. */
export async function runComparison(plan: ComparisonPlan): Promise<SuiteResult> {
  const runs: RunRecord[] = [];
  const seedsOf = (method: string) => (plan.deterministic?.has(method) === true ? plan.seeds.slice(0, 1) : plan.seeds);
  const total = plan.datasets.length * plan.methods.reduce((n, m) => n + seedsOf(m).length, 0);
  let done = 0;
  for (const dataset of plan.datasets) {
    for (const method of plan.methods) {
      const seeds = seedsOf(method);
      for (const [index, seed] of seeds.entries()) {
        const t0 = performance.now();
        let outcome: RunOutcome;
        try {
          outcome = await plan.run(dataset, method, seed);
        } catch (err) {
          outcome = { skipped: `failed: ${(err as Error).message.split('\n')[0]}` };
        }
        const record: RunRecord = {
          suite: plan.suite,
          dataset,
          method,
          seed,
          metric: plan.metric,
          value: 'value' in outcome ? outcome.value : null,
          seconds: (performance.now() - t0) / 1000,
          ...('skipped' in outcome ? { skipped: outcome.skipped } : {}),
          ...('extra' in outcome && outcome.extra !== undefined ? { extra: outcome.extra } : {}),
        };
        runs.push(record);
        const skipped = 'skipped' in outcome;
        done += skipped ? seeds.length - index : 1; // a skipped cell is skipped for every seed
        plan.onRun?.(record, done, total);
        if (skipped) break;
      }
    }
  }
  const summary = summarise(plan, runs);
  const result: SuiteResult = { suite: plan.suite, metric: plan.metric, higherIsBetter: plan.higherIsBetter, runs, summary, notes: [] };
  const comparison = compareMethods(plan, summary);
  if (comparison !== undefined) result.comparison = comparison;
  return result;
}

function summarise(plan: ComparisonPlan, runs: RunRecord[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const dataset of plan.datasets) {
    for (const method of plan.methods) {
      const cell = runs.filter((r) => r.dataset === dataset && r.method === method && r.value !== null);
      if (cell.length === 0) continue;
      const { mean, std, n } = meanAndSd(cell.map((r) => r.value as number));
      rows.push({ suite: plan.suite, dataset, method, metric: plan.metric, mean, std, n, seconds: cell.reduce((s, r) => s + r.seconds, 0) / n });
    }
  }
  return rows;
}

/** Friedman / Nemenyi over the methods that have a value on every dataset where all of them ran. */
function compareMethods(plan: ComparisonPlan, summary: SummaryRow[]): RankComparison | undefined {
  const value = new Map(summary.map((r) => [`${r.dataset}\u0000${r.method}`, r.mean]));
  // methods present on the most datasets, then the datasets where all of those have a value
  const coverage = plan.methods.map((m) => plan.datasets.filter((d) => value.has(`${d}\u0000${m}`)).length);
  const best = Math.max(0, ...coverage);
  const methods = plan.methods.filter((_, j) => coverage[j] === best);
  const datasets = plan.datasets.filter((d) => methods.every((m) => value.has(`${d}\u0000${m}`)));
  if (methods.length < 2 || datasets.length < 2) return undefined;
  const table = datasets.map((d) => methods.map((m) => value.get(`${d}\u0000${m}`) as number));
  const stats = friedman(table, plan.higherIsBetter);
  const cd = nemenyiCriticalDifference(methods.length, datasets.length);
  return { ...stats, methods, datasets, ...(cd !== undefined ? { criticalDifference: cd } : {}) };
}
