import type { SuiteResult } from '../engine/results.js';
import { markdownTable } from './paper-tables.js';
import { comparisonSentences } from './table.js';

/** The suite's results as a Markdown table (datasets x methods, mean ± sd in %, the best in bold), ranks and notes. */
export function markdownReport(result: SuiteResult, percent = true): string {
  const lines = [
    `## ${result.suite}: ${result.metric}${percent ? ' (%)' : ''}`,
    '',
    markdownTable(result, percent).trimEnd(),
    '',
    'Bold: the best mean per dataset; italics: a method that a paired t-test over the seeds both ran cannot separate from it (p ≥ 0.05).',
  ];
  for (const sentence of comparisonSentences(result)) lines.push('', sentence);
  if (result.notes.length > 0) lines.push('', ...result.notes);
  return lines.join('\n') + '\n';
}
