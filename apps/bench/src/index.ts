/**
 * The bench's comparison engine and reports, for apps that compare methods
 * on a user's own data (`crowdlearn compare`): the aggregators suite, and
 * the Markdown and HTML reports of its result.
 *
 * @packageDocumentation
 */
export { aggregatorsSuite, SUITE_AGGREGATORS } from './suites/aggregators.js';
export type { SuiteOptions, UserData } from './suites/options.js';
export type { RankComparison, RunRecord, SuiteResult, SummaryRow } from './engine/results.js';
export { htmlReport } from './report/html.js';
export { markdownReport } from './report/markdown.js';
export { versionText } from './versions.js';
