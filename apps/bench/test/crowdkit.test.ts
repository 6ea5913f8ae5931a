import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { RunRecord } from '../src/engine/results.js';
// The built suite: its measurements run the built worker in child processes (the test command builds first).
import { crowdKitSideBySide } from '../dist/suites/perf.js';

const dir = mkdtempSync(join(tmpdir(), 'crowdlearn-fake-crowdkit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Stand-ins for pandas and crowd-kit, just enough for scripts/crowdkit-run.py: every "aggregator" is a majority vote, ties to the lowest label. */
function fakeCrowdKit(): string {
  mkdirSync(join(dir, 'pandas'), { recursive: true });
  mkdirSync(join(dir, 'crowdkit'), { recursive: true });
  writeFileSync(join(dir, 'pandas', '__init__.py'), 'import csv\n\ndef read_csv(path):\n    with open(path, newline="") as f:\n        return list(csv.DictReader(f))\n');
  writeFileSync(join(dir, 'crowdkit', '__init__.py'), '');
  writeFileSync(
    join(dir, 'crowdkit', 'aggregation.py'),
    [
      'from collections import Counter, defaultdict',
      'class _Result(dict):',
      '    def to_dict(self):',
      '        return dict(self)',
      'class MajorityVote:',
      '    def fit_predict(self, rows):',
      '        votes = defaultdict(Counter)',
      '        for row in rows:',
      '            votes[int(row["task"])][int(row["label"])] += 1',
      '        return _Result({t: min(c, key=lambda k: (-c[k], k)) for t, c in votes.items()})',
      'Wawa = ZeroBasedSkill = DawidSkene = OneCoinDawidSkene = GLAD = MACE = MajorityVote',
      '',
    ].join('\n'),
  );
  return dir;
}

it('skips the side-by-side with a reason when the Python has no crowd-kit', async () => {
  process.env.CROWDLEARN_PYTHON = 'python3';
  try {
    const lines = await crowdKitSideBySide(2000, ['mv'], [], { quick: true });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Side-by-side with crowd-kit skipped: python3 cannot import crowdkit and pandas .*pip install crowd-kit/);
  } finally {
    delete process.env.CROWDLEARN_PYTHON;
  }
});

it('times crowdlearn and crowd-kit on the same file and reports the ratio and both accuracies', async () => {
  process.env.CROWDLEARN_PYTHON = 'python3';
  process.env.PYTHONPATH = fakeCrowdKit();
  try {
    const runs: RunRecord[] = [];
    const lines = await crowdKitSideBySide(2000, ['mv', 'ds', 'hds'], runs, { quick: true });
    const rows = lines.filter((l) => /^\| (mv|ds) \|/.test(l));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/^\| \w+ \| \d+\.\d{3} \| \d+\.\d{3} \| \d+\.\d \| \d+\.\d\d% \| \d+\.\d\d% \|$/);
    expect(runs.map((r) => r.method)).toEqual(['mv', 'mv (crowd-kit)', 'ds', 'ds (crowd-kit)']);
    // the stand-in is a majority vote on the same labels: its accuracy equals crowdlearn's MV up to tie-breaking
    const [ours, theirs] = runs.slice(0, 2).map((r) => r.extra?.accuracy as number);
    expect(Math.abs(ours! - theirs!)).toBeLessThan(0.02);
  } finally {
    delete process.env.CROWDLEARN_PYTHON;
    delete process.env.PYTHONPATH;
  }
});
