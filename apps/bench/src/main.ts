#!/usr/bin/env node
import { join } from 'node:path';
import { cac } from 'cac';
import { isCrowdError } from '@crowdlearn/core-matrix';
import { checkFlagsApply, suiteOptionsFromFlags } from './flags.js';
import { reproduce } from './reproduce.js';
import { prepareSuite, runSuite } from './run-suite.js';
import { SUITES } from './suite-registry.js';
import { userDataGroups } from './user-data.js';
import { versionText } from './versions.js';

/** The default output folder of a run started now: bench-results/<name>-<timestamp>. */
const defaultOut = (name: string) => join('bench-results', `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}`);

const cli = cac('bench');
cli
  .command('reproduce <results>', 're-run the suite of a results.json with its recorded settings and report every cell that differs beyond its sd (exit 1 if any)')
  .option('--out <dir>', 'output folder of the new run (default bench-results/reproduce-<suite>-<timestamp>)')
  .example('pnpm -s bench reproduce bench-results/aggregators-2026-12-04T10-00-00-000Z/results.json')
  .action(async (file: string, o: Record<string, unknown>) => {
    const differing = await reproduce(file, (o.out as string | undefined) ?? defaultOut('reproduce'), process.argv.slice(2));
    if (differing > 0) process.exitCode = 1;
  });
cli
  .command('<suite>', `run a suite: ${Object.keys(SUITES).join(', ')}`)
  .option('--out <dir>', 'output folder (default bench-results/<suite>-<timestamp>); runs.jsonl there grows by one line per finished run')
  .option('--quick', 'fewer repeats and sizes: a check in minutes')
  .option('--seeds <list>', 'seeds, e.g. 0,1,2')
  .option('--datasets <list>', "bundled datasets (comparison suites); 'none' with --data runs the user's crowds alone")
  .option('--methods <list>', 'methods; aggregators, completion and classifiers also take a module path (./my-method.mjs) exporting catalogue entries')
  .option('--budget <n>', 'dasc suites: pseudo-annotations per self-training round, a count (10000) or a fraction of the empty cells (default 0.1)')
  .option('--include-100m', 'perf-aggregators: also DS on 100M labels; perf-io: also 100M lines')
  .option('--data <file>', "aggregators, completion: a crowd of the user's (any labels file the CLI reads, or a folder with answer.csv and truth.csv), joining the bundled datasets; repeatable")
  .option('--gold <file>', 'gold item,label rows for the --data before it')
  .option('--features <file>', 'item features (id,f1,...,fd CSV/TSV) for the --data before it')
  .example('pnpm -s bench aggregators --quick')
  .example('pnpm -s bench perf-aggregators')
  .example('pnpm -s bench aggregators --data answers.csv --gold gold.csv --methods mv,ds,glad,mace')
  .example('pnpm -s bench aggregators --datasets none --data d_sentiment/ --data d_Duck/answer.csv --methods mv,ds,./my-method.mjs')
  .action(async (suite: string, o: Record<string, unknown>) => {
    if (SUITES[suite] === undefined) throw Object.assign(new Error(`unknown suite ${JSON.stringify(suite)}; expected one of ${Object.keys(SUITES).join(', ')}`), { usage: true });
    checkFlagsApply(suite, o);
    const argv = process.argv.slice(2);
    const prepared = await prepareSuite(suite, suiteOptionsFromFlags(o), userDataGroups(argv));
    await runSuite(suite, prepared, (o.out as string | undefined) ?? defaultOut(suite), argv);
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
