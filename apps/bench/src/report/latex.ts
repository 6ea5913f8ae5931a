/**
 * A suite's results table as LaTeX (booktabs) and as Markdown, the files a
 * paper takes: datasets by methods, mean ± sd over seeds, the best mean per
 * dataset in bold.
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
  const cell = (text: string, best: boolean) => {
    const body = text.split(' ± ').map(latexText).join(' $\\pm$ ');
    return best ? `\\textbf{${body}}` : body;
  };
  return [
    `% crowdlearn bench ${result.suite}: ${result.metric}${percent ? ' (%)' : ''}, mean $\\pm$ sd over seeds; the best mean per dataset in bold`,
    `\\begin{tabular}{l${'r'.repeat(t.about.columns.length + t.methods.length)}}`,
    '\\toprule',
    `dataset & ${[...t.about.columns, ...t.methods].map(latexText).join(' & ')} \\\\`,
    '\\midrule',
    ...t.datasets.map((d, i) => `${latexText(d)} & ${[...(t.about.rows[i] as string[]), ...(t.cells[i] as string[]).map((c, j) => cell(c, (t.best[i] as Set<string>).has(t.methods[j] as string) && c !== '-'))].join(' & ')} \\\\`),
    '\\bottomrule',
    '\\end{tabular}',
  ].join('\n') + '\n';
}

/** The results table in Markdown, the best mean per dataset in bold. */
export function markdownTable(result: SuiteResult, percent: boolean): string {
  const t = resultTable(result, percent);
  return [
    `| dataset | ${[...t.about.columns, ...t.methods].join(' | ')} |`,
    `|---|${[...t.about.columns, ...t.methods].map(() => '---:').join('|')}|`,
    ...t.datasets.map((d, i) => `| ${d} | ${[...(t.about.rows[i] as string[]), ...(t.cells[i] as string[]).map((c, j) => ((t.best[i] as Set<string>).has(t.methods[j] as string) && c !== '-' ? `**${c}**` : c))].join(' | ')} |`),
  ].join('\n') + '\n';
}
