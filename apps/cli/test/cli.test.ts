import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Features } from '@crowdlearn/core-matrix';
import { loadDataset } from '@crowdlearn/datasets';
import { CROWDMETA_AGGREGATOR, classDisjointTask, labelledPool, simulateMetaCrowd } from '@crowdlearn/crowdmeta';
import { AGGREGATORS, NUMERIC_AGGREGATORS, PAIRWISE_AGGREGATORS } from '@crowdlearn/aggregators';
import { CROWDING_CLASSIFIER, CROWDING_COMPLETION } from '@crowdlearn/crowding';
import { DASC_CLASSIFIER } from '@crowdlearn/dasc';
import { MMLC_AGGREGATORS, MMLC_COMPLETION } from '@crowdlearn/mmlc';
import { BASE_MODELS, NEURAL_AGGREGATORS } from '@crowdlearn/neural';
import { TLLC_COMPLETION } from '@crowdlearn/tllc';
import { binaryInScratchFolder, interruptDuringWrite } from './binary.js';

const { dir, run, json, write } = binaryInScratchFolder('crowdlearn-cli-');

describe('crowdlearn aggregate', () => {
  it('works on the truth-inference layout (question,worker,answer and question,truth)', () => {
    write('answer.csv', 'question,worker,answer\nq1,w1,1\nq1,w2,1\nq1,w3,0\nq2,w1,0\nq2,w2,0\nq2,w3,1\nq3,w1,1\nq3,w3,1\n');
    write('truth.csv', 'question,truth\nq1,1\nq2,0\nq3,1\n');
    const r = json('aggregate', 'answer.csv', '--gold', 'truth.csv', '--method', 'ds');
    expect(r).toMatchObject({ method: 'ds', items: 3, workers: 3, labels: 8, classes: 2, accuracy: 1 });
    expect(typeof r.seconds).toBe('number');
    expect(typeof r.iterations).toBe('number');
    // stdout holds exactly one JSON object
    expect(run('aggregate', 'answer.csv', '--method', 'mv', '--json').stdout.trim().split('\n')).toHaveLength(1);
  });

  it('runs weighted MV with worker weights from a file, and rejects bad weights with the line', () => {
    write('answer.csv', 'question,worker,answer\nq1,w1,1\nq1,w2,1\nq1,w3,0\nq2,w1,0\nq2,w2,0\nq2,w3,1\nq3,w1,1\nq3,w3,1\n');
    write('truth.csv', 'question,truth\nq1,1\nq2,0\nq3,1\n');
    // w3 outweighs w1 and w2 together: q1 goes to its 0, q2 to its 1
    write('weights.csv', 'worker,weight\nw1,1\nw2,1\nw3,3\n');
    const r = json('aggregate', 'answer.csv', '--gold', 'truth.csv', '--method', 'wmv', '--weights', 'weights.csv', '--out', 'wmv.csv', '--force');
    expect(r).toMatchObject({ method: 'wmv', items: 3, accuracy: 1 / 3 });
    expect(readFileSync(join(dir, 'wmv.csv'), 'utf8').trim().split('\n').map((row) => row.split(',').slice(0, 2).join(','))).toEqual(['item,label', 'q1,0', 'q2,1', 'q3,1']);
    write('bad-weights.csv', 'w1,1\nw2,-2\nw3,1\n');
    const bad = run('aggregate', 'answer.csv', '--method', 'wmv', '--weights', 'bad-weights.csv');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad-weights\.csv:2: a worker weight is a non-negative number/);
    write('few-weights.csv', 'w1,1\nw2,2\n');
    expect(run('aggregate', 'answer.csv', '--method', 'wmv', '--weights', 'few-weights.csv').stderr).toMatch(/worker "w3" has no weight/);
    expect(run('aggregate', 'answer.csv', '--method', 'wmv').stderr).toMatch(/wmv needs --weights/);
    expect(run('aggregate', 'answer.csv', '--method', 'ds', '--weights', 'weights.csv').stderr).toMatch(/--weights does not apply to ds/);
  });

  it('runs inside DuckDB with the same result, reading a CSV itself when given one', () => {
    const inside = json('aggregate', '--dataset', 'music', '--method', 'ds', '--engine', 'duckdb');
    const outside = json('aggregate', '--dataset', 'music', '--method', 'ds');
    expect(inside).toMatchObject({ engine: 'duckdb', items: 700, labels: 2945, iterations: outside.iterations, accuracy: outside.accuracy });
    // a file the engine reads, with its own column names; labels written atomically by name
    write('engine.csv', 'q,who,says\nq1,w1,yes\nq1,w2,yes\nq1,w3,no\nq2,w1,no\nq2,w2,no\nq2,w3,yes\nq3,w1,yes\nq3,w3,yes\n');
    const r = json('aggregate', 'engine.csv', '--method', 'mv', '--engine', 'duckdb', '--columns', 'item=q,worker=who,label=says', '--out', 'engine-out.csv', '--force');
    expect(r).toMatchObject({ method: 'mv', engine: 'duckdb', items: 3, workers: 3, labels: 8, classes: 2 });
    expect(readFileSync(join(dir, 'engine-out.csv'), 'utf8').trim().split('\n')).toEqual(['item,label,confidence', 'q1,yes,0.6666666666666666', 'q2,no,0.6666666666666666', 'q3,yes,1']);
    const unknown = run('aggregate', 'engine.csv', '--method', 'mace', '--engine', 'duckdb', '--columns', 'item=q,worker=who,label=says');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/no SQL plan for the aggregator "mace"; expected one of mv, ds, one-coin-ds, zencrowd, glad/);
    const missing = run('aggregate', 'engine.csv', '--method', 'ds', '--engine', 'duckdb');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/engine\.csv: the engine could not read the labels.*task/s);
    expect(run('aggregate', '--dataset', 'music', '--engine', 'postgres').stderr).toMatch(/unknown engine "postgres"; expected duckdb or clickhouse/);
    expect(run('aggregate', '--dataset', 'music', '--engine', 'clickhouse').stderr).toMatch(/ClickHouse needs the URL of its server/);
  });

  it('uses bundled datasets and reproduces the crowd-kit parity numbers', () => {
    expect(json('aggregate', '--dataset', 'music', '--method', 'ds').accuracy).toBeCloseTo(0.7686, 4);
    expect(json('aggregate', '--dataset', 'leaves-oak', '--method', 'mnldp').accuracy as number).toBeGreaterThan(0.8);
    const text = run('aggregate', '--dataset', 'music', '--method', 'wawa');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/accuracy \d+\.\d\d% on 700 gold items/);
  });

  it('reads .gz, JSON Lines and Rodrigues matrices, and writes labels atomically, refusing to overwrite', () => {
    write('answer.csv.gz', gzipSync(readFileSync(join(dir, 'answer.csv'))));
    expect(json('aggregate', 'answer.csv.gz', '--gold', 'truth.csv').accuracy).toBeDefined();
    write('l.jsonl', '{"item":"a","worker":1,"label":"x","gold":"x"}\n{"item":"a","worker":2,"label":"x"}\n');
    expect(json('aggregate', 'l.jsonl').accuracy).toBe(1);
    write('answers.txt', '0 -1 0 1 -1\n1 1 -1 1 1\n');
    expect(json('aggregate', 'answers.txt', '--method', 'mv')).toMatchObject({ items: 2, workers: 5, labels: 7 });
    expect(run('aggregate', 'answer.csv', '--out', 'labels.csv').code).toBe(0);
    expect(readFileSync(join(dir, 'labels.csv'), 'utf8').split('\n')[0]).toBe('item,label,confidence');
    const again = run('aggregate', 'answer.csv', '--out', 'labels.csv');
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('crowdlearn: labels.csv: the output file exists; expected --force to replace it\n');
    expect(run('aggregate', 'answer.csv', '--out', 'labels.csv', '--force').code).toBe(0);
  });
});

describe('bad input', () => {
  it('gets one line on stderr, exit code 2 and no stack trace', () => {
    const cases: [string[], RegExp][] = [
      [['aggregate', 'missing.csv'], /^crowdlearn: missing\.csv: no such file\n$/],
      [['aggregate', write('short.csv', 'question,worker,answer\nq1,w1,1\nq2,w1\n')], /^crowdlearn: short\.csv:3:3: too few fields; expected at least 3 fields, found 2\n$/],
      [['aggregate', 'answer.csv', '--method', 'nope'], /^crowdlearn: unknown method "nope"; expected one of mv, /],
      [['aggregate', '--dataset', 'nope'], /^crowdlearn: no bundled dataset named "nope"/],
      [['frobnicate'], /^crowdlearn: unknown command "frobnicate"/],
      [['aggregate', '--dataset', 'music', '--method', 'kos'], /KOS is for binary labels only/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });
});

describe('crowdlearn stats, datasets, simulate, methods', () => {
  it('stats --json has the headline fields, and gold adds worker accuracy', () => {
    const s = json('stats', '--dataset', 'labelme');
    expect(s).toMatchObject({ items: 1000, workers: 59, labels: 2547, classes: 8 });
    expect(s.density as number).toBeCloseTo(2547 / 59000, 10);
    expect((s.workerAccuracy as number[]).length).toBe(59);
    expect(run('stats', 'answer.csv').stdout).toMatch(/labels per item/);
  });

  it("stats prints Krippendorff's alpha: Krippendorff's worked example gives his .743 (nominal) and .849 (interval)", () => {
    // Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C: 4 observers, 12 units
    const observers = ['1 2 3 3 2 1 4 1 2 . . .', '1 2 3 3 2 2 4 1 2 5 . 3', '. 3 3 3 2 3 4 2 2 5 1 .', '1 2 3 3 2 4 4 1 2 5 1 .'];
    const rows = observers.flatMap((line, w) => line.split(' ').flatMap((v, u) => (v === '.' ? [] : [`unit${u + 1},observer${w},${v}`])));
    writeFileSync(join(dir, 'reliability.csv'), ['item,worker,label', ...rows].join('\n') + '\n');
    const out = run('stats', 'reliability.csv').stdout;
    expect(out).toMatch(/^Krippendorff's alpha 0\.743 \(nominal\), 0\.849 \(interval: the classes are numbers\)$/m);
    // the histogram of labels per worker (9 to 11 each) ends at the largest count
    expect(out).toMatch(/^ +10-11 #+ 3$/m);
    expect(out).not.toMatch(/14-11/);
    expect(json('stats', 'reliability.csv').krippendorffAlpha as number).toBeCloseTo(113 / 152, 12);
  });

  it('file-system failures exit 2 with the path: a directory as input, simulate --out over a file', () => {
    mkdirSync(join(dir, 'a-folder'));
    const folder = run('aggregate', 'a-folder');
    expect([folder.code, folder.stderr.trim()]).toEqual([2, 'crowdlearn: a-folder: is a directory; expected a file']);
    writeFileSync(join(dir, 'taken.csv'), 'mine');
    const sim = run('simulate', '--items', '20', '--workers', '3', '--out', 'taken.csv');
    expect([sim.code, sim.stderr.trim()]).toEqual([2, 'crowdlearn: taken.csv: is not a folder; expected a new or empty folder for the output files']);
    expect(readFileSync(join(dir, 'taken.csv'), 'utf8')).toBe('mine');
  });

  it('a corrupt .gz input is one line naming the file', () => {
    const good = gzipSync('question,worker,answer\nq1,w1,1\n');
    writeFileSync(join(dir, 'broken.csv.gz'), good.subarray(0, good.length - 6));
    const r = run('aggregate', 'broken.csv.gz');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^crowdlearn: broken\.csv\.gz: not a valid gzip file; expected a complete gzip stream, found unexpected end of file/);
  });

  it('gold that matches no item of the labels is an error, not a silent run without accuracy', () => {
    writeFileSync(join(dir, 'few.csv'), 'question,worker,answer\nq1,w1,1\nq1,w2,1\nq2,w1,0\n');
    writeFileSync(join(dir, 'other-gold.csv'), 'question,truth\nzz1,0\nzz2,1\n');
    const r = run('aggregate', 'few.csv', '--gold', 'other-gold.csv');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('crowdlearn: other-gold.csv: the gold file names no item of the labels; expected gold rows whose item ids appear in the labels file, found 2 rows for other items, e.g. "zz1"');
  });

  it('complete --json without --out is refused before any work (the completed labels would have nowhere to go)', () => {
    const r = run('complete', '--dataset', 'leaves-oak', '--method', 'wslc', '--json');
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.trim()).toBe('crowdlearn: --json prints the report on stdout, so the completed labels need --out; expected --out <file> with --json');
  });

  it('reads a negative number after a flag as its value (--seed -1), and range-checks it like any other', () => {
    expect(json('aggregate', '--dataset', 'rte', '--method', 'mv', '--seed', '-1').accuracy).toBe(json('aggregate', '--dataset', 'rte', '--method', 'mv', '--seed=-1').accuracy);
    const r = run('train', '--dataset', 'music', '--method', 'crowdlayer', '--epochs', '-3');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^crowdlearn: bad --epochs for crowdlayer; expected a whole number >= 0, found -3/);
  });

  it('stats prints its histograms for a crowd of 300,000 items (the counts are not spread onto the stack)', () => {
    const rows = ['task,worker,label'];
    for (let i = 0; i < 300_000; i++) rows.push(`t${i},w${i % 50},${i % 3}`);
    writeFileSync(join(dir, 'wide.csv'), rows.join('\n') + '\n');
    const r = run('stats', 'wide.csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/items 300000 .*labels 300000/);
    expect(r.stdout).toMatch(/labels per item: min 1, median 1, mean 1.00, max 1/);
  });

  it('lists, describes and exports the bundled datasets; exported files score against the dataset gold', () => {
    expect((JSON.parse(run('datasets', 'list', '--json').stdout) as unknown[]).length).toBe(23);
    expect(json('datasets', 'info', 'cifar10n').license).toMatch(/NC/);
    expect(json('datasets', 'export', 'leaves-alder', '--format', 'long', '--out', 'exp').files).toEqual(['leaves-alder.csv', 'leaves-alder.gold.csv', 'leaves-alder.features.npy', 'leaves-alder.features.ids.txt']);
    expect(json('aggregate', 'exp/leaves-alder.csv', '--gold-from-dataset', 'leaves-alder', '--method', 'mv').goldItems).toBe(384);
    expect(json('datasets', 'export', 'leaves-alder', '--format', 'ceka', '--out', 'ceka').files).toEqual(['leaves-alder.resp', 'leaves-alder.gold', 'leaves-alder.features.npy', 'leaves-alder.features.ids.txt']);
    expect(json('aggregate', 'ceka/leaves-alder.resp', '--gold', 'ceka/leaves-alder.gold', '--method', 'one-coin-ds').accuracy).toBeCloseTo(0.9141, 4);
  });

  it('simulates a crowd that the other commands read', () => {
    const s = json('simulate', '--items', '150', '--workers', '12', '--feature-dim', '4', '--mix', 'oneCoin=3,spammer=1', '--seed', '3', '--out', 'sim');
    expect(s.files).toEqual(['labels.csv', 'gold.csv', 'workers.json', 'features.npy', 'features.ids.txt']);
    expect(json('aggregate', 'sim/labels.csv', '--gold', 'sim/gold.csv', '--method', 'glad').goldItems).toBe(150);
    expect((JSON.parse(readFileSync(join(dir, 'sim/workers.json'), 'utf8')) as { type: string }[]).filter((w) => w.type === 'spammer')).toHaveLength(3);
  });

  it("methods lists every method of every package's catalogue, under the command of its family", () => {
    const listed = (JSON.parse(run('methods', '--json').stdout) as { name: string; command: string }[]).map((m) => `${m.command} ${m.name}`);
    const command = { aggregation: 'aggregate', completion: 'complete', classifier: 'train', numeric: 'estimate', pairwise: 'rank' } as const;
    const entries = [...AGGREGATORS, ...NEURAL_AGGREGATORS, ...MMLC_AGGREGATORS, CROWDMETA_AGGREGATOR, ...TLLC_COMPLETION, ...MMLC_COMPLETION, CROWDING_COMPLETION, ...BASE_MODELS, DASC_CLASSIFIER, CROWDING_CLASSIFIER, ...NUMERIC_AGGREGATORS, ...PAIRWISE_AGGREGATORS];
    const expected = entries.map((e) => `${command[e.family]} ${e.name}`);
    expect(listed.filter((l) => !expected.includes(l))).toEqual(['train mmlc-owf', 'train crowdmeta']);
    expect(expected.filter((l) => !listed.includes(l))).toEqual([]);
    expect(run('aggregate', '--help').stdout).toMatch(/Examples:[\s\S]*crowdlearn aggregate answer\.csv --gold truth\.csv --method ds --json/);
  });
});

describe('results people use, written safely', () => {
  const crowd = 'question,worker,answer\nq1,w1,cat\nq1,w2,cat\nq1,w3,dog\nq2,w1,dog\nq2,w2,dog\nq2,w3,cat\nq3,w1,cat\nq3,w3,cat\n';

  it('labels with confidence and probabilities, and a worker table with the method\'s quality, gold accuracy and confusions', () => {
    write('pets.csv', crowd);
    write('pets-gold.csv', 'question,truth\nq1,cat\nq2,dog\n');
    const r = json('aggregate', 'pets.csv', '--gold', 'pets-gold.csv', '--method', 'ds', '--out', 'pets-labels.csv', '--proba', '--workers-out', 'pets-workers.csv', '--confusions', '--force');
    expect(r).toMatchObject({ out: 'pets-labels.csv', workersOut: 'pets-workers.csv' });
    const labels = readFileSync(join(dir, 'pets-labels.csv'), 'utf8').trim().split('\n').map((row) => row.split(','));
    expect(labels[0]).toEqual(['item', 'label', 'confidence', 'p_cat', 'p_dog']);
    expect(labels.slice(1).map((row) => row.slice(0, 2).join(','))).toEqual(['q1,cat', 'q2,dog', 'q3,cat']);
    for (const row of labels.slice(1)) {
      const [, label, confidence, pCat, pDog] = row as [string, string, string, string, string];
      expect(Number(pCat) + Number(pDog)).toBeCloseTo(1, 12);
      expect(Number(confidence)).toBe(label === 'cat' ? Number(pCat) : Number(pDog));
    }
    const workers = readFileSync(join(dir, 'pets-workers.csv'), 'utf8').trim().split('\n').map((row) => row.split(','));
    expect(workers[0]).toEqual(['worker', 'labels', 'agreement', 'accuracy', 'gold_labels', 'gold_accuracy', 'c_cat_cat', 'c_cat_dog', 'c_dog_cat', 'c_dog_dog']);
    // w1 and w2 agree with every inferred label, w3 with one of three; on the two gold items w3 is always wrong
    expect(workers.slice(1).map((row) => row.slice(0, 3).concat(row.slice(4, 6)).join(','))).toEqual(['w1,3,1,2,1', 'w2,2,1,2,1', 'w3,3,0.3333333333333333,2,0']);
    for (const row of workers.slice(1)) {
      const c = row.slice(6).map(Number);
      expect((c[0] as number) + (c[1] as number)).toBeCloseTo(1, 9);
      expect((c[2] as number) + (c[3] as number)).toBeCloseTo(1, 9);
    }
    // the same tables in the JSON report
    const detail = json('aggregate', 'pets.csv', '--method', 'ds', '--json-detail');
    expect((detail.labelRows as { item: string; label: string }[]).map((x) => `${x.item}:${x.label}`)).toEqual(['q1:cat', 'q2:dog', 'q3:cat']);
    expect((detail.workerRows as { worker: string }[]).map((x) => x.worker)).toEqual(['w1', 'w2', 'w3']);
    // GLAD reports abilities, MV no worker model
    expect(run('aggregate', 'pets.csv', '--method', 'glad', '--workers-out', '-').stdout.split('\n')[0]).toBe('worker,labels,agreement,ability');
    expect(run('aggregate', 'pets.csv', '--method', 'mv', '--workers-out', '-').stdout.split('\n')[0]).toBe('worker,labels,agreement');
    expect(run('aggregate', 'pets.csv', '--method', 'mv', '--workers-out', 'w.csv', '--confusions').stderr).toMatch(/^crowdlearn: --confusions needs a method with a confusion matrix per worker; mv has none/);
  });

  it('--settings runs what a settings string says (the web app shares one), as the same flags would', () => {
    write('pets.csv', crowd);
    const flags = run('aggregate', 'pets.csv', '--method', 'ds', '--seed', '2', '--max-iterations', '3', '--out', '-', '--proba').stdout;
    expect(run('aggregate', 'pets.csv', '--settings', 'method=ds&seed=2&maxIterations=3', '--out', '-', '--proba').stdout).toBe(flags);
    expect(run('aggregate', 'pets.csv', '--settings', 'method=ds&maxIterations=3', '--method', 'mv').stderr).toBe('crowdlearn: --method and --settings both set method; expected one of them\n');
    expect(run('aggregate', 'pets.csv', '--settings', 'method=ds&maxIterations=3', '--max-iterations', '4').stderr).toMatch(/^crowdlearn: --max-iterations and --settings both set max-iterations/);
    const bad = run('aggregate', 'pets.csv', '--settings', 'method=ds&epochs=3');
    expect([bad.code, bad.stderr]).toEqual([2, 'crowdlearn: --settings: ds has no option "epochs"; expected one of tieBreak, preset, maxIterations, tol\n']);
  });

  it('writes .tsv, .jsonl and .parquet by extension, and standard output with --out - or --out-format alone', () => {
    write('pets.csv', crowd);
    run('aggregate', 'pets.csv', '--method', 'mv', '--seed', '1', '--out', 'pets.tsv', '--force');
    expect(readFileSync(join(dir, 'pets.tsv'), 'utf8').split('\n')[0]).toBe('item\tlabel\tconfidence');
    run('aggregate', 'pets.csv', '--method', 'mv', '--seed', '1', '--out', 'pets.jsonl', '--force');
    expect(JSON.parse(readFileSync(join(dir, 'pets.jsonl'), 'utf8').split('\n')[2] as string)).toEqual({ item: 'q3', label: 'cat', confidence: 1 });
    run('aggregate', 'pets.csv', '--method', 'mv', '--out', 'pets.parquet', '--force');
    const parquet = readFileSync(join(dir, 'pets.parquet'));
    expect(parquet.subarray(0, 4).toString()).toBe('PAR1');
    expect(parquet.subarray(parquet.length - 4).toString()).toBe('PAR1');
    const toStdout = run('aggregate', 'pets.csv', '--method', 'mv', '--seed', '1', '--out', '-');
    expect(toStdout.stdout).toBe(readFileSync(join(dir, 'pets.tsv'), 'utf8').replaceAll('\t', ','));
    expect(toStdout.stderr).toMatch(/^mv on pets\.csv/);
    expect(run('aggregate', 'pets.csv', '--method', 'mv', '--seed', '1', '--out-format', 'jsonl').stdout).toBe(readFileSync(join(dir, 'pets.jsonl'), 'utf8'));
    expect(run('aggregate', 'pets.csv', '--method', 'mv', '--out', '-', '--json').stderr).toMatch(/^crowdlearn: --json prints the report on standard output, so the labels need a file/);
    expect(run('aggregate', 'pets.csv', '--method', 'mv', '--out', 'x.xlsx', '--out-format', 'xlsx').stderr).toMatch(/^crowdlearn: bad --out-format; expected csv, tsv, jsonl, parquet, found xlsx/);
  });

  it('writes through a symbolic link to its target, /dev/stdout as standard output, and keeps a replaced file\'s permissions', () => {
    write('pets.csv', crowd);
    const expected = run('aggregate', 'pets.csv', '--method', 'mv', '--seed', '1', '--out', '-').stdout;
    mkdirSync(join(dir, 'real'), { recursive: true });
    symlinkSync(join(dir, 'real', 'target.csv'), join(dir, 'link.csv'));
    // a link to a file that does not exist yet, then the same link over the existing target with --force
    for (const force of [[], ['--force']]) {
      expect(run('aggregate', 'pets.csv', '--method', 'mv', '--seed', '1', '--out', 'link.csv', ...force).code).toBe(0);
      expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
      expect(readFileSync(join(dir, 'real', 'target.csv'), 'utf8')).toBe(expected);
    }
    expect(run('aggregate', 'pets.csv', '--method', 'mv', '--out', 'link.csv').stderr).toMatch(/the output file exists/);
    const dev = run('aggregate', 'pets.csv', '--method', 'mv', '--seed', '1', '--out', '/dev/stdout');
    expect(dev.code).toBe(0);
    expect(dev.stdout).toBe(expected);
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
    chmodSync(join(dir, 'real', 'target.csv'), 0o600);
    run('aggregate', 'pets.csv', '--method', 'ds', '--out', 'link.csv', '--force');
    expect(statSync(join(dir, 'real', 'target.csv')).mode & 0o777).toBe(0o600);
    expect(run('aggregate', 'pets.csv', '--method', 'mv', '--out', 'real', '--force').stderr).toMatch(/^crowdlearn: real: cannot write real; expected a file, found a directory/);
  });

  it('a SIGINT during a long write leaves no partial file and no temporary file', async () => {
    // 200,000 items of 10 classes with --proba: a table of tens of megabytes
    const rows = ['item,worker,label'];
    for (let i = 0; i < 200_000; i++) for (const w of [0, 1, 2]) rows.push(`i${i},w${(i + w) % 40},c${(i * 7 + w * (i % 3)) % 10}`);
    write('big.csv', rows.join('\n') + '\n');
    const temporary = () => readdirSync(dir).filter((f) => f.startsWith('.big-out.csv.') && f.endsWith('.tmp'));
    const { interrupted, signal } = await interruptDuringWrite(dir, ['aggregate', 'big.csv', '--method', 'mv', '--out', 'big-out.csv', '--proba'], temporary);
    expect(temporary()).toEqual([]);
    if (interrupted) {
      expect(signal).toBe('SIGINT');
      expect(existsSync(join(dir, 'big-out.csv'))).toBe(false);
    } else {
      // the write finished between two polls: then the file is whole
      expect(readFileSync(join(dir, 'big-out.csv'), 'utf8').trim().split('\n')).toHaveLength(200_001);
    }
  }, 60_000);
});

describe("the platforms' exports, read as they are", () => {
  const labelsOf = (file: string, ...flags: string[]) => {
    const r = run('aggregate', file, '--method', 'mv', '--tie-break', 'lowest', '--out', '-', ...flags);
    expect(r.code, r.stderr).toBe(0);
    return { rows: r.stdout.trim().split('\n').slice(1).map((row) => row.split(',').slice(0, 2).join(',')), stderr: r.stderr };
  };

  it('an Amazon Mechanical Turk batch-results CSV: HITId items, WorkerId workers, the Answer column; rejected assignments left out', () => {
    write('Batch_42_batch_results.csv', [
      'HITId,HITTypeId,Title,AssignmentId,WorkerId,AssignmentStatus,WorkTimeInSeconds,Input.image_url,Answer.category',
      '3X1,3T9,Pets,A1,W_A,Approved,12,http://x/1.jpg,cat',
      '3X1,3T9,Pets,A2,W_B,Approved,9,http://x/1.jpg,cat',
      '3X1,3T9,Pets,A3,W_C,Rejected,2,http://x/1.jpg,dog',
      '3X2,3T9,Pets,A4,W_A,Submitted,15,http://x/2.jpg,dog',
    ].join('\n') + '\n');
    const r = labelsOf('Batch_42_batch_results.csv');
    expect(r.rows).toEqual(['3X1,cat', '3X2,dog']);
    expect(r.stderr).toMatch(/^crowdlearn: warning: Batch_42_batch_results\.csv: 1 record of rejected assignments left out\n/);
    expect(json('aggregate', 'Batch_42_batch_results.csv')).toMatchObject({ items: 2, workers: 2, labels: 3 });
  });

  it('a Toloka TSV, a Label Studio JSON export, JSON Lines named .json with task keys, a wide matrix and a semicolon CSV', () => {
    write('assignments_from_pool_1.tsv', 'INPUT:image\tOUTPUT:result\tASSIGNMENT:task_id\tASSIGNMENT:worker_id\tASSIGNMENT:status\nhttps://x/1.png\tcat\t01\tw1\tACCEPTED\nhttps://x/1.png\tcat\t01\tw2\tACCEPTED\nhttps://x/2.png\tdog\t02\tw1\tSUBMITTED\n');
    expect(labelsOf('assignments_from_pool_1.tsv').rows).toEqual(['https://x/1.png,cat', 'https://x/2.png,dog']);
    write('project-1-at-2024.json', JSON.stringify([
      { id: 1, data: { text: 'a' }, annotations: [{ completed_by: 1, result: [{ type: 'choices', value: { choices: ['Positive'] } }] }, { completed_by: 2, result: [{ type: 'choices', value: { choices: ['Positive'] } }] }] },
      { id: 2, data: { text: 'b' }, annotations: [{ completed_by: 1, result: [{ type: 'choices', value: { choices: ['Negative'] } }] }] },
    ]));
    expect(labelsOf('project-1-at-2024.json').rows).toEqual(['1,Positive', '2,Negative']);
    write('answers.json', '{"task": "img000", "worker": "w1", "label": "cat"}\n{"task": "img001", "worker": "w1", "label": "dog"}\n');
    expect(labelsOf('answers.json').rows).toEqual(['img000,cat', 'img001,dog']);
    write('wide.csv', 'item,alice,bob,carol\ni1,cat,cat,\ni2,,dog,dog\n');
    expect(labelsOf('wide.csv').rows).toEqual(['i1,cat', 'i2,dog']);
    write('semicolon.csv', 'task;worker;label\nt1;w1;a\nt1;w2;a\n');
    expect(labelsOf('semicolon.csv').rows).toEqual(['t1,a']);
    write('odd-names.csv', 'doc,who,tag\nd1,w1,x\nd1,w2,x\n');
    expect(labelsOf('odd-names.csv', '--columns', 'item=doc,worker=who,label=tag').rows).toEqual(['d1,x']);
  });

  it('policies as flags: duplicates, empty labels, labels differing only in case (a warning even without the flag)', () => {
    write('dups.csv', 'task,worker,label\nt1,w1,cat\nt1,w1,dog\nt2,w1,Cat\nt2,w2,\n');
    const dup = run('aggregate', 'dups.csv', '--empty', 'skip');
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/^crowdlearn: dups\.csv:3: .*--duplicates first/);
    const first = labelsOf('dups.csv', '--duplicates', 'first', '--empty', 'skip');
    expect(first.rows).toEqual(['t1,cat', 't2,Cat']);
    expect(first.stderr).toMatch(/warning: dups\.csv: 1 record with an empty label left out/);
    expect(first.stderr).toMatch(/warning: labels that differ only in case or spaces are separate classes: "Cat", "cat" \(--normalize-labels makes them one\)/);
    expect(labelsOf('dups.csv', '--duplicates', 'last', '--empty', 'skip', '--normalize-labels').rows).toEqual(['t1,dog', 't2,cat']);
    expect(run('aggregate', 'dups.csv', '--empty', 'maybe').stderr).toMatch(/^crowdlearn: bad --empty; expected error or skip, found maybe\n$/);
  });
});

describe('compare, versions, hints', () => {
  it("reproduces crowd-kit's Dawid-Skene labels on its toy data (crowd-kit tests/conftest.py, toy_answers_df and toy_ground_truth_df)", () => {
    const toy = [
      ['w1', 't1', 'no'], ['w1', 't2', 'yes'], ['w1', 't3', 'yes'], ['w1', 't4', 'yes'], ['w1', 't5', 'yes'],
      ['w2', 't1', 'yes'], ['w2', 't2', 'yes'], ['w2', 't3', 'no'], ['w2', 't4', 'yes'], ['w2', 't5', 'no'],
      ['w3', 't2', 'yes'], ['w3', 't3', 'no'], ['w3', 't4', 'yes'], ['w3', 't5', 'no'],
      ['w4', 't1', 'yes'], ['w4', 't2', 'no'], ['w4', 't3', 'yes'], ['w4', 't4', 'yes'], ['w4', 't5', 'no'],
      ['w5', 't1', 'no'], ['w5', 't2', 'no'], ['w5', 't3', 'no'], ['w5', 't4', 'yes'], ['w5', 't5', 'no'],
    ];
    write('toy.csv', ['worker,task,label', ...toy.map((r) => r.join(','))].join('\n') + '\n');
    const r = run('aggregate', 'toy.csv', '--method', 'ds', '--tie-break', 'lowest', '--out', '-');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').slice(1).map((row) => row.split(',').slice(0, 2).join(','))).toEqual(['t1,yes', 't2,yes', 't3,no', 't4,yes', 't5,no']);
  });

  it("compare ranks the aggregators on the user's data as the bench's suite does, and writes the bench's report", async () => {
    const { aggregatorsSuite } = await import('@crowdlearn/bench');
    const methods = ['mv', 'ds', 'glad', 'mace', 'wawa'];
    const c = json('compare', '--dataset', 'rte', '--methods', methods.join(','), '--report', 'rte.html', '--force');
    const bench = await aggregatorsSuite({ quick: false, datasets: ['rte'], methods, seeds: [0] });
    const benchOrder = [...bench.runs].sort((a, b) => (b.value as number) - (a.value as number) || Number(b.extra?.macroF1) - Number(a.extra?.macroF1)).map((r) => r.method);
    expect((c.ranking as { method: string }[]).map((r) => r.method)).toEqual(benchOrder);
    expect((c.ranking as { accuracy: number }[])[0]?.accuracy).toBe(Math.max(...bench.runs.map((r) => r.value as number)));
    expect(readFileSync(join(dir, 'rte.html'), 'utf8')).toMatch(/<svg/);
    expect(run('compare', '--dataset', 'rte', '--methods', 'mv,nope').stderr).toMatch(/^crowdlearn: bad --methods: unknown aggregator "nope"/);
    write('nogold.csv', 'task,worker,label\nt1,w1,a\n');
    expect(run('compare', 'nogold.csv').stderr).toMatch(/^crowdlearn: compare needs gold labels/);
  }, 60_000);

  it('--version names every package, and an unknown flag gets a suggestion', () => {
    const v = run('--version');
    expect(v.stdout).toMatch(/^crowdlearn \d+\.\d+\.\d+\n/);
    expect(v.stdout).toMatch(/@crowdlearn\/aggregators \d+\.\d+\.\d+/);
    expect(v.stdout).toMatch(/@crowdlearn\/crowding \d+\.\d+\.\d+/);
    const hint = run('train', '--dataset', 'music', '--epoch', '3');
    expect(hint.code).toBe(2);
    expect(hint.stderr).toBe('crowdlearn: Unknown option `--epoch`; did you mean --epochs?\n');
  });
});

describe('flags from the catalogues', () => {
  const flag = (option: string) => `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

  it("every option of every method is a flag of its command, whose help gives the method's default", () => {
    const commands = { aggregate: [...AGGREGATORS, ...NEURAL_AGGREGATORS, ...MMLC_AGGREGATORS, CROWDMETA_AGGREGATOR], complete: [...TLLC_COMPLETION, ...MMLC_COMPLETION, CROWDING_COMPLETION], train: [...BASE_MODELS, DASC_CLASSIFIER, CROWDING_CLASSIFIER] };
    for (const [command, entries] of Object.entries(commands)) {
      const help = run(command, '--help').stdout;
      for (const e of entries) {
        for (const spec of e.options) {
          if (spec.name === 'preset') continue; // DS's own preset is --preset, checked below
          expect(help, `${command} ${flag(spec.name)}`).toContain(flag(spec.name) + ' ');
          if (spec.default !== undefined) expect(help, `${command} ${flag(spec.name)} of ${e.name}`).toMatch(new RegExp(`${e.name}[^;]*: [^;]*default ${String(spec.default).replace(/[.]/g, '\\.')}`));
        }
      }
    }
  });

  it('a flag reaches the method: ds with --max-iterations and --tie-break, DS conventions by --preset', () => {
    write('tie.csv', 'item,worker,label\ni1,w1,a\ni1,w2,b\ni2,w1,a\ni2,w2,a\n');
    expect(json('aggregate', '--dataset', 'rte', '--method', 'ds', '--max-iterations', '3')).toMatchObject({ iterations: 3, converged: false });
    expect(json('aggregate', '--dataset', 'rte', '--method', 'ds', '--preset', 'mmlc')).toMatchObject({ iterations: 10 });
    // a tie between a and b on i1: lowest breaks it towards a, whatever the seed
    for (const seed of ['0', '1', '2', '3']) {
      run('aggregate', 'tie.csv', '--method', 'mv', '--tie-break', 'lowest', '--seed', seed, '--out', 'tie-out.csv', '--force');
      expect(readFileSync(join(dir, 'tie-out.csv'), 'utf8')).toBe('item,label,confidence\ni1,a,0.5\ni2,a,1\n');
    }
  });

  it('refuses flags the method does not take, and values out of range, naming the flag (exit 2, one line)', () => {
    const cases: [string[], RegExp][] = [
      [['aggregate', '--dataset', 'rte', '--method', 'ds', '--epochs', '5'], /^crowdlearn: --epochs does not apply to ds; expected a method that takes it: lagnn, mmlc-owf\n$/],
      [['train', '--dataset', 'music', '--method', 'crowdlayer', '--epochs', 'abc'], /^crowdlearn: bad --epochs for crowdlayer; expected a whole number >= 0, found abc\n$/],
      [['train', '--dataset', 'music', '--method', 'crowdlayer', '--epochs', '1e400'], /^crowdlearn: bad --epochs for crowdlayer; expected a whole number >= 0, found 1e400\n$/],
      [['train', '--dataset', 'music', '--method', 'crowdlayer', '--rounds', '2'], /^crowdlearn: --rounds does not apply to crowdlayer; expected a method that takes it: dasc\n$/],
      [['aggregate', '--dataset', 'rte', '--method', 'ds', '--seed', 'abc'], /^crowdlearn: bad --seed; expected a whole number, found abc\n$/],
      [['aggregate', '--dataset', 'rte', '--method', 'ds', '--backend', 'wasm'], /^crowdlearn: --backend does not apply to ds;/],
      [['aggregate', '--dataset', 'rte', '--method', 'ds', '--columns', 'item=a'], /^crowdlearn: --columns reads a labels file, not a bundled dataset;/],
      [['aggregate', 'answer.csv', '--columns', 'a,b,c'], /^crowdlearn: bad --columns; expected role=name pairs/],
      [['aggregate', 'answer.csv', '--duplicates', 'all'], /^crowdlearn: bad --duplicates; expected error, first or last, found all\n$/],
      [['aggregate', '--dataset', 'rte', '--method', 'ds', '--engine-db', 'x.duckdb'], /^crowdlearn: --engine-db applies only with --engine;/],
      [['aggregate', '--dataset', 'rte', '--method', 'mv', '--preset', 'music'], /^crowdlearn: unknown preset "music" for mv;/],
      [['aggregate', '--dataset', 'rte', '--method', 'ds', '--weights', 'weights.csv'], /^crowdlearn: --weights does not apply to ds;/],
      [['aggregate', '--dataset', 'rte', '--method', 'wmv'], /^crowdlearn: wmv needs --weights;/],
      [['aggregate', '--dataset', 'rte', '--method', 'ds', '--tie-break', 'highest'], /^crowdlearn: bad --tie-break for ds; expected one of random, lowest, found highest\n$/],
      [['complete', '--dataset', 'music', '--method', 'wslc', '--threshold', '2'], /^crowdlearn: --threshold does not apply to wslc; expected a method that takes it: mmlc-df, g-mv, g-irt\n$/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});

describe('crowdlearn train and predict', () => {
  it('train --save never deletes what is not a model saved before, with or without --force, and replaces a saved model only with --force', () => {
    mkdirSync(join(dir, 'my-project'));
    writeFileSync(join(dir, 'my-project', 'notes.txt'), 'keep me');
    writeFileSync(join(dir, 'a-file.txt'), 'keep me too');
    for (const target of ['my-project', 'a-file.txt']) {
      for (const force of [[], ['--force']]) {
        const r = run('train', '--dataset', 'music', '--method', 'crowdlayer', '--epochs', '1', '--save', target, ...force);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr.startsWith(`crowdlearn: ${target}: will not save a model over this path`), r.stderr).toBe(true);
      }
    }
    expect(readFileSync(join(dir, 'my-project', 'notes.txt'), 'utf8')).toBe('keep me');
    expect(readFileSync(join(dir, 'a-file.txt'), 'utf8')).toBe('keep me too');
    json('train', '--dataset', 'music', '--method', 'crowdlayer', '--epochs', '1', '--save', 'first-model');
    expect(run('train', '--dataset', 'music', '--method', 'crowdlayer', '--epochs', '1', '--save', 'first-model').stderr).toMatch(/expected replace: true \(--force\) to replace it, found a model saved before/);
    expect(json('train', '--dataset', 'music', '--method', 'crowdlayer', '--epochs', '1', '--save', 'first-model', '--force').saved).toBe('first-model');
  });

  it('trains a base model, reports test accuracy, saves it, and predicts with it', () => {
    const t = json('train', '--dataset', 'music', '--method', 'crowdlayer', '--epochs', '20', '--save', 'model', '--seed', '1');
    expect(t).toMatchObject({ method: 'crowdlayer', backend: 'wasm', items: 700 });
    expect(t.testAccuracy as number).toBeGreaterThan(0.4);
    expect(existsSync(join(dir, 'model', 'weights.bin'))).toBe(true);
    expect(json('datasets', 'export', 'music', '--out', 'music').files).toContain('music.features.npy');
    const p = json('predict', '--model', 'model', '--features', 'music/music.features.npy', '--out', 'pred.csv');
    expect(p.rows).toBe(700);
    const classes = ['country', 'jazz', 'disco', 'pop', 'reggae', 'rock', 'blues', 'classical', 'metal', 'hiphop'];
    expect(p.classes).toEqual(classes);
    const rows = readFileSync(join(dir, 'pred.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('item,label,confidence');
    expect(rows).toHaveLength(701);
    expect(rows.slice(1).every((row) => classes.includes(row.split(',')[1] as string))).toBe(true);
    // --proba names a column per class, and the confidence is the chosen class's probability
    const withProba = run('predict', '--model', 'model', '--features', 'music/music.features.npy', '--proba');
    const [header, first] = withProba.stdout.trim().split('\n') as [string, string];
    expect(header).toBe(`item,label,confidence,${classes.map((c) => `p_${c}`).join(',')}`);
    const f = first.split(',');
    expect(Number(f[2])).toBe(Math.max(...f.slice(3).map(Number)));
    // a feature file of another width is refused with its name
    write('narrow.csv', 'id,a,b\nx,1,2\n');
    const narrow = run('predict', '--model', 'model', '--features', 'narrow.csv');
    expect(narrow.code).toBe(2);
    expect(narrow.stderr).toMatch(/^crowdlearn: narrow\.csv: the features differ in width from those the model was trained on; expected 124 feature columns, found 2\n$/);
    expect(run('train', 'answer.csv', '--method', 'crowdlayer').stderr).toMatch(/training needs item features/);
  });
});

describe('crowdlearn complete', () => {
  it('completes with WSLC and reports accuracy before and after each aggregator', () => {
    const r = json('complete', '--dataset', 'leaves-oak', '--method', 'wslc', '--aggregate', 'mv,ds', '--out', 'oak.csv');
    // WSLC fills every empty cell: 384 x 83 - 3840
    expect(r).toMatchObject({ method: 'wslc', items: 384, workers: 83, labels: 3840, completed: 384 * 83 - 3840, out: 'oak.csv' });
    expect(Object.keys(r.accuracyBefore as object)).toEqual(['mv', 'ds']);
    expect((r.accuracyBefore as Record<string, number>).mv).toBeCloseTo(0.8672, 4);
    expect(typeof (r.accuracyAfter as Record<string, number>).ds).toBe('number');
    const lines = readFileSync(join(dir, 'oak.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('task,worker,label,origin');
    expect(lines).toHaveLength(1 + 384 * 83);
    expect(lines.filter((l) => l.endsWith(',observed'))).toHaveLength(3840);
    // the written file reads back as a label matrix with its completions
    expect(json('stats', 'oak.csv')).toMatchObject({ items: 384, workers: 83, labels: 384 * 83 });
  });

  it('completes a simulated crowd with TLLC from files, and writes the matrix to stdout without --out', () => {
    const s = run('simulate', '--items', '120', '--workers', '10', '--classes', '3', '--feature-dim', '4', '--labels-per-item', '3', '--seed', '2', '--out', 'tllc-sim');
    expect(s.code, s.stderr).toBe(0);
    const args = ['complete', 'tllc-sim/labels.csv', '--features', 'tllc-sim/features.npy', '--gold', 'tllc-sim/gold.csv', '--method', 'tllc'];
    const r = json(...args, '--aggregate', 'mv', '--out', 'tllc-sim-completed.csv');
    expect(r).toMatchObject({ method: 'tllc', items: 120, workers: 10, labels: 360, backend: 'wasm' });
    expect(r.completed as number).toBeGreaterThan(0);
    expect(r.completed as number).toBeLessThan(120 * 10 - 360);
    expect(typeof r.completionAccuracy).toBe('number');
    expect(typeof (r.accuracyAfter as Record<string, number>).mv).toBe('number');
    const piped = run(...args, '--quiet');
    expect(piped.code, piped.stderr).toBe(0);
    const rows = piped.stdout.trim().split('\n');
    expect(rows[0]).toBe('task,worker,label,origin');
    expect(rows).toHaveLength(1 + 360 + (r.completed as number));
    expect(piped.stderr).toMatch(/cells completed/);
  });

  it('rejects what it cannot do with exit code 2', () => {
    const noFeatures = run('complete', '--dataset', 'rte', '--method', 'wslc');
    expect(noFeatures.code).toBe(2);
    expect(noFeatures.stderr).toMatch(/wslc needs item features/);
    expect(run('complete', '--dataset', 'music', '--method', 'nope').stderr).toMatch(/unknown method "nope"; expected one of tllc, wslc/);
    expect(run('complete', '--dataset', 'music', '--method', 'wslc', '--aggregate', 'mv,zz').stderr).toMatch(/unknown aggregator "zz"/);
    expect(run('complete', '--dataset', 'music', '--method', 'tllc', '--radius', 'huge').code).toBe(2);
    const exists = run('complete', '--dataset', 'leaves-oak', '--method', 'wslc', '--out', 'oak.csv');
    expect(exists.code).toBe(2);
    expect(exists.stderr).toMatch(/exists/);
  });
});

describe('crowdlearn and MMLC', () => {
  it('fills with MMLC-df, G_MV and G_IRT on the same cells, and infers the truth with mmlc-owf', () => {
    const filled = json('complete', '--dataset', 'music', '--method', 'mmlc-df', '--epochs', '20', '--threshold', '100', '--aggregate', 'mv', '--out', 'music-df.csv');
    expect(filled).toMatchObject({ method: 'mmlc-df', preset: 'music', epochs: 20, threshold: 100, items: 700, workers: 44, labels: 2945 });
    const gmv = json('complete', '--dataset', 'music', '--method', 'g-mv', '--threshold', '100', '--out', 'music-gmv.csv');
    const girt = json('complete', '--dataset', 'music', '--method', 'g-irt', '--threshold', '100', '--out', 'music-girt.csv');
    // the three fill exactly the empty cells of the workers with more than 100 labels
    expect(gmv.completed).toBe(filled.completed);
    expect(girt.completed).toBe(filled.completed);
    expect(filled.completed as number).toBeGreaterThan(0);
    expect(filled.completed as number).toBeLessThan(700 * 44 - 2945);
    const rows = readFileSync(join(dir, 'music-df.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(1 + 2945 + (filled.completed as number));
    expect(typeof (filled.accuracyAfter as Record<string, number>).mv).toBe('number');

    const owf = json('train', '--dataset', 'music', '--method', 'mmlc-owf', '--epochs', '20', '--centre', 'mean', '--out', 'music-truth.csv');
    expect(owf).toMatchObject({ method: 'mmlc-owf', preset: 'music', epochs: 20, items: 700 });
    expect((owf.oracle as number[]).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(owf.accuracy as number).toBeGreaterThan(0.5);
    const truth = readFileSync(join(dir, 'music-truth.csv'), 'utf8').trim().split('\n');
    expect(truth[0]).toBe('item,label,confidence');
    expect(truth).toHaveLength(701);
    // the same run as an aggregator
    const agg = json('aggregate', '--dataset', 'music', '--method', 'mmlc-owf', '--epochs', '20', '--centre', 'mean');
    expect(agg).toMatchObject({ method: 'mmlc-owf', items: 700, accuracy: owf.accuracy });
    expect(run('complete', '--dataset', 'music', '--method', 'g-mv', '--aggregate', 'mmlc-owf').stderr).toMatch(/mmlc-owf needs its own run/);
    expect(run('train', '--dataset', 'music', '--method', 'mmlc-owf', '--centre', 'modal').stderr).toMatch(/bad --centre for mmlc-owf; expected one of kde, mean, median, found modal/);
    expect(run('train', '--dataset', 'music', '--method', 'mmlc-owf', '--save', 'm').stderr).toMatch(/--save saves a classifier, which mmlc-owf does not train/);
    expect(run('complete', '--dataset', 'rte', '--method', 'mmlc-df').stderr).toMatch(/mmlc-df needs item features/);
    expect(run('complete', '--dataset', 'music', '--method', 'mmlc-df', '--preset', 'imagenet').stderr).toMatch(/unknown preset "imagenet" for mmlc-df; expected labelme, music, default/);
  });
});

describe('crowdlearn train and complete --method crowding', () => {
  it('trains CrowdInG (reporting the starting point), saves its classifier, fills every empty cell, and checks its flags', () => {
    const t = json('train', '--dataset', 'music', '--method', 'crowding', '--pretrain-epochs', '5', '--epochs', '2', '--save', 'crowding-model', '--seed', '1');
    expect(t).toMatchObject({ method: 'crowding', variant: 'crowding', items: 700, epochs: 2, selectedBy: 'last epoch', bestEpoch: 2 });
    expect(t.testAccuracy as number).toBeGreaterThan(0.2);
    expect(typeof t.startingTestAccuracy).toBe('number');
    expect(JSON.parse(readFileSync(join(dir, 'crowding-model', 'model.json'), 'utf8')).kind).toBe('crowdlayer-mw');
    const c = json('complete', '--dataset', 'music', '--method', 'crowding', '--pretrain-epochs', '5', '--epochs', '1', '--variant', 'crowdg', '--aggregate', 'mv', '--out', 'music-gen.csv');
    expect(c).toMatchObject({ method: 'crowding', variant: 'crowdg', completed: 700 * 44 - 2945 });
    expect(readFileSync(join(dir, 'music-gen.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 700 * 44);
    expect(typeof (c.accuracyAfter as Record<string, number>).mv).toBe('number');
    expect(run('train', '--dataset', 'music', '--method', 'crowding', '--variant', 'crowdx').stderr).toMatch(/^crowdlearn: bad --variant for crowding; expected one of crowding, crowdg, crowding-u, crowding-i, crowding-r, one-step, found crowdx/);
    expect(run('train', '--dataset', 'music', '--method', 'crowding', '--lca', 'gcn').stderr).toMatch(/^crowdlearn: bad --lca for crowding; expected one of paper, code, off, found gcn/);
    expect(run('train', '--dataset', 'music', '--method', 'crowding', '--epochs', '-1').stderr).toMatch(/^crowdlearn: bad --epochs for crowding; expected a whole number >= 0, found -1/);
    expect(run('train', '--dataset', 'music', '--method', 'crowding', '--out', 'x.csv').stderr).toMatch(/--out writes inferred labels, which crowding does not produce/);
    const methods = JSON.parse(run('methods', '--json').stdout) as { name: string; command: string }[];
    expect(methods.filter((m) => m.name === 'crowding').map((m) => m.command).sort()).toEqual(['complete', 'train']);
  });
});

describe('crowdlearn train --method crowdmeta', () => {
  it('infers the truth from the crowd labels, a source file and a support file', () => {
    const task = classDisjointTask(labelledPool(loadDataset('music')), { seed: 1 });
    const crowd = simulateMetaCrowd(task, 1);
    const names = ['blues', 'classical', 'country', 'disco', 'hiphop'].slice(0, task.numClasses);
    const table = (f: Features, label?: (j: number) => string) =>
      [
        ['id', ...Array.from({ length: f.numCols }, (_, c) => `f${c}`), ...(label ? ['label'] : [])].join(','),
        ...Array.from({ length: f.numRows }, (_, j) => [`r${j}`, ...Array.from(f.data.subarray(j * f.numCols, (j + 1) * f.numCols), (v) => v.toPrecision(6)), ...(label ? [label(j)] : [])].join(',')),
      ].join('\n') + '\n';
    write('cm-items.csv', table(task.target));
    write('cm-source.csv', table(task.source.features, (j) => `s${task.source.classes[j]}`));
    write('cm-support.csv', table(task.support.features, (j) => names[task.support.classes[j]!]!));
    const rows = ['question,worker,answer'];
    for (let e = 0; e < crowd.labels.numLabels; e++) rows.push(`r${crowd.labels.item[e]},w${crowd.labels.worker[e]},${names[crowd.labels.label[e]!]}`);
    write('cm-labels.csv', rows.join('\n') + '\n');
    write('cm-gold.csv', ['question,truth', ...Array.from(task.targetGold, (k, i) => `r${i},${names[k]}`)].join('\n') + '\n');
    const args = ['train', 'cm-labels.csv', '--features', 'cm-items.csv', '--gold', 'cm-gold.csv', '--method', 'crowdmeta', '--source', 'cm-source.csv', '--support', 'cm-support.csv', '--meta-iters', '50'];
    const r = json(...args, '--out', 'cm-truth.csv');
    expect(r).toMatchObject({ method: 'crowdmeta', items: task.target.numRows, classes: 5, sourceClasses: 5, supportInstances: 25, metaIters: 50, episode: { nWay: 5, kSpt: 2, kQry: 3 } });
    expect(r.accuracy as number).toBeGreaterThan(0.5);
    expect(readFileSync(join(dir, 'cm-truth.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + task.target.numRows);
    expect(run(...args.slice(0, 8)).stderr).toMatch(/crowdmeta needs --source and --support/);
    write('cm-bad-support.csv', table(task.support.features, (j) => (j === 3 ? 'jazz' : names[task.support.classes[j]!]!)));
    const bad = run(...args.slice(0, 10), '--support', 'cm-bad-support.csv');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cm-bad-support\.csv.*row 4|row 4.*cm-bad-support\.csv/);
  });
});

describe('crowdlearn train --method dasc', () => {
  it('self-trains a base model and reports every round', () => {
    const r = json('train', '--dataset', 'music', '--method', 'dasc', '--rounds', '2', '--budget', '500', '--epochs', '5', '--save', 'dasc-model');
    expect(r).toMatchObject({ method: 'dasc', base: 'crowdlayer', items: 700 });
    const rounds = r.rounds as { round: number; selected: number; imbalanceRatio: number }[];
    expect(rounds.map((x) => x.round)).toEqual([0, 1, 2]);
    expect(rounds.slice(1).every((x) => x.selected > 0 && x.selected <= 500)).toBe(true);
    expect(typeof r.testAccuracy).toBe('number');
    // the saved model is the trained base model
    expect(JSON.parse(readFileSync(join(dir, 'dasc-model', 'model.json'), 'utf8')).kind).toBe('crowdlayer-mw');
    expect(run('train', '--dataset', 'music', '--method', 'dasc', '--base', 'nope').stderr).toMatch(/bad --base for dasc; expected one of crowdlayer, crowdlayer-2i/);
  });
});

describe('crowdlearn estimate', () => {
  it('estimates numeric answers, scores them against the truth column, writes item,value rows, and refuses a categorical file', () => {
    // two careful workers and one who is off by 30
    write('numbers.csv', 'question,worker,answer,truth\nq1,w1,10,10\nq1,w2,11,10\nq1,w3,40,10\nq2,w1,20,20\nq2,w2,19,20\nq2,w3,50,20\nq3,w1,5,5\nq3,w2,5,5\nq3,w3,35,5\n');
    const mean = json('estimate', 'numbers.csv', '--method', 'mean');
    expect(mean).toMatchObject({ method: 'mean', items: 3, workers: 3, answers: 9, goldItems: 3 });
    expect(mean.mae).toBeCloseTo(((61 / 3 - 10) + (89 / 3 - 20) + (45 / 3 - 5)) / 3, 10);
    const lfc = json('estimate', 'numbers.csv', '--method', 'lfc-n', '--max-iterations', '50');
    expect(lfc.mae as number).toBeLessThan(1);
    run('estimate', 'numbers.csv', '--method', 'median', '--out', 'estimates.csv');
    expect(readFileSync(join(dir, 'estimates.csv'), 'utf8')).toBe('item,value\nq1,11\nq2,20\nq3,5\n');
    write('categories.csv', 'question,worker,answer\nq1,w1,cat\n');
    const bad = run('estimate', 'categories.csv');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('categories.csv:2: answer "cat" is not a number');
    expect(run('estimate', 'numbers.csv', '--method', 'ds').stderr).toContain('unknown method "ds"; expected one of mean, median, lfc-n, catd-n, pm-crh-n');
  });
});

describe('crowdlearn rank', () => {
  it('scores items from pairwise comparisons, best first, writes item,score,rank rows, and names a malformed row', () => {
    write('pairs.csv', 'left,right,label,worker\na,b,a,w1\nb,c,b,w1\nc,a,a,w1\na,b,a,w2\nb,c,b,w2\n');
    const r = json('rank', 'pairs.csv', '--method', 'bradley-terry', '--max-iterations', '10', '--tol', '0');
    expect(r).toMatchObject({ method: 'bradley-terry', items: 3, workers: 2, comparisons: 5 });
    expect((r.ranking as { item: string }[]).map((x) => x.item)).toEqual(['a', 'b', 'c']);
    run('rank', 'pairs.csv', '--method', 'noisy-bt', '--out', 'scores.csv');
    expect(readFileSync(join(dir, 'scores.csv'), 'utf8').split('\n').slice(0, 2).join('\n')).toMatch(/^item,score,rank\na,0\.9\d*,1$/);
    write('self.csv', 'left,right,label,worker\na,a,a,w1\n');
    const bad = run('rank', 'self.csv');
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'crowdlearn: self.csv:2: item "a" is compared with itself; expected two different items']);
  });
});

describe('crowdlearn aggregate --multi-label', () => {
  it("gives each item the labels its workers' yes/no aggregates choose (crowd-kit's BinaryRelevance toy), and names an empty label list", () => {
    write('tags.csv', 'task,worker,label\nt1,w1,house|tree\nt1,w2,house\nt1,w3,house|tree|grass\nt2,w1,car\nt2,w2,car|human\nt2,w3,train\n');
    const r = json('aggregate', 'tags.csv', '--multi-label', '--method', 'ds');
    expect(r).toMatchObject({ method: 'binary-relevance(ds)', items: 2, workers: 3, answers: 6, labels: 6, result: { t1: ['house', 'tree'], t2: ['car'] } });
    run('aggregate', 'tags.csv', '--multi-label', '--method', 'mv', '--tie-break', 'lowest', '--out', 'tags-out.csv');
    expect(readFileSync(join(dir, 'tags-out.csv'), 'utf8')).toBe('item,labels\nt1,house|tree\nt2,car\n');
    write('empty-tags.csv', 'task,worker,label\nt1,w1,house\nt2,w2,\n');
    const bad = run('aggregate', 'empty-tags.csv', '--multi-label');
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'crowdlearn: empty-tags.csv:3: an empty label set for item "t2"; expected at least one label per answer']);
  });
});
