/**
 * Parity with crowd-kit's own test suite (Toloka/crowd-kit, tests/aggregation) for the
 * methods crowd-kit has and these tests name: M-MSR (data_mmsr.py), Gold MV
 * (data_gold_mv.py) and Dawid-Skene with known labels and initial error matrices
 * (test_ds_aggregation.py), on its toy and simple crowds (test/fixtures).
 */
import { describe, expect, it } from 'vitest';
import { accuracy, isCrowdError } from '@crowdlearn/core-matrix';
import { loadDataset } from '@crowdlearn/datasets';
import { dawidSkene, goldMajorityVote, majorityVote, mMsr } from '../src/index.js';
import { crowd, gold, named, SIMPLE_GOLD, SIMPLE_ROWS, SIMPLE_TRUTH, SIMPLE_WORKERS, TOY_GOLD, TOY_ROWS, TOY_TRUTH } from './fixtures/crowdkit-test-data.js';

const toy = crowd(TOY_ROWS);
const simple = crowd(SIMPLE_ROWS);
const lowest = { tieBreak: 'lowest' as const };
const worker = (labels: typeof toy, id: string) => labels.workers.indexOf(id);
const item = (labels: typeof toy, id: string) => labels.items.indexOf(id);
const cls = (labels: typeof toy, id: string) => labels.classes.indexOf(id);

describe('M-MSR against crowd-kit', () => {
  // crowd-kit prints 16 digits; ours agree to about 1e-15, so 1e-12 says "the same numbers"
  it('toy: the skills and labels of data_mmsr.py', () => {
    const r = mMsr(toy, lowest);
    const expected = { w1: -0.9486439852160969, w2: 0.9764628672747041, w3: 1.2428113335479982, w4: 0.948643985216097, w5: 0.9764628672747041 };
    for (const [w, skill] of Object.entries(expected)) expect(r.skills[worker(toy, w)], w).toBeCloseTo(skill, 12);
    expect(named(toy, r.labels)).toEqual({ t1: 'yes', t2: 'no', t3: 'no', t4: 'yes', t5: 'no' });
    expect(r.converged).toBe(true);
  });

  it('simple: the skills and labels of data_mmsr.py (the fraudster weighs against his answers)', () => {
    const r = mMsr(simple, lowest);
    for (const good of SIMPLE_WORKERS.good) expect(r.skills[worker(simple, good)], good).toBeCloseTo(2.0131458750666567, 12);
    expect(r.skills[worker(simple, SIMPLE_WORKERS.fraud)]).toBeCloseTo(-0.6268515139467665, 12);
    expect(r.skills[worker(simple, SIMPLE_WORKERS.careless)]).toBeCloseTo(1.8527467194291514, 12);
    expect(named(simple, r.labels)).toEqual(SIMPLE_TRUTH);
  });

  it("the reference's sign graph gives the same values on these dense crowds, and flips skills on a sparse one", () => {
    expect(Array.from(mMsr(toy, { ...lowest, signGraph: 'reference' }).skills)).toEqual(Array.from(mMsr(toy, lowest).skills));
    expect(Array.from(mMsr(simple, { ...lowest, signGraph: 'reference' }).skills)).toEqual(Array.from(mMsr(simple, lowest).skills));
    // Music: 44 workers, most pairs share no item, which the reference reads as disagreeing.
    // Measured when written: observed 80.29%, reference 46.29%, MV 70.00% (random ties).
    const music = loadDataset('music');
    const observed = accuracy(mMsr(music.labels).labels, music.gold!);
    const reference = accuracy(mMsr(music.labels, { signGraph: 'reference' }).labels, music.gold!);
    expect(observed).toBeGreaterThan(accuracy(majorityVote(music.labels, lowest).labels, music.gold!));
    expect(reference).toBeLessThan(0.5);
  });

  it("posteriors are the one-coin posteriors, softmax of the weighted votes (crowd-kit's normalised sums are not probabilities)", () => {
    const r = mMsr(toy, lowest);
    // t5: yes from w1 only (weight -0.9486), no from w2..w5
    const noVote = r.skills[1]! + r.skills[2]! + r.skills[3]! + r.skills[4]!;
    const yesVote = r.skills[0]!;
    const t5 = item(toy, 't5');
    expect(r.posteriors[t5 * 2 + cls(toy, 'no')]).toBeCloseTo(1 / (1 + Math.exp(yesVote - noVote)), 14);
  });
});

describe('Gold MV against crowd-kit', () => {
  it('toy: the skills and probabilities of data_gold_mv.py', () => {
    const r = goldMajorityVote(toy, gold(toy, TOY_GOLD));
    expect(['w1', 'w2', 'w3', 'w4', 'w5'].map((w) => r.skills[worker(toy, w)])).toEqual([0.5, 1, 1, 0.5, 0]);
    const yes = { t1: 0.75, t2: 0.833333, t3: 0.333333, t4: 1, t5: 0.166667 };
    for (const [t, p] of Object.entries(yes)) expect(r.posteriors[item(toy, t) * 2 + cls(toy, 'yes')], t).toBeCloseTo(p, 6);
    expect(named(toy, r.labels)).toEqual(TOY_TRUTH);
  });

  it('simple: the skills and probabilities of data_gold_mv.py', () => {
    const r = goldMajorityVote(simple, gold(simple, SIMPLE_GOLD));
    for (const good of SIMPLE_WORKERS.good) expect(r.skills[worker(simple, good)]).toBe(1);
    expect(r.skills[worker(simple, SIMPLE_WORKERS.fraud)]).toBe(0.5);
    expect(r.skills[worker(simple, SIMPLE_WORKERS.careless)]).toBe(0.5);
    const T = SIMPLE_WORKERS.task;
    // columns chicken, goose, parrot
    const expected: Record<string, number[]> = {
      [T('ee4')]: [0.8, 0, 0.2], [T('ee8')]: [0.857143, 0.142857, 0], [T('eec')]: [0, 0.857143, 0.142857], [T('efb')]: [0, 0, 1], [T('efd')]: [0.5, 0.25, 0.25],
      [T('f02')]: [0, 0, 1], [T('f03')]: [0, 1, 0], [T('f05')]: [0, 0.8, 0.2], [T('f07')]: [0, 0, 1], [T('f08')]: [0, 0, 1],
    };
    for (const [t, row] of Object.entries(expected)) {
      ['chicken', 'goose', 'parrot'].forEach((c, j) => expect(r.posteriors[item(simple, t) * 3 + cls(simple, c)], `${t} ${c}`).toBeCloseTo(row[j]!, 6));
    }
    expect(named(simple, r.labels)).toEqual(SIMPLE_TRUTH);
  });

  it("a worker who answered no gold item gets the others' mean skill, or is crowd-kit's error", () => {
    const some = gold(toy, { t5: 'no' }); // w1..w5 all answered t5; drop that to leave w3 without gold
    expect(goldMajorityVote(toy, some).skills[worker(toy, 'w3')]).toBe(1);
    const t1Only = gold(toy, { t1: 'yes' }); // w3 did not answer t1
    expect(() => goldMajorityVote(toy, t1Only, { workersWithoutGold: 'error' })).toThrow(/1 worker\(s\) answered no item with a true label, such as "w3"/);
    const r = goldMajorityVote(toy, t1Only);
    // w1 0, w2 1, w4 1, w5 0: mean 0.5
    expect(r.skills[worker(toy, 'w3')]).toBe(0.5);
  });
});

describe('Dawid-Skene with known labels (crowd-kit fit(data, true_labels))', () => {
  const known = gold(toy, TOY_GOLD);
  for (const [maxIterations, tol] of [
    [10, Number.MIN_VALUE],
    [100500, 1e-5],
  ] as const) {
    it(`toy, ${maxIterations} iterations, tol ${tol}: the ground truth`, () => {
      expect(named(toy, dawidSkene(toy, { maxIterations, tol, trueLabels: known, ...lowest }).labels)).toEqual(TOY_TRUTH);
    });
  }

  it('keeps the known items at their class after 0, 1 and 2 iterations; every row sums to 1', () => {
    for (const maxIterations of [0, 1, 2]) {
      const r = dawidSkene(toy, { maxIterations, trueLabels: known });
      for (const t of ['t1', 't2']) expect(r.posteriors[item(toy, t) * 2 + cls(toy, 'yes')], `${t} after ${maxIterations}`).toBe(1);
      for (let i = 0; i < toy.numItems; i++) expect(r.posteriors[i * 2]! + r.posteriors[i * 2 + 1]!).toBeCloseTo(1, 12);
    }
  });
});

describe('Dawid-Skene with initial error matrices (crowd-kit initial_error)', () => {
  const K = 2;
  const no = cls(toy, 'no');
  const yes = cls(toy, 'yes');
  /** Index into the R x K x K layout: worker, true class, answer. */
  const at = (w: string, truth: number, answer: number) => (worker(toy, w) * K + truth) * K + answer;

  it("addition: w2's first M-step adds the history counts (test_addition_inner_state_on_toy_ysda)", () => {
    const initial = new Float64Array(toy.numWorkers * K * K);
    initial[at('w2', no, yes)] = 1.1; // crowd-kit's (w2, observed yes, true no)
    initial[at('w2', yes, yes)] = 0.9;
    initial[at('w2', yes, no)] = 0.4;
    initial[at('w2', no, no)] = 0.6;
    const r = dawidSkene(toy, { maxIterations: 0, initialError: initial, initialErrorStrategy: 'addition' });
    expect(r.confusion[at('w2', no, yes)]).toBeCloseTo(0.5, 12);
    expect(r.confusion[at('w2', yes, yes)]).toBeCloseTo(0.75, 12);
    expect(r.confusion[at('w2', yes, no)]).toBeCloseTo(0.25, 12);
    expect(r.confusion[at('w2', no, no)]).toBeCloseTo(0.5, 12);
  });

  it('assign: with no iteration the error matrices are the ones given (test_assign_inner_state_on_toy_ysda)', () => {
    const initial = new Float64Array(toy.numWorkers * K * K);
    for (let row = 0; row < toy.numWorkers * K; row++) {
      const a = 1 + ((row * 37) % 99);
      const b = 1 + ((row * 53 + 11) % 99);
      initial[row * K] = a / (a + b);
      initial[row * K + 1] = b / (a + b);
    }
    const r = dawidSkene(toy, { maxIterations: 0, initialError: initial, initialErrorStrategy: 'assign' });
    for (let j = 0; j < initial.length; j++) expect(r.confusion[j]).toBeCloseTo(initial[j]!, 12);
  });

  it('assign refuses probability matrices whose rows do not sum to 1 (test_zero_error_addition_on_toy_ysda); addition of zeros changes nothing', () => {
    const zeros = new Float64Array(toy.numWorkers * K * K);
    let error: unknown;
    try {
      dawidSkene(toy, { initialError: zeros, initialErrorStrategy: 'assign' });
    } catch (err) {
      error = err;
    }
    expect(isCrowdError(error) && error.message).toMatch(/initialError: worker 0's row for true class 0 sums to 0, not 1/);
    expect(Array.from(dawidSkene(toy, { initialError: zeros, ...lowest }).posteriors)).toEqual(Array.from(dawidSkene(toy, lowest).posteriors));
    expect(() => dawidSkene(toy, { initialError: new Float64Array(3) })).toThrow(/initialError has the wrong length/);
  });

  for (const [maxIterations, tol] of [
    [10, Number.MIN_VALUE],
    [100500, 1e-5],
  ] as const) {
    it(`histories that say every answer on t2 points to "no" make t2 "no" (${maxIterations} iterations; test_*_desired_label_on_toy_ysda)`, () => {
      const counts = new Float64Array(toy.numWorkers * K * K);
      for (const w of ['w1', 'w2', 'w3']) counts[at(w, no, yes)] = 99;
      for (const w of ['w4', 'w5']) counts[at(w, no, no)] = 99;
      const added = dawidSkene(toy, { maxIterations, tol, initialError: counts, initialErrorStrategy: 'addition', ...lowest });
      expect(named(toy, added.labels).t2).toBe('no');
      const probabilities = new Float64Array(toy.numWorkers * K * K).fill(0.5);
      for (const w of ['w1', 'w2', 'w3']) {
        probabilities[at(w, no, yes)] = 0.99;
        probabilities[at(w, no, no)] = 0.01;
      }
      for (const w of ['w4', 'w5']) {
        probabilities[at(w, no, no)] = 0.99;
        probabilities[at(w, no, yes)] = 0.01;
      }
      const assigned = dawidSkene(toy, { maxIterations, tol, initialError: probabilities, initialErrorStrategy: 'assign', ...lowest });
      expect(named(toy, assigned.labels).t2).toBe('no');
    });
  }
});
