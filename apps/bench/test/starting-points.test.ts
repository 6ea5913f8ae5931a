import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../src/engine/results.js';
import { startingPointTable } from '../src/suites/starting-points.js';

const run = (method: string, seed: number, value: number, startingPoint?: number): RunRecord => ({
  suite: 'crowding',
  dataset: 'labelme',
  method,
  seed,
  metric: 'test accuracy',
  value,
  seconds: 1,
  ...(startingPoint !== undefined ? { extra: { startingPoint, bestEpoch: 3 } } : {}),
});

describe('startingPointTable', () => {
  it("puts each CrowdInG row beside its own starting point, seed by seed, and leaves out runs that have none", () => {
    const lines = startingPointTable([run('crowding', 1, 0.86, 0.85), run('crowding', 0, 0.84, 0.85), run('dl-cl', 0, 0.85)]);
    expect(lines.slice(2)).toEqual([
      '| dataset | method | seeds | starting point | result | difference | per seed (start → result) |',
      '|---|---|---:|---:|---:|---:|---|',
      '| labelme | crowding | 2 | 85.00 ± 0.00 | 85.00 ± 1.41 | +0.00 | 0: 85.00 → 84.00, 1: 85.00 → 86.00 |',
    ]);
    expect(startingPointTable([run('dl-cl', 0, 0.85)])).toEqual([]);
  });
});
