/**
 * A suite's charts as standalone SVG documents with file names, so that the
 * report embeds them and the bench also writes each one beside it (for a
 * paper): a bar chart per dataset on the report's shared axis, the line and
 * scatter charts, and the critical-difference diagram.
 */
import type { SuiteResult } from '../engine/results.js';
import { barChart, barScale, criticalDifferenceDiagram, lineChart, logBarScale, scatterChart } from './svg.js';

/** One chart: the file it is written to (in `charts/`) and its SVG. */
export interface ReportChart {
  file: string;
  svg: string;
}

/** A suite's charts by section of the report. */
export interface SuiteCharts {
  bars: ReportChart[];
  traces: ReportChart[];
  criticalDifference?: ReportChart;
}

/** A file-name part: lower case letters, digits and dashes. */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';
}

/** True for a metric that is a duration (the perf suites' `seconds`). */
export function isTimeMetric(metric: string): boolean {
  return metric === 'seconds';
}

/** The charts of `result`, with distinct file names. */
export function suiteCharts(result: SuiteResult, percent: boolean): SuiteCharts {
  const used = new Set<string>();
  const file = (name: string) => {
    const base = `${slug(result.suite)}-${slug(name)}`;
    let candidate = `${base}.svg`;
    for (let j = 2; used.has(candidate); j++) candidate = `${base}-${j}.svg`;
    used.add(candidate);
    return candidate;
  };
  const datasets = [...new Set(result.summary.map((r) => r.dataset))];
  // times on a log axis: a sub-second method stays visible beside a slow one
  const scale = isTimeMetric(result.metric) ? logBarScale(result.summary, `${result.metric} (log scale)`) : barScale(result.summary, `${result.metric}${percent ? ' (%)' : ''}`, percent);
  const bars = datasets.map((d) => ({ file: file(d), svg: barChart(d, result.summary.filter((r) => r.dataset === d), scale) }));
  const traces = [
    ...(result.lineCharts ?? []).map((c) => ({ file: file(c.title), svg: lineChart(c) })),
    ...(result.scatterCharts ?? []).map((c) => ({ file: file(c.title), svg: scatterChart(c) })),
  ];
  return { bars, traces, ...(result.comparison !== undefined ? { criticalDifference: { file: file('critical-difference'), svg: criticalDifferenceDiagram(result.comparison) } } : {}) };
}
