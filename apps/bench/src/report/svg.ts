import type { ScatterChart, LineChart, RankComparison, SummaryRow } from '../engine/results.js';
import { escapeXml as esc } from './escape.js';
import { methodColour } from './method-colours.js';

/** A shared value axis for the bar charts of one report: every panel uses the same range, ticks and title. */
export interface BarScale {
  lo: number;
  hi: number;
  /** The axis title, with its unit ("accuracy on the gold items (%)", "seconds"). */
  title: string;
  percent: boolean;
  /** A logarithmic axis (times: a sub-second method stays visible next to a slow one); `lo` is then the bars' base, > 0. */
  log?: boolean;
}

/** Round tick values covering [lo, hi]: 1, 2 or 5 times a power of ten apart, about five of them. */
export function niceTicks(lo: number, hi: number): number[] {
  const span = Math.max(1e-12, hi - lo);
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + 1e-9 * step; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** The scale all of a report's bar charts share: from the rows' lowest interval end (or 0) to the highest, on round values. */
export function barScale(rows: SummaryRow[], title: string, percent: boolean): BarScale {
  const ends = rows.flatMap((r) => [r.mean - (r.n > 1 && Number.isFinite(r.std) ? r.std : 0), r.mean + (r.n > 1 && Number.isFinite(r.std) ? r.std : 0)]).filter(Number.isFinite);
  if (ends.length === 0) return { lo: 0, hi: 1, title, percent };
  const top = Math.max(...ends);
  const bottom = Math.min(...ends);
  // accuracies start near the lowest value (a zero baseline would hide the differences), other metrics at 0
  const lo = percent ? Math.max(0, Math.floor(bottom * 20) / 20) : Math.min(0, bottom);
  const hi = percent ? Math.min(1, Math.ceil(top * 20) / 20) : top > 0 ? top * 1.05 : 1;
  const ticks = niceTicks(lo, hi);
  return { lo: Math.min(lo, ticks[0] ?? lo), hi: Math.max(hi, ticks.at(-1) ?? hi), title, percent };
}

/** Powers of ten covering [lo, hi] (lo > 0), with 2 and 5 times them when fewer than four decades are shown. */
export function logTicks(lo: number, hi: number): number[] {
  const first = Math.floor(Math.log10(lo) + 1e-9);
  const last = Math.ceil(Math.log10(hi) - 1e-9);
  const ticks: number[] = [];
  for (let e = first; e <= last; e++) {
    for (const m of last - first < 4 ? [1, 2, 5] : [1]) {
      const t = Number((m * 10 ** e).toPrecision(12));
      if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push(t);
    }
  }
  return ticks;
}

/**
 * The logarithmic scale of a report's time charts: whole decades from the
 * one below the fastest cell to the one above the slowest, so that 0.01 s and
 * 20 s are both readable on one axis.
 */
export function logBarScale(rows: SummaryRow[], title: string): BarScale {
  const values = rows.map((r) => r.mean).filter((v) => Number.isFinite(v) && v > 0);
  if (values.length === 0) return { lo: 0.1, hi: 1, title, percent: false, log: true };
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values)) - 1e-9);
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values)) + 1e-9);
  return { lo, hi: Math.max(hi, lo * 10), title, percent: false, log: true };
}

/** Where `v` falls on `scale`, from 0 (its low end) to 1 (its high end), clamped. */
function scaleFraction(scale: BarScale, v: number): number {
  if (scale.log === true) {
    const clamped = Math.min(scale.hi, Math.max(scale.lo, v > 0 ? v : scale.lo));
    return Math.log(clamped / scale.lo) / Math.log(scale.hi / scale.lo);
  }
  return (Math.min(scale.hi, Math.max(scale.lo, v)) - scale.lo) / Math.max(1e-12, scale.hi - scale.lo);
}

/** A value as the charts print it: percent with one decimal, else four significant digits. */
const label = (v: number, percent: boolean) => (percent ? (100 * v).toFixed(1) : v.toPrecision(4));

/** A bar's printed value: the metric, and the cell's peak memory when it was measured. */
const barLabel = (r: SummaryRow, percent: boolean) => `${label(r.mean, percent)}${r.peakMiB !== undefined && Number.isFinite(r.peakMiB) ? ` · ${r.peakMiB.toFixed(0)} MiB` : ''}`;

/**
 * Horizontal bars of one dataset's methods on the report's shared scale: the
 * mean as a bar, the sd over seeds as an interval with end caps (not a
 * whisker that reads as a minus sign), the value printed after the interval
 * with room to spare, the axis titled, each method in its own colour.
 */
export function barChart(title: string, rows: SummaryRow[], scale: BarScale): string {
  const rowH = 18;
  // room for the longest method name (at most 6.5 px per character at font size 11)
  const left = Math.min(260, Math.max(110, 16 + 6.5 * Math.max(0, ...rows.map((r) => r.method.length))));
  const plotW = 260;
  // the value labels of the longest bars (with a peak memory, longer)
  const right = rows.some((r) => r.peakMiB !== undefined) ? 120 : 64;
  const width = left + plotW + right;
  const top = 28;
  const height = top + rows.length * rowH + 44;
  const x = (v: number) => left + scaleFraction(scale, v) * plotW;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" role="img" aria-label="${esc(title)}">`, `<text x="4" y="16" font-size="13" font-weight="bold">${esc(title)}</text>`];
  rows.forEach((r, j) => {
    const y = top + j * rowH;
    const interval = r.n > 1 && Number.isFinite(r.std);
    parts.push(`<text x="${left - 6}" y="${y + 12}" font-size="11" text-anchor="end">${esc(r.method)}</text>`);
    parts.push(`<rect x="${left}" y="${y + 3}" width="${Math.max(0, x(r.mean) - left).toFixed(1)}" height="${rowH - 7}" fill="${methodColour(r.method)}"><title>${esc(r.method)}: ${barLabel(r, scale.percent)}${interval ? ` (sd ${label(r.std, scale.percent)}, ${r.n} seeds)` : ''}</title></rect>`);
    let end = x(r.mean);
    if (interval) {
      const y0 = y + rowH / 2;
      const [a, b] = [x(r.mean - r.std), x(r.mean + r.std)];
      parts.push(`<path d="M${a.toFixed(1)},${y0 - 4}v8M${a.toFixed(1)},${y0}H${b.toFixed(1)}M${b.toFixed(1)},${y0 - 4}v8" stroke="#222" fill="none"/>`);
      end = b;
    }
    parts.push(`<text x="${(end + 5).toFixed(1)}" y="${y + 12}" font-size="10" fill="#333">${esc(barLabel(r, scale.percent))}</text>`);
  });
  const axisY = top + rows.length * rowH + 4;
  parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${axisY}" y2="${axisY}" stroke="#888"/>`);
  for (const t of scale.log === true ? logTicks(scale.lo, scale.hi) : niceTicks(scale.lo, scale.hi)) {
    parts.push(`<line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${axisY}" y2="${axisY + 4}" stroke="#888"/>`);
    parts.push(`<text x="${x(t).toFixed(1)}" y="${axisY + 15}" font-size="10" text-anchor="middle">${scale.percent ? Number((100 * t).toPrecision(6)) : Number(t.toPrecision(6))}</text>`);
  }
  parts.push(`<text x="${left + plotW / 2}" y="${axisY + 32}" font-size="11" text-anchor="middle">${esc(scale.title)}</text>`);
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
    const color = methodColour(s.name);
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
