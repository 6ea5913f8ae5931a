import { listDatasets } from '@crowdlearn/datasets';
import type { SuiteResult } from '../engine/results.js';
import { pairedTTest } from '../stats/paired-test.js';

const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(2) : '-');

/** A suite's results as text cells: one row per dataset, one column per method. */
export interface ResultTable {
  methods: string[];
  datasets: string[];
  /** `cells[d][m]`: mean (± sd when there are several seeds; with its peak memory where measured), or '-' when the cell has no value. */
  cells: string[][];
  /** `best[d]`: the methods with the best mean on dataset d (ties share it). */
  best: Set<string>[];
  /**
   * `close[d]`: the other methods that a paired t-test over the seeds both
   * ran cannot separate from the best on dataset d (p >= 0.05; two seeds at least).
   */
  close: Set<string>[];
  /**
   * Columns about each dataset, shown before the methods: the seeds a cell
   * averages (the most of any method on the dataset), and for the bundled
   * datasets (and their `@`/`~` variants) the items and the gold items.
   */
  about: { columns: string[]; rows: string[][] };
}

/** Items and gold items of the bundled datasets, by name. */
function bundledSizes(): Map<string, { items: number; gold: number }> {
  try {
    return new Map(listDatasets().map((m) => [m.name, { items: m.items, gold: m.goldItems }]));
  } catch {
    return new Map();
  }
}

/** Formats the summary for the Markdown and HTML reports (percent for accuracies). */
export function resultTable(result: SuiteResult, percent: boolean): ResultTable {
  const methods = [...new Set(result.summary.map((r) => r.method))];
  const datasets = [...new Set(result.summary.map((r) => r.dataset))];
  const cell = new Map(result.summary.map((r) => [`${r.dataset}\u0000${r.method}`, r]));
  const cells = datasets.map((d) =>
    methods.map((m) => {
      const r = cell.get(`${d}\u0000${m}`);
      if (r === undefined) return '-';
      const mean = percent ? pct(r.mean) : r.mean.toPrecision(4);
      const value = r.n > 1 && Number.isFinite(r.std) ? `${mean} ± ${percent ? pct(r.std) : r.std.toPrecision(3)}` : mean;
      return r.peakMiB !== undefined && Number.isFinite(r.peakMiB) ? `${value} (${r.peakMiB.toFixed(0)} MiB)` : value;
    }),
  );
  const best = datasets.map((d) => {
    const means = methods.map((m) => cell.get(`${d}\u0000${m}`)?.mean).filter((v): v is number => v !== undefined);
    const top = result.higherIsBetter ? Math.max(...means) : Math.min(...means);
    return new Set(methods.filter((m) => cell.get(`${d}\u0000${m}`)?.mean === top));
  });
  // per dataset, the methods a paired t-test over seeds cannot tell from the (first) best
  const values = (d: string, m: string) => new Map(result.runs.filter((r) => r.dataset === d && r.method === m && typeof r.value === 'number').map((r) => [r.seed, r.value as number]));
  const close = datasets.map((d, i) => {
    const top = [...(best[i] as Set<string>)][0];
    if (top === undefined) return new Set<string>();
    const topValues = values(d, top);
    return new Set(
      methods.filter((m) => {
        if ((best[i] as Set<string>).has(m)) return false;
        const other = values(d, m);
        const seeds = [...topValues.keys()].filter((s) => other.has(s));
        const p = pairedTTest(seeds.map((s) => topValues.get(s) as number), seeds.map((s) => other.get(s) as number));
        return p >= 0.05;
      }),
    );
  });
  const sizes = bundledSizes();
  const sizeOf = (d: string) => result.datasetSizes?.[d] ?? sizes.get(d.split(/[@~]/)[0] ?? d);
  const withSizes = datasets.some((d) => sizeOf(d) !== undefined);
  const seeds = (d: string) => String(Math.max(0, ...result.summary.filter((r) => r.dataset === d).map((r) => r.n)));
  const about = {
    columns: [...(withSizes ? ['items', 'gold'] : []), 'seeds'],
    rows: datasets.map((d) => [...(withSizes ? [String(sizeOf(d)?.items ?? '-'), String(sizeOf(d)?.gold ?? '-')] : []), seeds(d)]),
  };
  return { methods, datasets, cells, best, close, about };
}

/** The rank comparison and skipped runs as sentences. */
export function comparisonSentences(result: SuiteResult): string[] {
  const lines: string[] = [];
  const c = result.comparison;
  if (c !== undefined) {
    lines.push(
      `Average ranks over ${c.n} datasets (1 is best): ${c.methods.map((m, j) => `${m} ${(c.ranks[j] as number).toFixed(2)}`).join(', ')}.`,
      `Friedman chi-square ${c.chiSquare.toFixed(2)} (p ${c.pChiSquare.toPrecision(3)}), ` +
        // F's denominator N(k-1) - chi2 is zero when every dataset ranks the methods the same way
        (Number.isFinite(c.f) ? `Iman-Davenport F ${c.f.toFixed(2)} (p ${c.pF.toPrecision(3)})` : 'Iman-Davenport F undefined (every dataset ranks the methods the same way)') +
        (c.criticalDifference !== undefined ? `; Nemenyi critical difference at 0.05: ${c.criticalDifference.toFixed(3)}.` : '.'),
    );
    // Demšar (2006) recommends N > 10 and k > 5 for the chi-square approximation
    if (c.n <= 10) lines.push(`With ${c.n} datasets the p-values are rough: the tests' approximations want more than 10.`);
  }
  const skipped = result.runs.filter((r) => r.skipped !== undefined);
  // one entry per method and reason, listing its datasets
  const groups = new Map<string, string[]>();
  for (const r of skipped) {
    const key = `${r.method} (${r.skipped})`;
    groups.set(key, [...(groups.get(key) ?? []), r.dataset]);
  }
  if (groups.size > 0) lines.push(`Skipped: ${[...groups].map(([key, datasets]) => `${key} on ${datasets.join(', ')}`).join('; ')}.`);
  return lines;
}
