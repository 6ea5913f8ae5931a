import type { SuiteResult } from '../engine/results.js';
import { comparisonSentences, resultTable } from './table.js';

/** The suite's results as a Markdown table (datasets x methods, mean ± sd in %), ranks and notes. */
export function markdownReport(result: SuiteResult, percent = true): string {
  const t = resultTable(result, percent);
  const lines = [
    `## ${result.suite}: ${result.metric}${percent ? ' (%)' : ''}`,
    '',
    `| dataset | ${t.methods.join(' | ')} |`,
    `|---|${t.methods.map(() => '---:').join('|')}|`,
    ...t.datasets.map((d, i) => `| ${d} | ${(t.cells[i] as string[]).join(' | ')} |`),
  ];
  for (const sentence of comparisonSentences(result)) lines.push('', sentence);
  if (result.notes.length > 0) lines.push('', ...result.notes);
  return lines.join('\n') + '\n';
}
