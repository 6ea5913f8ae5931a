#!/usr/bin/env node
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cac } from 'cac';
import { isCrowdError } from '@crowdlearn/core-matrix';
import { writeFileAtomic } from '@crowdlearn/datasets';
import type { SuiteResult } from './engine/results.js';
import { htmlReport } from './report/html.js';
import { markdownReport } from './report/markdown.js';
import { latexTable, markdownTable } from './report/paper-tables.js';
import { suiteCharts } from './report/charts.js';
import { aggregatorsSuite } from './suites/aggregators.js';
import { classifiersSuite, completionSuite } from './suites/catalogue.js';
import type { SuiteOptions } from './suites/options.js';
import { checkFlagsApply, suiteOptionsFromFlags } from './flags.js';
import { userData } from './user-data.js';
import { versionText } from './versions.js';
import { collectProvenance, provenanceRows } from './provenance.js';
import { tllcSuite } from './suites/tllc.js';
import { dascLongTailSuite, dascSparsitySuite, dascSuite } from './suites/dasc.js';
import { mmlcSuite } from './suites/mmlc.js';
import { mmlcRedundancySuite } from './suites/mmlc-redundancy.js';
import { crowdmetaSuite } from './suites/crowdmeta.js';
import { crowdingHyperSuite, crowdingSparsitySuite, crowdingStartSuite, crowdingSuite } from './suites/crowding.js';
import { perfAggregatorsSuite, perfIoSuite, perfNeuralSuite } from './suites/perf.js';
import { perfWebSuite } from './suites/perf-web.js';

const SUITES: Record<string, (o: SuiteOptions) => Promise<SuiteResult>> = {
  aggregators: aggregatorsSuite,
  completion: completionSuite,
  classifiers: classifiersSuite,
  tllc: tllcSuite,
  dasc: dascSuite,
  'dasc-sparsity': dascSparsitySuite,
  'dasc-longtail': dascLongTailSuite,
  mmlc: mmlcSuite,
  'mmlc-redundancy': mmlcRedundancySuite,
  crowdmeta: crowdmetaSuite,
  crowding: crowdingSuite,
  'crowding-sparsity': crowdingSparsitySuite,
  'crowding-hyper': crowdingHyperSuite,
  'crowding-start': crowdingStartSuite,
  'perf-aggregators': perfAggregatorsSuite,
  'perf-io': perfIoSuite,
  'perf-neural': perfNeuralSuite,
  'perf-web': perfWebSuite,
};

/** JSON has no NaN or Infinity: they are written as null. */
function finiteOrNull(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

const cli = cac('bench');
cli
  .command('<suite>', `run a suite: ${Object.keys(SUITES).join(', ')}`)
  .option('--out <dir>', 'output folder (default bench-results/<suite>-<timestamp>); runs.jsonl there grows by one line per finished run')
  .option('--quick', 'fewer repeats and sizes: a check in minutes')
  .option('--seeds <list>', 'seeds, e.g. 0,1,2')
  .option('--datasets <list>', 'datasets (comparison suites)')
  .option('--methods <list>', 'methods')
  .option('--budget <n>', 'dasc suites: pseudo-annotations per self-training round, a count (10000) or a fraction of the empty cells (default 0.1)')
  .option('--include-100m', 'perf-aggregators: also DS on 100M labels; perf-io: also 100M lines')
  .option('--data <file>', "aggregators: the user's own crowd (long CSV/TSV or JSON Lines) instead of the bundled datasets")
  .option('--gold <file>', 'aggregators: gold item,label rows for --data')
  .example('pnpm -s bench aggregators --quick')
  .example('pnpm -s bench perf-aggregators')
  .example('pnpm -s bench aggregators --data answers.csv --gold gold.csv --methods mv,ds,glad,mace')
  .action(async (suite: string, o: Record<string, unknown>) => {
    const run = SUITES[suite];
    if (run === undefined) throw Object.assign(new Error(`unknown suite ${JSON.stringify(suite)}; expected one of ${Object.keys(SUITES).join(', ')}`), { usage: true });
    checkFlagsApply(suite, o);
    const started = new Date();
    const out = (o.out as string | undefined) ?? join('bench-results', `${suite}-${started.toISOString().replace(/[:.]/g, '-')}`);
    // Each finished run is appended at once, so a long suite stopped part way keeps what it measured;
    // the folder is made with the first run, so that bad options leave nothing behind.
    const runLog = join(out, 'runs.jsonl');
    const data = await userData(o);
    const options: SuiteOptions = {
      ...suiteOptionsFromFlags(o),
      ...(data !== undefined ? { data } : {}),
      onRun: (r, done, total) => {
        mkdirSync(out, { recursive: true });
        appendFileSync(runLog, JSON.stringify(r, finiteOrNull) + '\n');
        if (process.stderr.isTTY) process.stderr.write(`\r${suite}: ${done}/${total} ${r.dataset} ${r.method} seed ${r.seed}${' '.repeat(20)}`);
      },
    };
    const result = await run(options);
    const provenance = collectProvenance(process.argv.slice(2), started, options.seeds);
    if (process.stderr.isTTY) process.stderr.write('\n');
    mkdirSync(out, { recursive: true });
    const percent = (r: SuiteResult) => r.metric.endsWith('accuracy');
    const summary = result.summary.map(({ suite: s, dataset, method, metric, mean, std, n }) => ({ suite: s, dataset, method, metric, mean, std, n }));
    await writeFileAtomic(join(out, 'results.json'), JSON.stringify({ suite, started: started.toISOString(), provenance, options: { ...options, onRun: undefined, data: data?.name }, runs: result.runs, summary, comparison: result.comparison, notes: result.notes, lineCharts: result.lineCharts, scatterCharts: result.scatterCharts }, finiteOrNull, 2) + '\n');
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
  });
cli.option('-v, --version', 'the version of the bench and of every crowdlearn package');
cli.help();

try {
  cli.parse(process.argv, { run: false });
  if (cli.options.version === true) process.stdout.write(versionText('crowdlearn-bench', new URL('../package.json', import.meta.url)));
  else if (cli.matchedCommand === undefined) cli.outputHelp();
  else await cli.runMatchedCommand();
} catch (err) {
  process.stderr.write(`bench: ${(err as Error).message}\n`);
  process.exitCode = isCrowdError(err) || (err as { usage?: boolean }).usage === true || (err as Error).name === 'CACError' ? 2 : 1;
}
