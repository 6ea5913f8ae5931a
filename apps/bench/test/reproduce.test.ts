/**
 * `bench reproduce results.json`: the recorded suite re-run from the file alone finds no
 * differing cell; a cell moved beyond its sd, or a crowd file that changed, is reported.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { differingCells, reproduce } from '../src/reproduce.js';
import { prepareSuite, runSuite } from '../src/run-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-reproduce-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cell = (method: string, mean: number, std: number | null, n: number) => ({ dataset: 'd', method, mean, std, n });

describe('differing cells', () => {
  it('allows each cell its sd over seeds, and deterministic cells only floating-point noise', () => {
    const before = [cell('glad', 0.8, 0.02, 3), cell('mv', 0.75, 0, 1), cell('ds', 0.9, null, 1)];
    const after = [cell('glad', 0.815, 0.01, 3), cell('mv', 0.75 + 1e-12, 0, 1), cell('ds', 0.9001, null, 1), cell('new', 1, 0, 1)];
    const { compared, differing } = differingCells(before, after);
    expect(compared).toBe(3);
    expect(differing.map((d) => [d.method, d.reason])).toEqual([
      ['ds', 'differs by 0.000100, more than the sd 0.00'],
      ['new', 'no value in the recorded run'],
    ]);
    expect(differingCells([cell('glad', 0.8, 0.02, 3)], [cell('glad', 0.83, 0.02, 3)]).differing).toHaveLength(1);
    expect(differingCells([cell('glad', 0.8, 0.02, 3)], [cell('glad', 0.8, 0.02, 2)]).differing[0]?.reason).toBe('2 seeds, not 3');
  });
});

describe('bench reproduce', () => {
  it('re-runs a --quick suite, with a user crowd and seeds, from its results.json and finds no differing cell', async () => {
    const crowd = join(dir, 'd_mine');
    mkdirSync(crowd);
    writeFileSync(join(crowd, 'answer.csv'), 'question,worker,answer\nq1,w1,1\nq1,w2,1\nq1,w3,0\nq2,w1,0\nq2,w2,0\nq2,w3,1\nq3,w1,1\nq3,w3,1\n');
    writeFileSync(join(crowd, 'truth.csv'), 'question,truth\nq1,1\nq2,0\nq3,1\n');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const first = join(dir, 'first');
      const argv = ['aggregators', '--quick', '--datasets', 'wsd,temp', '--methods', 'mv,ds,glad,mace', '--seeds', '0,1', '--data', crowd];
      await runSuite('aggregators', await prepareSuite('aggregators', { quick: true, datasets: ['wsd', 'temp'], methods: ['mv', 'ds', 'glad', 'mace'], seeds: [0, 1] }, [{ data: crowd }]), first, argv);
      const recorded = JSON.parse(readFileSync(join(first, 'results.json'), 'utf8'));
      expect(recorded.options.data[0].name).toBe('d_mine');
      expect(recorded.summary).toHaveLength(12);
      write.mockClear();
      expect(await reproduce(join(first, 'results.json'), join(dir, 'second'), ['reproduce', join(first, 'results.json')])).toBe(0);
      const printed = write.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).toContain('All 12 cells reproduced');

      // a recorded cell moved beyond its sd is found and named
      recorded.summary[1].mean += 0.01;
      writeFileSync(join(dir, 'edited.json'), JSON.stringify(recorded));
      write.mockClear();
      expect(await reproduce(join(dir, 'edited.json'), join(dir, 'third'), [])).toBe(1);
      expect(write.mock.calls.map((c) => String(c[0])).join('')).toMatch(/1 of 12 cells differ beyond their sd:[\s\S]*\| wsd \| ds \|/);

      // the crowd's bytes are checked before anything runs
      writeFileSync(join(crowd, 'truth.csv'), 'question,truth\nq1,0\nq2,0\nq3,1\n');
      await expect(reproduce(join(first, 'results.json'), join(dir, 'fourth'), [])).rejects.toThrow(/truth\.csv has changed since the run/);
    } finally {
      write.mockRestore();
    }
  }, 60_000);
});
