import type { SuiteResult } from '../engine/results.js';

const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(2) : '-');

/** The suite's results as a Markdown table (datasets x methods, mean ± sd in %), ranks and notes. */
export function markdownReport(result: SuiteResult, percent = true): string {
  const methods = [...new Set(result.summary.map((r) => r.method))];
  const datasets = [...new Set(result.summary.map((r) => r.dataset))];
  const cell = new Map(result.summary.map((r) => [`${r.dataset}\u0000${r.method}`, r]));
  const fmtCell = (d: string, m: string) => {
    const r = cell.get(`${d}\u0000${m}`);
    if (r === undefined) return '-';
    const mean = percent ? pct(r.mean) : r.mean.toPrecision(4);
    return r.n > 1 && Number.isFinite(r.std) ? `${mean} ± ${percent ? pct(r.std) : r.std.toPrecision(3)}` : mean;
  };
  const lines = [
    `## ${result.suite}: ${result.metric}${percent ? ' (%)' : ''}`,
    '',
    `| dataset | ${methods.join(' | ')} |`,
    `|---|${methods.map(() => '---:').join('|')}|`,
    ...datasets.map((d) => `| ${d} | ${methods.map((m) => fmtCell(d, m)).join(' | ')} |`),
  ];
  const c = result.comparison;
  if (c !== undefined) {
    lines.push(
      '',
      `Average ranks over ${c.n} datasets (1 is best): ${c.methods.map((m, j) => `${m} ${(c.ranks[j] as number).toFixed(2)}`).join(', ')}.`,
      `Friedman chi-square ${c.chiSquare.toFixed(2)} (p ${c.pChiSquare.toPrecision(3)}), Iman-Davenport F ${Number.isFinite(c.f) ? c.f.toFixed(2) : '∞'} (p ${c.pF === 0 ? '0' : c.pF.toPrecision(3)})` +
        (c.criticalDifference !== undefined ? `; Nemenyi critical difference at 0.05: ${c.criticalDifference.toFixed(3)}.` : '.'),
    );
  }
  const skipped = result.runs.filter((r) => r.skipped !== undefined);
  if (skipped.length > 0) lines.push('', `Skipped: ${skipped.map((r) => `${r.method} on ${r.dataset} (${r.skipped})`).join('; ')}.`);
  if (result.notes.length > 0) lines.push('', ...result.notes);
  return lines.join('\n') + '\n';
}
