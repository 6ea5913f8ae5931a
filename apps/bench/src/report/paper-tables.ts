/**
 * A suite's results table as LaTeX (booktabs) and as Markdown, the files a
 * paper takes: datasets by methods, mean ± sd over seeds, the best mean per
 * dataset in bold, and the methods a paired t-test over seeds cannot
 * separate from it underlined (italics in Markdown).
 */
import type { SuiteResult } from '../engine/results.js';
import { resultTable } from './table.js';

/** Text set in LaTeX as typed: its special characters escaped. */
export function latexText(text: string): string {
  return text.replace(/[\\{}&%$#_^~]/g, (c) => ({ '\\': '\\textbackslash{}', '^': '\\textasciicircum{}', '~': '\\textasciitilde{}' })[c] ?? `\\${c}`);
}

/** The results table as a booktabs `tabular`, with a comment line saying what the cells are. */
export function latexTable(result: SuiteResult, percent: boolean): string {
  const t = resultTable(result, percent);
  const cell = (text: string, best: boolean, close: boolean) => {
    const body = text.split(' ± ').map(latexText).join(' $\\pm$ ');
    return best ? `\\textbf{${body}}` : close ? `\\underline{${body}}` : body;
  };
  return [
    `% crowdlearn bench ${result.suite}: ${result.metric}${percent ? ' (%)' : ''}, mean $\\pm$ sd over seeds; the best mean per dataset in bold, underlined where a paired t-test over seeds cannot separate a method from it (p $\\geq$ 0.05)`,
    `\\begin{tabular}{l${'r'.repeat(t.about.columns.length + t.methods.length)}}`,
    '\\toprule',
    `dataset & ${[...t.about.columns, ...t.methods].map(latexText).join(' & ')} \\\\`,
    '\\midrule',
    ...t.datasets.map((d, i) => `${latexText(d)} & ${[...(t.about.rows[i] as string[]), ...(t.cells[i] as string[]).map((c, j) => cell(c, (t.best[i] as Set<string>).has(t.methods[j] as string) && c !== '-', (t.close[i] as Set<string>).has(t.methods[j] as string)))].join(' & ')} \\\\`),
    '\\bottomrule',
    '\\end{tabular}',
  ].join('\n') + '\n';
}

/** The results table in Markdown, the best mean per dataset in bold, those not separable from it in italics. */
export function markdownTable(result: SuiteResult, percent: boolean): string {
  const t = resultTable(result, percent);
  return [
    `| dataset | ${[...t.about.columns, ...t.methods].join(' | ')} |`,
    `|---|${[...t.about.columns, ...t.methods].map(() => '---:').join('|')}|`,
    ...t.datasets.map((d, i) => `| ${d} | ${[...(t.about.rows[i] as string[]), ...(t.cells[i] as string[]).map((c, j) => ((t.best[i] as Set<string>).has(t.methods[j] as string) && c !== '-' ? `**${c}**` : (t.close[i] as Set<string>).has(t.methods[j] as string) ? `_${c}_` : c))].join(' | ')} |`),
  ].join('\n') + '\n';
}
