/**
 * Bring your own: the user's crowds (`--data`, repeatable, in any format the CLI reads or
 * the truth-inference layout), their gold and features, and methods from the user's
 * modules, joining the bundled datasets and the catalogue in a comparison.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFlagsApply, suiteOptionsFromFlags } from '../src/flags.js';
import { prepareSuite } from '../src/run-suite.js';
import { aggregatorsSuite } from '../src/suites/aggregators.js';
import { readUserData, userDataGroups } from '../src/user-data.js';
import { isModulePath } from '../src/user-methods.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A folder in the truth-inference benchmark's layout (Zheng et al. 2017): answer.csv and truth.csv. */
function truthInferenceFolder(name: string, answers: string, truth: string): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'answer.csv'), answers);
  writeFileSync(join(folder, 'truth.csv'), truth);
  return folder;
}

const ANSWERS = 'question,worker,answer\nq1,w1,1\nq1,w2,1\nq1,w3,0\nq2,w1,0\nq2,w2,0\nq2,w3,1\nq3,w1,1\nq3,w3,1\n';
const TRUTH = 'question,truth\nq1,1\nq2,0\nq3,1\n';

describe('--data groups', () => {
  it('gives each --gold and --features to the --data before it', () => {
    expect(userDataGroups(['aggregators', '--data', 'a.csv', '--gold', 'ga.csv', '--quick', '--data=b/', '--features', 'fb.csv', '--data', 'c.jsonl'])).toEqual([
      { data: 'a.csv', gold: 'ga.csv' },
      { data: 'b/', features: 'fb.csv' },
      { data: 'c.jsonl' },
    ]);
    expect(() => userDataGroups(['--gold', 'g.csv', '--data', 'a.csv'])).toThrow(/--gold g\.csv comes before any --data/);
    expect(() => userDataGroups(['--data', 'a.csv', '--gold', 'g.csv', '--gold', 'h.csv'])).toThrow(/a second --gold \(h\.csv\) for --data a\.csv/);
    expect(() => checkFlagsApply('tllc', { data: 'x.csv' })).toThrow(/--data applies to aggregators, completion, not tllc/);
    expect(suiteOptionsFromFlags({ datasets: 'none' }).datasets).toEqual([]);
  });
});

describe('the user crowds', () => {
  it('reads the truth-inference layout from a folder or its answer.csv, named by the folder, and a plain file with --gold, named by the file', async () => {
    const sentiment = truthInferenceFolder('d_sentiment', ANSWERS, TRUTH);
    const duck = truthInferenceFolder('d_duck', ANSWERS.replace(/\bq(\d)/g, 'p$1'), 'question,truth\np1,1\np2,1\n');
    writeFileSync(join(dir, 'labels.csv'), 'item,worker,label\nx,a,cat\nx,b,cat\ny,a,dog\n');
    writeFileSync(join(dir, 'labels-gold.csv'), 'item,label\nx,cat\ny,dog\n');
    const { data, records } = await readUserData([{ data: sentiment }, { data: join(duck, 'answer.csv') }, { data: join(dir, 'labels.csv'), gold: join(dir, 'labels-gold.csv') }]);
    expect(data.map((d) => [d.name, d.labels.numItems, d.gold.size])).toEqual([
      ['d_sentiment', 3, 3],
      ['d_duck', 3, 2],
      ['labels.csv', 2, 2],
    ]);
    expect(records[0]?.data).toBe(join(sentiment, 'answer.csv'));
    expect(records[0]?.gold).toBe(join(sentiment, 'truth.csv'));
    expect(Object.values(records[2]?.sha256 ?? {})).toHaveLength(2);
    // names that collide (with each other or a bundled dataset) become the paths as given
    const twice = await readUserData([{ data: join(dir, 'labels.csv'), gold: join(dir, 'labels-gold.csv') }], ['labels.csv']);
    expect(twice.data[0]?.name).toBe(join(dir, 'labels.csv'));
  });

  it('aligns a features table to the items, and says what is missing', async () => {
    const folder = truthInferenceFolder('with-features', ANSWERS, TRUTH);
    writeFileSync(join(dir, 'features.csv'), 'id,f1,f2\nq3,3,30\nq1,1,10\nq2,2,20\n');
    const { data } = await readUserData([{ data: folder, features: join(dir, 'features.csv') }]);
    expect(Array.from(data[0]?.features?.row(0) ?? [])).toEqual([1, 10]);
    writeFileSync(join(dir, 'few-features.csv'), 'id,f1\nq1,1\n');
    await expect(readUserData([{ data: folder, features: join(dir, 'few-features.csv') }])).rejects.toThrow(/no feature row for item "q2"/);
    await expect(readUserData([{ data: folder, features: join(dir, 'f.npy') }])).rejects.toThrow(/the bench reads features from CSV or TSV/);
    writeFileSync(join(dir, 'no-gold.csv'), 'item,worker,label\nx,a,cat\n');
    await expect(readUserData([{ data: join(dir, 'no-gold.csv') }])).rejects.toThrow(/no gold for the items of no-gold\.csv/);
  });

  it('joins the bundled datasets in the aggregators suite, each crowd scored on its own gold', async () => {
    const folder = truthInferenceFolder('d_small', ANSWERS, TRUTH);
    const { data } = await readUserData([{ data: folder }]);
    const r = await aggregatorsSuite({ quick: true, datasets: ['wsd'], methods: ['mv', 'ds'], seeds: [0], data });
    expect(r.runs.map((x) => [x.dataset, x.method])).toEqual([
      ['wsd', 'mv'],
      ['wsd', 'ds'],
      ['d_small', 'mv'],
      ['d_small', 'ds'],
    ]);
    expect(r.runs.slice(2).map((x) => x.value)).toEqual([1, 1]);
    const alone = await aggregatorsSuite({ quick: true, datasets: [], methods: ['mv'], seeds: [0], data });
    expect(alone.runs.map((x) => x.dataset)).toEqual(['d_small']);
  });
});

describe("the user's methods", () => {
  it('loads catalogue entries from a module and compares them with the catalogue', async () => {
    const module = join(dir, 'first-class.mjs');
    // a method of the user's: every item gets class 0 (a baseline a catalogue entry can be)
    writeFileSync(
      module,
      `export const firstClass = {
  name: 'first-class', family: 'aggregation', summary: 'class 0 for every item', cite: 'none', options: [], presets: [],
  capabilities: { needsFeatures: false, binaryOnly: false, randomness: 'deterministic', yields: ['posteriors'], memory: 'labels', neural: false },
  async run(input) {
    const n = input.labels.numItems, k = input.labels.numClasses;
    const posteriors = new Float64Array(n * k);
    for (let i = 0; i < n; i++) posteriors[i * k] = 1;
    return { method: 'first-class', labels: new Int32Array(n), posteriors };
  },
};
export const notAnEntry = 42;
`,
    );
    expect(isModulePath(module)).toBe(true);
    expect(isModulePath('one-coin-ds')).toBe(false);
    const folder = truthInferenceFolder('d_methods', ANSWERS, TRUTH);
    const { options, recorded } = await prepareSuite('aggregators', { quick: true, datasets: [], seeds: [0], methods: ['mv', module] }, [{ data: folder }]);
    expect(options.methods).toEqual(['mv', 'first-class']);
    expect(recorded.methods).toEqual(['mv', module]);
    const r = await aggregatorsSuite(options);
    // q1 and q3 are class "1", the second class seen; q2 is "0": class 0 for every item is right on one of three
    expect(r.runs.map((x) => [x.method, x.value])).toEqual([
      ['mv', 1],
      ['first-class', 1 / 3],
    ]);
    await expect(prepareSuite('completion', { quick: true, methods: [module] }, [])).rejects.toThrow(/no completion method exported/);
    await expect(prepareSuite('aggregators', { quick: true, methods: [join(dir, 'missing.mjs')] }, [])).rejects.toThrow(/no such file/);
    await expect(prepareSuite('tllc', { quick: true, methods: [module] }, [])).rejects.toThrow(/join the aggregators, completion, classifiers suites, not tllc/);
  });
});
