import type { FriedmanResult } from '../stats/friedman.js';

/** One run: a method on a dataset with a seed. */
export interface RunRecord {
  suite: string;
  dataset: string;
  method: string;
  seed: number;
  metric: string;
  /** The metric, or null when the run was skipped or failed. */
  value: number | null;
  /** Wall time of the run, seconds. */
  seconds: number;
  /** Why the run has no value. */
  skipped?: string;
  /** Extra measurements (peak memory, iterations, ...). */
  extra?: Record<string, number | string | boolean>;
}

/** Mean and sample standard deviation of a cell. */
export interface SummaryRow {
  suite: string;
  dataset: string;
  method: string;
  metric: string;
  mean: number;
  std: number;
  n: number;
  /** Mean wall time per run, seconds. */
  seconds: number;
  /** Mean peak memory (resident set) of the cell's runs, MiB, where the suite measures it (the perf suites). */
  peakMiB?: number;
}

/** The statistical comparison of methods over datasets (complete rows only). */
export interface RankComparison extends FriedmanResult {
  methods: string[];
  datasets: string[];
  /** Nemenyi critical difference at 0.05, when k is in the table's range. */
  criticalDifference?: number;
}

/** Everything a suite produces. */
export interface SuiteResult {
  suite: string;
  metric: string;
  higherIsBetter: boolean;
  runs: RunRecord[];
  summary: SummaryRow[];
  comparison?: RankComparison;
  /** Free-form lines for the Markdown and HTML reports (performance ratios, settings). */
  notes: string[];
  /** Extra line charts for the HTML report (imbalance ratio per round, accuracy against density, ...). */
  lineCharts?: LineChart[];
  /** Scatter plots for the HTML report (MMLC's worker projections). */
  scatterCharts?: ScatterChart[];
  /** Items and gold items of datasets that are not bundled (the user's crowds), for the results tables; the bundled ones' come from their metadata. */
  datasetSizes?: Record<string, { items: number; gold: number }>;
}

/** A scatter plot of the HTML report: points coloured by a value, plus marked reference points. */
export interface ScatterChart {
  title: string;
  xLabel: string;
  yLabel: string;
  /** What the colour shows (low is red, high is blue). */
  valueLabel: string;
  points: { name: string; x: number; y: number; value: number }[];
  /** Points drawn as black crosses with their name (the oracle worker, say). */
  marks?: { name: string; x: number; y: number }[];
}

/** A line chart of the HTML report: series of (x, y) points. */
/** The chart with its y axis starting at the 5-point step below its lowest point (accuracies differ by a few points; from 0 the lines overlap). */
export function zoomed(chart: LineChart): LineChart {
  const values = chart.series.flatMap((s) => s.points.map((p) => p[1])).filter((v) => Number.isFinite(v));
  return values.length === 0 ? chart : { ...chart, yMin: Math.max(0, Math.floor(Math.min(...values) * 20) / 20) };
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Bottom of the y axis; default min(0, lowest y). */
  yMin?: number;
  series: { name: string; points: [number, number][] }[];
}
