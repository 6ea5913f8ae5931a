import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CrowdError } from '@crowdlearn/core-matrix';
import type { RoundBudget } from '@crowdlearn/dasc';
import { listDatasets, writeFileAtomic } from '@crowdlearn/datasets';
import type { SuiteResult } from './engine/results.js';
import { collectProvenance, provenanceRows, type Provenance } from './provenance.js';
import { suiteCharts } from './report/charts.js';
import { htmlReport } from './report/html.js';
import { markdownReport } from './report/markdown.js';
import { latexTable, markdownTable } from './report/paper-tables.js';
import { CATALOGUE_SUITES, SUITES } from './suite-registry.js';
import type { SuiteOptions } from './suites/options.js';
import { readUserData, type UserDataFiles, type UserDataRecord } from './user-data.js';
import { isModulePath, resolveMethods } from './user-methods.js';

/**
 * A suite's settings as `results.json` keeps them (its `options`): enough
 * for `bench reproduce` to run the same suite again. The user's crowds are
 * recorded by absolute path and SHA-256, module methods by absolute path.
 */
export interface RecordedOptions {
  quick: boolean;
  seeds?: number[];
  datasets?: string[];
  /** The `--methods` list, a module's path made absolute. */
  methods?: string[];
  budget?: RoundBudget;
  include100m?: boolean;
  /** The user's crowds (`--data`). */
  data?: UserDataRecord[];
}

/** What `results.json` holds. */
export interface ResultsFile {
  suite: string;
  started: string;
  provenance?: Provenance;
  options: RecordedOptions & { data?: UserDataRecord[] | string };
  runs: SuiteResult['runs'];
  summary: Omit<SuiteResult['summary'][number], 'seconds'>[];
}

/** JSON has no NaN or Infinity: they are written as null. */
function finiteOrNull(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/**
 * The suite's options from recorded settings: the user's crowds read (named
 * as `groups` say) and the module methods loaded. Returns the options and
 * the settings to record, with the crowds' paths and hashes.
 */
export async function prepareSuite(suite: string, settings: Omit<RecordedOptions, 'data'>, groups: readonly UserDataFiles[]): Promise<{ options: SuiteOptions; recorded: RecordedOptions }> {
  const catalogue = CATALOGUE_SUITES[suite];
  let methods = settings.methods;
  let extraMethods: SuiteOptions['extraMethods'];
  if (catalogue !== undefined) {
    const resolved = await resolveMethods(settings.methods, catalogue.family, catalogue.names());
    methods = resolved.methods;
    if (resolved.extra.length > 0) extraMethods = resolved.extra;
  } else if (settings.methods?.some(isModulePath) === true) {
    throw new CrowdError('INVALID_ARGUMENT', `--methods: a module's methods join the ${Object.keys(CATALOGUE_SUITES).join(', ')} suites, not ${suite}`, { expected: 'method names' });
  }
  const { data, records } = groups.length > 0 ? await readUserData(groups, listDatasets().map((m) => m.name)) : { data: [], records: [] };
  const recorded: RecordedOptions = { ...settings, ...(settings.methods !== undefined ? { methods: settings.methods.map((m) => (isModulePath(m) ? resolve(m) : m)) } : {}), ...(records.length > 0 ? { data: records } : {}) };
  const options: SuiteOptions = { ...settings, ...(methods !== undefined ? { methods } : {}), ...(data.length > 0 ? { data } : {}), ...(extraMethods !== undefined ? { extraMethods } : {}) };
  return { options, recorded };
}

/**
 * Runs a suite and writes everything a paper takes into `out`: results.json
 * (runs, summary, comparison, the recorded settings and the provenance),
 * report.html, table.tex, table.md and charts/*.svg; each finished run is
 * appended to runs.jsonl at once, so a long suite stopped part way keeps
 * what it measured (the folder is made with the first run: bad options
 * leave nothing behind). Prints the Markdown summary.
 */
export async function runSuite(suite: string, prepared: { options: SuiteOptions; recorded: RecordedOptions }, out: string, argv: readonly string[]): Promise<SuiteResult> {
  const run = SUITES[suite];
  if (run === undefined) throw Object.assign(new Error(`unknown suite ${JSON.stringify(suite)}; expected one of ${Object.keys(SUITES).join(', ')}`), { usage: true });
  const started = new Date();
  const runLog = join(out, 'runs.jsonl');
  const options: SuiteOptions = {
    ...prepared.options,
    onRun: (r, done, total) => {
      mkdirSync(out, { recursive: true });
      appendFileSync(runLog, JSON.stringify(r, finiteOrNull) + '\n');
      if (process.stderr.isTTY) process.stderr.write(`\r${suite}: ${done}/${total} ${r.dataset} ${r.method} seed ${r.seed}${' '.repeat(20)}`);
    },
  };
  const result = await run(options);
  const provenance = collectProvenance(argv, started, options.seeds);
  if (process.stderr.isTTY) process.stderr.write('\n');
  mkdirSync(out, { recursive: true });
  const percent = (r: SuiteResult) => r.metric.endsWith('accuracy');
  const summary = result.summary.map(({ suite: s, dataset, method, metric, mean, std, n, peakMiB }) => ({ suite: s, dataset, method, metric, mean, std, n, ...(peakMiB !== undefined ? { peakMiB } : {}) }));
  const file = { suite, started: started.toISOString(), provenance, options: prepared.recorded, runs: result.runs, summary, comparison: result.comparison, notes: result.notes, lineCharts: result.lineCharts, scatterCharts: result.scatterCharts };
  await writeFileAtomic(join(out, 'results.json'), JSON.stringify(file, finiteOrNull, 2) + '\n');
  await writeFileAtomic(join(out, 'report.html'), htmlReport([result], `crowdlearn bench: ${suite}`, percent, provenance));
  // what a paper takes: the table in LaTeX (booktabs) and Markdown, and every chart as its own SVG
  await writeFileAtomic(join(out, 'table.tex'), latexTable(result, percent(result)));
  await writeFileAtomic(join(out, 'table.md'), markdownTable(result, percent(result)));
  const charts = suiteCharts(result, percent(result));
  mkdirSync(join(out, 'charts'), { recursive: true });
  for (const chart of [...charts.bars, ...charts.traces, ...(charts.criticalDifference !== undefined ? [charts.criticalDifference] : [])]) {
    await writeFileAtomic(join(out, 'charts', chart.file), `<?xml version="1.0" encoding="UTF-8"?>\n${chart.svg}\n`);
  }
  const provenanceLines = provenanceRows(provenance).map(([label, value]) => `- ${label}: ${value}`);
  process.stdout.write(markdownReport(result, percent(result)) + `\n## Provenance\n\n${provenanceLines.join('\n')}\n\nWritten: ${join(out, 'results.json')}, ${join(out, 'report.html')}, table.tex, table.md and charts/ beside them\n`);
  return result;
}
