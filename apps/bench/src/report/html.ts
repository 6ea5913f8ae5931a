import type { SuiteResult } from '../engine/results.js';
import { barChart, criticalDifferenceDiagram } from './svg.js';
import { markdownReport } from './markdown.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A self-contained HTML report (inline SVG, no network at view time). */
export function htmlReport(results: SuiteResult[], title: string, percent: (r: SuiteResult) => boolean): string {
  const sections = results.map((result) => {
    const methods = [...new Set(result.summary.map((r) => r.method))];
    const datasets = [...new Set(result.summary.map((r) => r.dataset))];
    const charts = datasets
      .map((d) => barChart(d, result.summary.filter((r) => r.dataset === d), methods, percent(result)))
      .map((svg) => `<div class="chart">${svg}</div>`)
      .join('');
    const cd = result.comparison !== undefined ? `<h3>Critical difference diagram (Nemenyi, 0.05)</h3>${criticalDifferenceDiagram(result.comparison)}` : '';
    return `<section><h2>${esc(result.suite)}</h2><pre>${esc(markdownReport(result, percent(result)))}</pre><h3>${esc(result.metric)} per dataset (mean, bar; ± sd, whisker)</h3><div class="charts">${charts}</div>${cd}</section>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{font-family:system-ui,sans-serif;margin:24px;color:#222}pre{background:#f6f6f6;padding:12px;overflow:auto;font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #ddd;padding:4px}h2{border-bottom:1px solid #ccc}
</style></head><body><h1>${esc(title)}</h1>${sections.join('')}</body></html>\n`;
}
