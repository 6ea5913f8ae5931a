import type { SuiteResult } from '../engine/results.js';
import { provenanceRows, type Provenance } from '../provenance.js';
import { escapeXml } from './escape.js';
import { markdownToHtml } from './markdown-html.js';
import { suiteCharts } from './charts.js';
import { comparisonSentences, resultTable } from './table.js';

/** The results table as HTML, the best value per dataset in bold, those a paired t-test over seeds cannot separate from it underlined. */
function htmlTable(result: SuiteResult, percent: boolean): string {
  const t = resultTable(result, percent);
  const head = `<tr><th>dataset</th>${t.about.columns.map((c) => `<th class="about">${escapeXml(c)}</th>`).join('')}${t.methods.map((m) => `<th>${escapeXml(m)}</th>`).join('')}</tr>`;
  const body = t.datasets
    .map((d, i) => {
      const cells = t.methods.map((m, j) => {
        const text = escapeXml((t.cells[i] as string[])[j] as string);
        return `<td>${t.best[i]?.has(m) === true ? `<b>${text}</b>` : t.close[i]?.has(m) === true ? `<u>${text}</u>` : text}</td>`;
      });
      const about = (t.about.rows[i] as string[]).map((v) => `<td class="about">${escapeXml(v)}</td>`);
      return `<tr><th>${escapeXml(d)}</th>${about.join('')}${cells.join('')}</tr>`;
    })
    .join('');
  return `<div class="table"><table><thead>${head}</thead><tbody>${body}</tbody></table></div><p class="legend">Bold: the best mean per dataset; underlined: a method that a paired t-test over the seeds both ran cannot separate from it (p ≥ 0.05).</p>`;
}

/** A self-contained HTML report (inline SVG, no network at view time). */
export function htmlReport(results: SuiteResult[], title: string, percent: (r: SuiteResult) => boolean, provenance?: Provenance): string {
  const sections = results.map((result) => {
    const unit = percent(result) ? ' (%)' : '';
    // one axis for every panel of the report: the same range, ticks and title (charts.ts)
    const { bars, traces, criticalDifference } = suiteCharts(result, percent(result));
    const charts = bars.map((c) => `<div class="chart">${c.svg}</div>`).join('');
    const cd = criticalDifference !== undefined ? `<h3>Critical difference diagram (Nemenyi, 0.05)</h3>${criticalDifference.svg}` : '';
    const lines = traces.map((c) => `<div class="chart">${c.svg}</div>`).join('');
    const lineSection = lines === '' ? '' : `<h3>Traces</h3><div class="charts">${lines}</div>`;
    const sentences = comparisonSentences(result).map((s) => `<p>${escapeXml(s)}</p>`).join('');
    const notes = result.notes.length > 0 ? `<div class="notes">${markdownToHtml(result.notes)}</div>` : '';
    return `<section><h2>${escapeXml(result.suite)}: ${escapeXml(result.metric)}${unit}</h2>${htmlTable(result, percent(result))}${sentences}${notes}<h3>${escapeXml(result.metric)} per dataset (the bar is the mean; the interval, the sd over seeds; one axis for all panels)</h3><div class="charts">${charts}</div>${lineSection}${cd}</section>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title><style>
body{font-family:system-ui,sans-serif;margin:24px;color:#222}pre{background:#f6f6f6;padding:12px;overflow:auto;font-size:12px}
.table{overflow-x:auto}table{border-collapse:collapse;font-size:12px}th,td{border-bottom:1px solid #e4e4e4;padding:3px 8px;white-space:nowrap}
td{text-align:right;font-variant-numeric:tabular-nums}thead th{position:sticky;top:0;background:#fff}tbody th{text-align:left;font-weight:normal}
.charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #ddd;padding:4px}h2{border-bottom:1px solid #ccc}
table.notes{margin:8px 0}p.legend{font-size:12px;color:#555}.about{color:#666}div.notes code{background:#f3f3f3;padding:0 3px}dl.provenance{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:12px}dl.provenance dt{color:#555}dl.provenance dd{margin:0;font-family:ui-monospace,monospace;overflow-wrap:anywhere}
</style></head><body><h1>${escapeXml(title)}</h1>${sections.join('')}${provenance !== undefined ? provenanceBlock(provenance) : ''}</body></html>\n`;
}

/** What produced the numbers: a definition list (see provenance.ts). */
function provenanceBlock(p: Provenance): string {
  const rows = provenanceRows(p).map(([label, value]) => `<dt>${escapeXml(label)}</dt><dd>${escapeXml(value)}</dd>`).join('');
  return `<section><h2>Provenance</h2><dl class="provenance">${rows}</dl></section>`;
}
