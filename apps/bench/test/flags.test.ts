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
