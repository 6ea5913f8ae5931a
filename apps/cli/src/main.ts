#!/usr/bin/env node
import { cac } from 'cac';
import { isCrowdError } from '@crowdlearn/core-matrix';
import { aggregateCommand } from './commands/aggregate.js';
import { compareCommand } from './commands/compare.js';
import { estimateCommand } from './commands/estimate.js';
import { rankCommand } from './commands/rank.js';
import { completeCommand } from './commands/complete.js';
import { datasetsCommand } from './commands/datasets.js';
import { methodsCommand } from './commands/methods.js';
import { predictCommand } from './commands/predict.js';
import { simulateCommand } from './commands/simulate.js';
import { statsCommand } from './commands/stats.js';
import { trainCommand } from './commands/train.js';
import { CATALOGUES, DEFAULT_METHODS, methodNames, type MethodKind } from './methods.js';
import { applySettings, methodFlagHelp, methodFlags, placeholder } from './method-flags.js';
import { versionText } from '@crowdlearn/bench';
import { unknownFlagHint } from './flag-hint.js';
import { SQL_METHODS } from '@crowdlearn/aggregators-sql';

// `crowdlearn complete ... | head`: a closed pipe ends the output quietly, as Unix tools do.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const cli = cac('crowdlearn');

type Command = ReturnType<typeof cli.command>;

const inputOptions = (c: Command) =>
  c
    .option('--dataset <name>', 'use a bundled dataset instead of a file (its gold, features and test split come along)')
    .option('--format <format>', 'force the input format: long (one label per row, any delimiter; MTurk and Toloka exports), wide (item x worker), jsonl, json (Label Studio export, or an array of records), ceka or rodrigues (default: detected from the content)')
    .option('--columns <roles>', 'the columns (or JSON keys) of the labels file: item=<name>,worker=<name>,label=<name>[,gold=<name>]')
    .option('--delimiter <name>', 'the field separator: comma, tab, semicolon or space (default: detected)')
    .option('--duplicates <policy>', 'repeated (item, worker) labels: error (default), first or last')
    .option('--empty <policy>', 'records with an empty label: error (default) or skip')
    .option('--normalize-labels', 'trim labels and fold their case, so that cat, Cat and "cat " are one class')
    .option('--no-header', 'the labels file has no header: its first row is a label even when it looks like a header')
    .option('--encoding <name>', 'the text encoding of the input files: utf-8 (default; bytes that are not UTF-8 are an error) or latin1')
    .option('--gold <file>', 'gold labels (question,truth / task,true_label / item label)')
    .option('--gold-from-dataset <name>', "score against a bundled dataset's gold")
    .option('--features <file>', 'item features: .npy (with its item ids: <name>.ids.txt beside it or --feature-ids), .arff/.arffx, or CSV with an id column')
    .option('--feature-ids <file>', 'the item id of each row of an .npy features file, one per line')
    .option('--feature-order <order>', 'labels: the rows of an .npy features file are the items in the order they first appear in the labels file');

/**
 * The flags of the command's methods' options, one per option name in the
 * catalogues it runs (`--max-iterations`, `--tie-break`, `--epochs`, ...),
 * each with what it does, its values and default for every method that
 * takes it. A flag given for a method that does not take it is an error.
 */
const methodOptionFlags = (c: Command, kind: MethodKind) => {
  for (const flag of methodFlags(kind)) c.option(`${flag.flag} ${placeholder(flag)}`, methodFlagHelp(flag));
  return c;
};

/** `; ds: its option preset (crowdkit, mmlc)` for the methods whose own option is named `preset`. */
function presetOptionHelp(kind: MethodKind): string {
  return CATALOGUES[kind]
    .flatMap((entry) => entry.options.filter((spec) => spec.name === 'preset').map((spec) => `; ${entry.name}: ${spec.description} (${(spec.choices ?? []).join(', ')})`))
    .join('');
}

/** The flags every method run takes, then those of its methods' options. */
const runOptions = (c: Command, kind: MethodKind) =>
  methodOptionFlags(
    c
      .option('--method <name>', `${kind === 'aggregate' ? 'aggregator' : kind === 'complete' ? 'completion method' : 'method'}: ${methodNames(kind).join(', ')} (default: ${DEFAULT_METHODS[kind]})`)
      .option('--seed <n>', 'seed, a whole number (default 0)')
      .option('--settings <string>', "a run's method, seed and options as one string, method=ds&seed=0&maxIterations=50 (what the web app shares)")
      .option('--preset <name>', `a dataset preset the method knows (see \`crowdlearn methods --json\`; default: the --dataset name, else the method's defaults)${presetOptionHelp(kind)}`)
      .option('--backend <name>', 'methods that train a TensorFlow.js model: wasm, cpu or node (default: CROWDLEARN_BACKEND, else the first that loads)')
      .option('--quiet', 'no progress bar')
      .option('--json', 'one JSON object on stdout'),
    kind,
  );

/** The flags of the extra inputs some methods read (their catalogue entry's `capabilities.inputs`). */
const extraInputOptions = (c: Command) =>
  c
    .option('--source <csv>', 'crowdmeta: id, features..., label rows of other classes (the source domain)')
    .option('--support <csv>', 'crowdmeta: id, features..., label rows of a few instances of the crowd classes');

runOptions(extraInputOptions(inputOptions(cli.command('aggregate [labels]', 'truth inference with any aggregator'))), 'aggregate')
  .option('--weights <file>', 'wmv: worker,weight rows, one weight per worker')
  .option('--multi-label', 'each row lists several labels (house|tree, or a JSON array): BinaryRelevance, every label aggregated as a yes/no question by the method')
  .option('--label-separator <s>', 'with --multi-label: what separates the labels in a cell (default |)')
  .option('--true-labels <file>', 'gold-mv (required), ds: item,label rows of the items whose class is known (gold-mv weighs workers by their accuracy there; ds keeps them at that class)')
  .option('--engine <name>', `run ${SQL_METHODS.join(', ')} inside duckdb or clickhouse (a .csv/.parquet file is read by the engine)`)
  .option('--engine-url <urls>', 'clickhouse: server URL, or one per shard, comma-separated, with --engine-cluster')
  .option('--engine-cluster <name>', 'clickhouse: the cluster the servers form (tasks partitioned over its shards)')
  .option('--engine-db <file>', 'duckdb: a database file instead of memory (for labels larger than memory)')
  .option('--memory-limit <size>', 'duckdb: memory limit, e.g. 400MB (spills to disk beyond it)')
  .option('--out <file>', 'write item,label,confidence rows: .csv, .tsv, .jsonl or .parquet by extension, - for standard output (atomically; through a link to its target)')
  .option('--out-format <format>', 'csv, tsv, jsonl or parquet, when the --out extension does not say; alone: the labels to standard output')
  .option('--proba', 'with --out: one p_<class> probability column per class')
  .option('--workers-out <file>', "write the worker table: labels given, agreement with the result, the method's quality estimate, accuracy on gold items")
  .option('--confusions', "with --workers-out: each worker's confusion matrix, flattened as c_<true>_<given> (confusion-matrix methods)")
  .option('--json-detail', 'with --json: the labels and worker tables in the report')
  .option('--force', 'replace existing --out and --workers-out files')
  .example('crowdlearn aggregate answer.csv --gold truth.csv --method ds --json')
  .example('crowdlearn aggregate answer.csv --method ds --out labels.csv --proba --workers-out workers.csv --confusions')
  .example('crowdlearn aggregate answer.csv --method glad --out - | head')
  .example('crowdlearn aggregate answer.csv --method ds --max-iterations 50 --tol 1e-6 --tie-break lowest')
  .example('crowdlearn aggregate labels.parquet --method ds --engine duckdb --engine-db work.duckdb --memory-limit 400MB --out truth.csv')
  .example('crowdlearn aggregate labels.csv --method ds --engine clickhouse --engine-url http://127.0.0.1:8123')
  .example('crowdlearn aggregate answer.csv --method wmv --weights worker-weights.csv')
  .example('crowdlearn aggregate --dataset music --method mmlc-owf --epochs 300 --out music-truth.csv')
  .example('crowdlearn aggregate --dataset music --method glad')
  .action((labels: string | undefined, o) => {
    applySettings(o, 'aggregate');
    return aggregateCommand(labels, o);
  });

runOptions(inputOptions(cli.command('complete [labels]', 'label completion: fill missing worker labels (observed labels never change)')), 'complete')
  .option('--aggregate <list>', 'also aggregate before and after completion, e.g. mv,ds (accuracy with gold)')
  .option('--out <file>', 'write the completed labels as long CSV with an origin column (default: stdout)')
  .option('--force', 'replace an existing --out file')
  .example('crowdlearn complete --dataset music --method tllc --aggregate mv,ds --out music-completed.csv')
  .example('crowdlearn complete labels.csv --features features.npy --method wslc > completed.csv')
  .example('crowdlearn complete --dataset music --method mmlc-df --epochs 300 --aggregate mv,ds --out music-filled.csv')
  .example('crowdlearn complete --dataset music --method crowding --aggregate mv --out music-generated.csv')
  .action((labels: string | undefined, o) => {
    applySettings(o, 'complete');
    return completeCommand(labels, o);
  });

inputOptions(cli.command('stats [labels]', 'statistics of a label matrix'))
  .option('--json', 'one JSON object on stdout')
  .example('crowdlearn stats --dataset labelme')
  .action((labels: string | undefined, o) => statsCommand(labels, o));

runOptions(extraInputOptions(inputOptions(cli.command('train [labels]', 'train a learning-from-crowds model, or infer the truth with a trained model'))), 'train')
  .option('--test <file>', 'test set: CSV id, features..., label')
  .option('--save <dir>', 'save the trained classifier (TF.js weights)')
  .option('--out <file>', 'mmlc-owf, crowdmeta: write the inferred item,label,confidence rows (as aggregate --out)')
  .option('--out-format <format>', 'mmlc-owf, crowdmeta: csv, tsv, jsonl or parquet (as aggregate)')
  .option('--proba', 'mmlc-owf, crowdmeta: with --out, one probability column per class')
  .option('--workers-out <file>', 'mmlc-owf, crowdmeta: write the worker table (as aggregate)')
  .option('--confusions', 'mmlc-owf, crowdmeta: with --workers-out, confusion matrices (methods that have them)')
  .option('--json-detail', 'mmlc-owf, crowdmeta: with --json, the labels and worker tables in the report')
  .option('--force', 'replace existing output files, or a model saved before at --save')
  .example('crowdlearn train --dataset music --method crowdlayer --save model/')
  .example('crowdlearn train --dataset labelme --method dasc --rounds 5 --json')
  .example('crowdlearn train --dataset music --method mmlc-owf --epochs 300 --out music-truth.csv')
  .example('crowdlearn train --dataset labelme --method crowding --save crowding-model/')
  .example('crowdlearn train labels.csv --features items.csv --method crowdmeta --source source.csv --support support.csv --out truth.csv')
  .action((labels: string | undefined, o) => {
    applySettings(o, 'train');
    return trainCommand(labels, o);
  });

runOptions(cli.command('estimate [answers]', 'numeric truth inference: an estimate per item from numeric answers (mean, median, LFC_N, CATD, PM/CRH)'), 'estimate')
  .option('--gold <file>', 'item,truth rows: score the estimates (RMSE, MAE); a truth column in the answers file does the same')
  .option('--columns <list>', 'the columns of the answers file: item=<name>,worker=<name>,label=<name>[,gold=<name>]')
  .option('--out <file>', 'write item,value rows (CSV; - for standard output; atomically)')
  .option('--force', 'replace an existing --out file')
  .example('crowdlearn estimate answers.csv --method lfc-n --gold truth.csv')
  .example('crowdlearn estimate anger.tsv --columns item=orig_id,worker=!amt_worker_ids,label=response,gold=gold --method catd-n --json')
  .action((answers: string | undefined, o) => {
    applySettings(o, 'estimate');
    return estimateCommand(answers, o);
  });

runOptions(cli.command('rank [comparisons]', 'scores of items from pairwise comparisons (left,right,winner,worker rows): Bradley-Terry, NoisyBT'), 'rank')
  .option('--out <file>', 'write item,score,rank rows (CSV; - for standard output; atomically)')
  .option('--force', 'replace an existing --out file')
  .example('crowdlearn rank comparisons.csv --method noisy-bt --out scores.csv')
  .action((comparisons: string | undefined, o) => {
    applySettings(o, 'rank');
    return rankCommand(comparisons, o);
  });

inputOptions(cli.command('compare [labels]', 'rank aggregators on your own labels and gold: accuracy, macro-F1, seconds'))
  .option('--methods <list>', 'aggregators to compare, comma-separated (default: every label-only aggregator)')
  .option('--seed <n>', 'seed, a whole number (default 0)')
  .option('--report <file>', "write the bench's HTML report (bar chart and the rank comparison)")
  .option('--force', 'replace an existing --report file')
  .option('--json', 'one JSON object on stdout')
  .example('crowdlearn compare answers.csv --gold gold.csv --methods mv,ds,glad,mace')
  .example('crowdlearn compare --dataset rte --report rte.html')
  .action((labels: string | undefined, o) => compareCommand(labels, o));

cli
  .command('predict', 'predict classes with a saved model')
  .option('--model <dir>', 'a folder written by train --save')
  .option('--features <file>', 'features: .npy or CSV with an id column')
  .option('--out <file>', 'write item,label,confidence rows: .csv, .tsv, .jsonl or .parquet by extension (default: standard output)')
  .option('--out-format <format>', 'csv, tsv, jsonl or parquet, when the --out extension does not say')
  .option('--proba', 'one p_<class> probability column per class')
  .option('--force', 'replace an existing --out file')
  .option('--json', 'one JSON object on stdout')
  .example('crowdlearn predict --model model/ --features test.csv')
  .action((o) => predictCommand(o));

cli
  .command('datasets [action] [name]', 'list, describe or export the bundled datasets (action: list, info, export)')
  .option('--format <format>', 'export format: long or ceka', { default: 'long' })
  .option('--out <dir>', 'export folder')
  .option('--force', 'replace existing files')
  .option('--json', 'JSON on stdout')
  .example('crowdlearn datasets export music --format ceka --out music/')
  .action((action: string | undefined, name: string | undefined, o) => datasetsCommand(action, name, o));

cli
  .command('simulate', 'write a simulated crowd (labels.csv, gold.csv, features.npy, workers.json)')
  .option('--out <dir>', 'output folder')
  .option('--preset <name>', 'wslc or crowdmeta')
  .option('--items <n>', 'items')
  .option('--workers <n>', 'workers')
  .option('--classes <n>', 'classes')
  .option('--feature-dim <n>', 'feature dimension (0 for none)')
  .option('--labels-per-item <n>', 'fixed redundancy instead of random participation')
  .option('--imbalance-ratio <r>', 'long-tailed class prior')
  .option('--difficulty <d>', 'feature-dependent item difficulty in [0, 1]')
  .option('--mix <spec>', 'worker types, e.g. oneCoin=3,spammer=1')
  .option('--seed <n>', 'seed, a whole number (default 0)')
  .option('--force', 'replace existing files')
  .option('--json', 'one JSON object on stdout')
  .example('crowdlearn simulate --items 500 --workers 30 --mix oneCoin=3,spammer=1 --out sim/')
  .action((o) => simulateCommand(o));

cli
  .command('methods', 'list the method names')
  .option('--json', 'JSON on stdout')
  .action((o) => methodsCommand(o));

cli.option('--debug', 'print stack traces');
cli.help();
cli.option('-v, --version', 'the version of crowdlearn and of every package it runs');

/** What the file system said, in words, for the errors that are about a path the user gave. */
const FS_REASONS: Readonly<Record<string, string>> = {
  EISDIR: 'is a directory, expected a file',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
};

/** `path: reason` for a Node file-system error on a path, else undefined. */
function fileSystemError(err: unknown): string | undefined {
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code !== 'string' || FS_REASONS[e.code] === undefined) return undefined;
  return `${e.path ?? 'a file'}: ${FS_REASONS[e.code]}`;
}

/**
 * `--seed -1` as `--seed=-1` and `--out -` as `--out=-`: the option parser
 * reads a dash-led value as a flag of its own (``Unknown option `-1` ``), so a
 * negative number or a lone `-` (standard output) right after a long option
 * is joined to it. The value is then checked like any other.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const arg of argv) {
    const previous = out[out.length - 1];
    if ((/^-(\d|\.\d)/.test(arg) || arg === '-') && previous !== undefined && previous.startsWith('--') && !previous.includes('=')) out[out.length - 1] = `${previous}=${arg}`;
    else out.push(arg);
  }
  return out;
}

async function main(): Promise<void> {
  // `pnpm crowdlearn ...` runs this at the repository root: paths on the command line are the caller's
  if (process.env.npm_lifecycle_event === 'crowdlearn' && process.env.INIT_CWD !== undefined) process.chdir(process.env.INIT_CWD);
  const debug = process.argv.includes('--debug');
  try {
    cli.parse(joinNegativeValues(process.argv), { run: false });
    if (cli.options.version === true) {
      process.stdout.write(versionText('crowdlearn', new URL('../package.json', import.meta.url)));
      return;
    }
    if (cli.matchedCommand === undefined && cli.args.length > 0) {
      throw Object.assign(new Error(`unknown command ${JSON.stringify(cli.args[0])}; see crowdlearn --help`), { usage: true });
    }
    if (cli.matchedCommand === undefined && !cli.options.help) {
      cli.outputHelp();
      return;
    }
    await cli.runMatchedCommand();
  } catch (err) {
    // Bad input (our typed errors, unknown commands and options, a path the file system refuses) exits 2;
    // anything else, such as a model whose training diverged or a bug, exits 1.
    const fsError = fileSystemError(err);
    const usage = fsError !== undefined || (isCrowdError(err) ? err.code !== 'NOT_CONVERGED' : (err as { usage?: boolean }).usage === true || (err as Error).name === 'CACError');
    process.stderr.write(`crowdlearn: ${fsError ?? (err as Error).message}${unknownFlagHint(err, cli.matchedCommand?.options ?? cli.globalCommand.options)}\n`);
    if (debug && err instanceof Error && err.stack !== undefined) process.stderr.write(err.stack + '\n');
    process.exitCode = usage ? 2 : 1;
  }
}

await main();
