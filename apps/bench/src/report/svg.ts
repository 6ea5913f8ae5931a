import type { ScatterChart, LineChart, RankComparison, SummaryRow } from '../engine/results.js';
import { escapeXml as esc } from './escape.js';

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79'];

/** Horizontal bars of one dataset's methods (mean with a ±sd whisker), scaled to [lo, hi]. */
export function barChart(title: string, rows: SummaryRow[], methods: string[], percent: boolean): string {
  const rowH = 16;
  // room for the longest method name (about 6 px per character at font size 11)
  const left = Math.min(240, Math.max(110, 10 + 6 * Math.max(0, ...rows.map((r) => r.method.length))));
  const width = left + 250;
  const height = 28 + rows.length * rowH + 22;
  const values = rows.flatMap((r) => [r.mean - (Number.isFinite(r.std) ? r.std : 0), r.mean + (Number.isFinite(r.std) ? r.std : 0)]);
  const lo = percent ? Math.max(0, Math.floor(Math.min(...values) * 10) / 10) : 0;
  const hi = percent ? Math.min(1, Math.ceil(Math.max(...values) * 10) / 10) : Math.max(...values) * 1.05;
  const x = (v: number) => left + ((v - lo) / Math.max(1e-12, hi - lo)) * (width - left - 20);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${esc(title)}">`, `<text x="4" y="16" font-size="13" font-weight="bold">${esc(title)}</text>`];
  rows.forEach((r, j) => {
    const y = 28 + j * rowH;
    const color = PALETTE[methods.indexOf(r.method) % PALETTE.length];
    parts.push(`<text x="${left - 6}" y="${y + 11}" font-size="11" text-anchor="end">${esc(r.method)}</text>`);
    parts.push(`<rect x="${left}" y="${y + 2}" width="${Math.max(0, x(r.mean) - left).toFixed(1)}" height="${rowH - 5}" fill="${color}"><title>${esc(r.method)}: ${percent ? (100 * r.mean).toFixed(2) + '%' : r.mean.toPrecision(4)}</title></rect>`);
    if (r.n > 1 && Number.isFinite(r.std)) {
      const y0 = y + rowH / 2;
      parts.push(`<line x1="${x(r.mean - r.std).toFixed(1)}" x2="${x(r.mean + r.std).toFixed(1)}" y1="${y0}" y2="${y0}" stroke="#222"/>`);
    }
    parts.push(`<text x="${(x(r.mean) + 4).toFixed(1)}" y="${y + 11}" font-size="10" fill="#333">${percent ? (100 * r.mean).toFixed(1) : r.mean.toPrecision(3)}</text>`);
  });
  const axisY = 28 + rows.length * rowH + 4;
  parts.push(`<line x1="${left}" x2="${width - 20}" y1="${axisY}" y2="${axisY}" stroke="#888"/>`);
  for (const t of [lo, (lo + hi) / 2, hi]) parts.push(`<text x="${x(t).toFixed(1)}" y="${axisY + 14}" font-size="10" text-anchor="middle">${percent ? (100 * t).toFixed(0) : t.toPrecision(2)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/**
 * A critical-difference diagram (Demšar 2006): methods on a rank axis (1 on
 * the left), labels alternating above and below, the CD as a bar, and thick
 * lines joining methods whose ranks differ by less than the CD.
 */
export function criticalDifferenceDiagram(c: RankComparison): string {
  const k = c.methods.length;
  const width = 760;
  const left = 40;
  const right = width - 40;
  const x = (rank: number) => left + ((rank - 1) / Math.max(1, k - 1)) * (right - left);
  const order = c.methods.map((m, j) => ({ m, r: c.ranks[j] as number })).sort((a, b) => a.r - b.r);
  const half = Math.ceil(k / 2);
  const height = 90 + half * 18 + 40;
  const axisY = 60;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="critical difference diagram">`];
  parts.push(`<line x1="${left}" x2="${right}" y1="${axisY}" y2="${axisY}" stroke="#222"/>`);
  for (let r = 1; r <= k; r++) parts.push(`<line x1="${x(r)}" x2="${x(r)}" y1="${axisY - 5}" y2="${axisY}" stroke="#222"/><text x="${x(r)}" y="${axisY - 9}" font-size="11" text-anchor="middle">${r}</text>`);
  if (c.criticalDifference !== undefined) {
    const cd = c.criticalDifference;
    parts.push(`<line x1="${x(1)}" x2="${x(1 + cd)}" y1="20" y2="20" stroke="#c00" stroke-width="2"/><text x="${x(1)}" y="14" font-size="11" fill="#c00">CD = ${cd.toFixed(2)}</text>`);
    // cliques: maximal runs of methods (in rank order) whose rank spread is below the CD
    const reach = order.map((_, a) => {
      let b = a;
      while (b + 1 < k && (order[b + 1] as { r: number }).r - (order[a] as { r: number }).r < cd) b++;
      return b;
    });
    let lane = 0;
    reach.forEach((b, a) => {
      if (b > a && (a === 0 || b > (reach[a - 1] as number))) {
        const y = axisY + 8 + (lane++ % 4) * 5;
        parts.push(`<line x1="${x((order[a] as { r: number }).r) - 3}" x2="${x((order[b] as { r: number }).r) + 3}" y1="${y}" y2="${y}" stroke="#222" stroke-width="3"/>`);
      }
    });
  }
  order.forEach(({ m, r }, j) => {
    const leftSide = j < half;
    const row = leftSide ? j : k - 1 - j;
    const y = axisY + 40 + row * 18;
    const anchorX = leftSide ? left + 120 : right - 120;
    parts.push(`<polyline fill="none" stroke="#555" points="${x(r)},${axisY} ${x(r)},${y} ${anchorX},${y}"/>`);
    parts.push(`<text x="${leftSide ? anchorX - 4 : anchorX + 4}" y="${y + 4}" font-size="11" text-anchor="${leftSide ? 'end' : 'start'}">${esc(m)} (${r.toFixed(2)})</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/**
 * A line chart: one polyline per series over shared x values (rounds,
 * densities, fractions), with a legend and min / max ticks on both axes.
 */
export function lineChart(chart: LineChart): string {
  const width = 380;
  const height = 230;
  const left = 48;
  const top = 26;
  const plotW = width - left - 120;
  const plotH = height - top - 36;
  const points = chart.series.flatMap((s) => s.points).filter(([, y]) => Number.isFinite(y));
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [chart.yMin ?? Math.min(0, ...ys), Math.max(...ys) * 1.05 || 1];
  const px = (x: number) => left + ((x - x0) / Math.max(1e-12, x1 - x0)) * plotW;
  const py = (y: number) => top + plotH - ((y - y0) / Math.max(1e-12, y1 - y0)) * plotH;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${esc(chart.title)}">`,
    `<text x="4" y="16" font-size="13" font-weight="bold">${esc(chart.title)}</text>`,
    `<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#888"/>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#888"/>`,
    `<text x="${left + plotW / 2}" y="${height - 4}" font-size="10" text-anchor="middle">${esc(chart.xLabel)}</text>`,
    `<text x="10" y="${top + plotH / 2}" font-size="10" text-anchor="middle" transform="rotate(-90 10 ${top + plotH / 2})">${esc(chart.yLabel)}</text>`,
  ];
  // the x values themselves when few (rounds, fractions), else 5 evenly spaced ticks
  const distinct = [...new Set(xs)].sort((a, b) => a - b);
  const ticks = distinct.length <= 7 ? distinct : Array.from({ length: 5 }, (_, j) => Number((x0 + ((x1 - x0) * j) / 4).toPrecision(2)));
  for (const x of ticks) parts.push(`<text x="${px(x).toFixed(1)}" y="${top + plotH + 13}" font-size="10" text-anchor="middle">${x}</text>`);
  for (const y of [y0, (y0 + y1) / 2, y1]) parts.push(`<text x="${left - 4}" y="${(py(y) + 3).toFixed(1)}" font-size="10" text-anchor="end">${y.toPrecision(3)}</text>`);
  chart.series.forEach((s, j) => {
    const color = PALETTE[j % PALETTE.length];
    const valid = s.points.filter(([, y]) => Number.isFinite(y));
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${valid.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')}"><title>${esc(s.name)}</title></polyline>`);
    for (const [x, y] of valid) parts.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="2.5" fill="${color}"><title>${esc(s.name)}: ${y.toPrecision(4)}</title></circle>`);
    const ly = top + 8 + j * 15;
    parts.push(`<line x1="${left + plotW + 10}" x2="${left + plotW + 26}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    parts.push(`<text x="${left + plotW + 30}" y="${ly + 4}" font-size="10">${esc(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/**
 * A scatter plot: each point coloured from red (lowest value) to blue
 * (highest), with a colour legend; marks are black crosses with a label.
 */
export function scatterChart(chart: ScatterChart): string {
  const width = 380;
  const height = 260;
  const left = 40;
  const top = 26;
  const plotW = width - left - 90;
  const plotH = height - top - 36;
  const all = [...chart.points, ...(chart.marks ?? [])];
  const [x0, x1] = [Math.min(...all.map((p) => p.x)), Math.max(...all.map((p) => p.x))];
  const [y0, y1] = [Math.min(...all.map((p) => p.y)), Math.max(...all.map((p) => p.y))];
  const [v0, v1] = [Math.min(...chart.points.map((p) => p.value)), Math.max(...chart.points.map((p) => p.value))];
  const px = (x: number) => left + 6 + ((x - x0) / Math.max(1e-12, x1 - x0)) * (plotW - 12);
  const py = (y: number) => top + plotH - 6 - ((y - y0) / Math.max(1e-12, y1 - y0)) * (plotH - 12);
  const colour = (v: number) => {
    const t = (v - v0) / Math.max(1e-12, v1 - v0);
    return `rgb(${Math.round(215 * (1 - t) + 30 * t)},${Math.round(48 * (1 - t) + 100 * t)},${Math.round(39 * (1 - t) + 220 * t)})`;
  };
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${esc(chart.title)}">`,
    `<text x="4" y="16" font-size="13" font-weight="bold">${esc(chart.title)}</text>`,
    `<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`,
    `<text x="${left + plotW / 2}" y="${height - 6}" font-size="10" text-anchor="middle">${esc(chart.xLabel)}</text>`,
    `<text x="12" y="${top + plotH / 2}" font-size="10" text-anchor="middle" transform="rotate(-90 12 ${top + plotH / 2})">${esc(chart.yLabel)}</text>`,
  ];
  for (const p of chart.points) {
    parts.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="4" fill="${colour(p.value)}" fill-opacity="0.85"><title>${esc(p.name)}: ${p.value.toPrecision(3)}</title></circle>`);
  }
  for (const m of chart.marks ?? []) {
    const [cx, cy] = [px(m.x), py(m.y)];
    parts.push(`<path d="M${(cx - 6).toFixed(1)},${(cy - 6).toFixed(1)}L${(cx + 6).toFixed(1)},${(cy + 6).toFixed(1)}M${(cx - 6).toFixed(1)},${(cy + 6).toFixed(1)}L${(cx + 6).toFixed(1)},${(cy - 6).toFixed(1)}" stroke="#000" stroke-width="2.5"/>`);
    parts.push(`<text x="${(cx + 8).toFixed(1)}" y="${(cy - 6).toFixed(1)}" font-size="10">${esc(m.name)}</text>`);
  }
  // colour legend
  const lx = left + plotW + 14;
  parts.push(`<text x="${lx}" y="${top + 8}" font-size="10">${esc(chart.valueLabel)}</text>`);
  for (let j = 0; j <= 4; j++) {
    const v = v1 - ((v1 - v0) * j) / 4;
    const ly = top + 20 + j * 16;
    parts.push(`<circle cx="${lx + 5}" cy="${ly}" r="4" fill="${colour(v)}"/><text x="${lx + 14}" y="${ly + 3}" font-size="10">${v.toPrecision(3)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
