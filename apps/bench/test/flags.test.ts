import { cac } from 'cac';
import { describe, expect, it } from 'vitest';
import { checkFlagsApply, suiteOptionsFromFlags } from '../src/flags.js';

/** Parses argv the way main.ts declares the flags. */
function parse(args: string[]): Record<string, unknown> {
  const cli = cac('bench');
  let flags: Record<string, unknown> = {};
  cli
    .command('<suite>')
    .option('--quick', '')
    .option('--seeds <list>', '')
    .option('--datasets <list>', '')
    .option('--methods <list>', '')
    .option('--include-100m', '')
    .option('--budget <n>', '')
    .action((_suite: string, o: Record<string, unknown>) => {
      flags = o;
    });
  cli.parse(['node', 'bench', ...args], { run: true });
  return flags;
}

describe('suiteOptionsFromFlags', () => {
  it('reads every flag as cac parses it, including --include-100m', () => {
    const o = suiteOptionsFromFlags(parse(['perf-io', '--quick', '--include-100m', '--seeds', '0,1, 2', '--datasets', 'rte,temp', '--methods', 'mv']));
    expect(o).toEqual({ quick: true, include100m: true, seeds: [0, 1, 2], datasets: ['rte', 'temp'], methods: ['mv'] });
    expect(suiteOptionsFromFlags(parse(['perf-io', '--seeds', '3']))).toEqual({ quick: false, include100m: false, seeds: [3] });
  });

  it('reads --budget as a count (a whole number) or a fraction of the empty cells (below 1), and rejects anything else', () => {
    expect(suiteOptionsFromFlags(parse(['dasc', '--budget', '10000'])).budget).toEqual({ mode: 'count', count: 10000 });
    expect(suiteOptionsFromFlags(parse(['dasc', '--budget', '0.25'])).budget).toEqual({ mode: 'fraction', fraction: 0.25 });
    for (const bad of ['0', '1.5', 'ten']) expect(() => suiteOptionsFromFlags(parse(['dasc', '--budget', bad]))).toThrow(/--budget: .* is neither a count nor a fraction/);
  });

  it('rejects a seed that is not an integer', () => {
    expect(() => suiteOptionsFromFlags(parse(['aggregators', '--seeds', '0,x']))).toThrow(/--seeds: "x" is not an integer/);
  });
});

describe('checkFlagsApply', () => {
  it('rejects a flag given to a suite that does not read it, naming the suites that do', () => {
    expect(() => checkFlagsApply('tllc', parse(['tllc', '--budget', '5']))).toThrow('--budget applies to dasc, dasc-sparsity, dasc-longtail, not tllc');
    expect(() => checkFlagsApply('perf-neural', parse(['perf-neural', '--include-100m']))).toThrow('--include-100m applies to perf-aggregators, perf-io, not perf-neural');
    expect(() => checkFlagsApply('dasc-sparsity', parse(['dasc-sparsity', '--budget', '0.2']))).not.toThrow();
    expect(() => checkFlagsApply('perf-io', parse(['perf-io', '--include-100m', '--quick']))).not.toThrow();
    expect(() => checkFlagsApply('aggregators', parse(['aggregators', '--quick', '--seeds', '1']))).not.toThrow();
  });
});

describe('--data and --gold: the aggregators suite on a crowd the user brings', () => {
  it('runs the chosen aggregators on the file and scores them against the gold file', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { userData } = await import('../src/user-data.js');
    const { aggregatorsSuite } = await import('../src/suites/aggregators.js');
    const dir = mkdtempSync(join(tmpdir(), 'bench-data-'));
    try {
      writeFileSync(join(dir, 'answers.csv'), 'question,worker,answer\nq1,w1,1\nq1,w2,1\nq1,w3,0\nq2,w1,0\nq2,w2,0\nq2,w3,1\nq3,w1,1\nq3,w3,1\n');
      writeFileSync(join(dir, 'gold.csv'), 'question,truth\nq1,1\nq2,0\nq3,1\n');
      const data = await userData({ data: join(dir, 'answers.csv'), gold: join(dir, 'gold.csv') });
      expect(data?.name).toBe('answers.csv');
      const r = await aggregatorsSuite({ quick: false, methods: ['mv', 'ds'], seeds: [0], ...(data !== undefined ? { data } : {}) });
      expect(r.runs.map((x) => [x.dataset, x.method, x.value])).toEqual([['answers.csv', 'mv', 1], ['answers.csv', 'ds', 1]]);
      await expect(userData({ data: join(dir, 'answers.csv') })).rejects.toThrow(/no gold for the items of answers\.csv/);
      expect(() => checkFlagsApply('tllc', { data: 'x.csv' })).toThrow(/--data applies to aggregators, not tllc/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
