/**
 * The report's charts are read across panels and across reports: one value axis for every
 * panel of a report, a method's colour fixed by its name, intervals for the sd, labels
 * inside the chart; the suites' Markdown notes become HTML.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SuiteResult, SummaryRow } from '../src/engine/results.js';
import { htmlReport } from '../src/report/html.js';
import { suiteCharts } from '../src/report/charts.js';
import { latexTable, markdownTable } from '../src/report/paper-tables.js';
import { markdownToHtml } from '../src/report/markdown-html.js';
import { methodColour } from '../src/report/method-colours.js';
import { barChart, barScale, logBarScale, logTicks, niceTicks } from '../src/report/svg.js';
import { pairedTTest } from '../src/stats/paired-test.js';

const row = (dataset: string, method: string, mean: number, std = Number.NaN, n = 1): SummaryRow => ({ suite: 's', dataset, method, metric: 'accuracy', mean, std, n, seconds: 0 });

function report(rows: SummaryRow[]): string {
  const result: SuiteResult = { suite: 's', metric: 'accuracy', higherIsBetter: true, runs: [], summary: rows, notes: [] };
  return htmlReport([result], 'r', () => true);
}

/** The fill of the bar whose tooltip starts with `method:` in the first chart of `html` that has one. */
const fillOf = (html: string, method: string) => new RegExp(`fill="(#[0-9a-f]{6})"><title>${method.replace(/[+()]/g, '\\$&')}: `).exec(html)?.[1];

describe('report charts', () => {
  it('gives a method the same colour in every report, whatever else the report holds', () => {
    const one = report([row('d1', 'mv', 0.8), row('d1', 'ds', 0.9), row('d1', 'glad', 0.85)]);
    const two = report([row('d9', 'glad', 0.7), row('d9', 'ds', 0.75), row('d9', 'dasc+crowdlayer', 0.6)]);
    expect(fillOf(one, 'ds')).toBeDefined();
    expect(fillOf(one, 'ds')).toBe(fillOf(two, 'ds'));
    expect(fillOf(one, 'glad')).toBe(fillOf(two, 'glad'));
    expect(fillOf(one, 'ds')).not.toBe(fillOf(one, 'mv'));
    expect(methodColour('dasc+crowdlayer')).toBe(methodColour('dasc+crowdlayer'));
  });

  it('draws every panel of a report on one axis, titled, with the sd as a capped interval', () => {
    const rows = [row('easy', 'mv', 0.95, 0.01, 5), row('easy', 'ds', 0.97, 0.01, 5), row('hard', 'mv', 0.61, 0.04, 5), row('hard', 'ds', 0.66, 0.03, 5)];
    const scale = barScale(rows, 'accuracy (%)', true);
    expect(scale.lo).toBeLessThanOrEqual(0.57);
    expect(scale.hi).toBeGreaterThanOrEqual(0.98);
    const html = report(rows);
    const axes = [...html.matchAll(/<svg[^>]*aria-label="(easy|hard)"[\s\S]*?<\/svg>/g)].map((m) => [...m[0].matchAll(/text-anchor="middle">([^<]+)<\/text>/g)].map((t) => t[1]));
    expect(axes).toHaveLength(2);
    expect(axes[0]).toEqual(axes[1]); // the same ticks and title on both panels
    expect(axes[0]).toContain('accuracy (%)');
    // an interval with end caps: a path of three strokes, not a bare line beside the number
    expect(html).toMatch(/<path d="M[\d.]+,\d+v8M[\d.]+,\d+H[\d.]+M[\d.]+,\d+v8"/);
  });

  it('keeps every label inside the chart', () => {
    const svg = barChart('d', [row('d', 'a-long-method-name', 0.999, 0.001, 3), row('d', 'b', 0.5)], { lo: 0, hi: 1, title: 'accuracy (%)', percent: true });
    const width = Number(/width="(\d+)"/.exec(svg)?.[1]);
    for (const m of svg.matchAll(/<text x="([\d.]+)"[^>]*>([^<]*)<\/text>/g)) {
      const x = Number(m[1]);
      const anchor = /text-anchor="(\w+)"/.exec(m[0])?.[1] ?? 'start';
      const textWidth = 6.5 * (m[2] as string).length;
      const extent = anchor === 'end' ? [x - textWidth, x] : anchor === 'middle' ? [x - textWidth / 2, x + textWidth / 2] : [x, x + textWidth];
      expect(extent[0], m[2]).toBeGreaterThanOrEqual(0);
      expect(extent[1], m[2]).toBeLessThanOrEqual(width);
    }
  });

  it('draws times on a log axis, so a 0.02 s bar is visible beside a 20 s one, with the peak memory beside each time', () => {
    const timed = (method: string, seconds: number, peakMiB: number): SummaryRow => ({ suite: 'perf', dataset: '1M', method, metric: 'seconds', mean: seconds, std: Number.NaN, n: 1, seconds, peakMiB });
    const rows = [timed('mv', 0.02, 180), timed('ds', 0.2, 240), timed('irt', 20, 900)];
    const scale = logBarScale(rows, 'seconds (log scale)');
    expect([scale.lo, scale.hi]).toEqual([0.01, 100]);
    expect(logTicks(scale.lo, scale.hi)).toEqual([0.01, 0.1, 1, 10, 100]);
    expect(logTicks(0.1, 10)).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10]);
    const svg = barChart('1M', rows, scale);
    const widths = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    // equal lengths per factor of ten: 0.02 -> 0.2 is one decade, 0.2 -> 20 two; the fastest bar is drawn
    expect(widths[2]! - widths[1]!).toBeCloseTo(2 * (widths[1]! - widths[0]!), 0);
    expect(widths[0]).toBeGreaterThan(15);
    expect(svg).toContain('0.2000 · 240 MiB');
    const suite: SuiteResult = { suite: 'perf-aggregators', metric: 'seconds', higherIsBetter: false, runs: [], summary: rows, notes: [] };
    const charts = suiteCharts(suite, false);
    expect(charts.bars[0]?.svg).toContain('seconds (log scale)');
    expect(markdownTable(suite, false)).toContain('0.2000 (240 MiB)');
  });

  it('puts ticks on round values', () => {
    expect(niceTicks(0.55, 1)).toEqual([0.6, 0.7, 0.8, 0.9, 1]);
    expect(niceTicks(0, 23)).toEqual([0, 5, 10, 15, 20]);
  });
});

describe('notes as HTML', () => {
  it('renders paragraphs, pipe tables with alignment, lists, code and bold, and escapes the rest', () => {
    const html = markdownToHtml(['Read with `readLongLabelsFile`: **1.13x**.', '', '| step | s |', '|---|---:|', '| read <x> | 0.61 |', '', '- one', '- two']);
    expect(html).toBe(
      '<p>Read with <code>readLongLabelsFile</code>: <strong>1.13x</strong>.</p>' +
        '<table class="notes"><thead><tr><th style="text-align:left">step</th><th style="text-align:right">s</th></tr></thead>' +
        '<tbody><tr><td style="text-align:left">read &lt;x&gt;</td><td style="text-align:right">0.61</td></tr></tbody></table>' +
        '<ul><li>one</li><li>two</li></ul>',
    );
  });
});

describe('tables for a paper', () => {
  const result: SuiteResult = {
    suite: 's',
    metric: 'accuracy',
    higherIsBetter: true,
    runs: [],
    notes: [],
    summary: [row('temp', 'mv', 0.9351, 0.0022, 3), row('temp', 'ds', 0.9416, 0.001, 3), row('R&D 50%', 'mv', 0.8), row('R&D 50%', 'ds', 0.7), row('R&D 50%', 'dasc+crowd_layer', 0.8)],
    // temp is bundled: its items and gold items come from the datasets package
  };

  it('writes the booktabs table of the hand-written expected file: sd as $\\pm$, ties of the best in bold, LaTeX escaped', () => {
    expect(latexTable(result, true)).toBe(readFileSync(fileURLToPath(new URL('./fixtures/expected-table.tex', import.meta.url)), 'utf8'));
  });

  it('writes the Markdown table with the best in bold', () => {
    expect(markdownTable(result, true)).toBe(
      ['| dataset | items | gold | seeds | mv | ds | dasc+crowd_layer |', '|---|---:|---:|---:|---:|---:|---:|', '| temp | 462 | 462 | 3 | 93.51 ± 0.22 | **94.16 ± 0.10** | - |', '| R&D 50% | - | - | 1 | **80.00** | 70.00 | **80.00** |', ''].join('\n'),
    );
  });

  it('names every chart file apart', () => {
    const charts = suiteCharts({ ...result, comparison: undefined }, true);
    expect(charts.bars.map((c) => c.file)).toEqual(['s-temp.svg', 's-r-d-50.svg']);
  });
});

describe('methods not separable from the best', () => {
  it('has the closed forms of the t distribution for 1 and 2 degrees of freedom', () => {
    // df 1: p = 1 - (2/pi) atan|t|; d = [1, 3]: t = 2
    expect(pairedTTest([1, 3], [0, 0])).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(2), 9);
    // df 2: p = 1 - |t| / sqrt(2 + t^2); d = [1, 2, 4]: t = sqrt(7)
    expect(pairedTTest([1, 2, 4], [0, 0, 0])).toBeCloseTo(1 - Math.sqrt(7) / 3, 9);
    expect(pairedTTest([1, 1], [1, 1])).toBe(1);
    expect(pairedTTest([2, 2], [1, 1])).toBe(0);
    expect(pairedTTest([1], [0])).toBeNaN();
  });

  it('underlines the methods a paired t-test over seeds cannot tell from the best', () => {
    const runs = (method: string, values: number[]) => values.map((value, seed) => ({ suite: 's', dataset: 'd', method, seed, metric: 'accuracy', value, seconds: 0 }));
    const result: SuiteResult = {
      suite: 's',
      metric: 'accuracy',
      higherIsBetter: true,
      notes: [],
      runs: [...runs('best', [0.9, 0.91, 0.92]), ...runs('close', [0.89, 0.915, 0.91]), ...runs('far', [0.5, 0.51, 0.52])],
      summary: [row('d', 'best', 0.91, 0.01, 3), row('d', 'close', 0.905, 0.013, 3), row('d', 'far', 0.51, 0.01, 3)],
    };
    expect(markdownTable(result, true)).toContain('| d | 3 | **91.00 ± 1.00** | _90.50 ± 1.30_ | 51.00 ± 1.00 |');
    expect(latexTable(result, true)).toContain('\\textbf{91.00 $\\pm$ 1.00} & \\underline{90.50 $\\pm$ 1.30} & 51.00 $\\pm$ 1.00');
    expect(report(result.summary)).toContain('Bold: the best mean per dataset; underlined');
  });
});
