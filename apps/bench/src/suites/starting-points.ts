import type { RunRecord } from '../engine/results.js';
import { meanAndSd } from '../stats/summary.js';

const pct = (x: number) => (100 * x).toFixed(2);

/**
 * A Markdown table of every run that recorded its starting point
 * (`extra.startingPoint`, CrowdInG's pretrained DL-CL), by dataset and
 * method: the starting point's and the result's test accuracy (mean ± sd
 * over seeds), their difference, and each seed's pair, so that no reader
 * mistakes DL-CL's accuracy for CrowdInG's gain.
 */
export function startingPointTable(runs: readonly RunRecord[]): string[] {
  const cells = new Map<string, { seed: number; start: number; value: number }[]>();
  for (const r of runs) {
    const start = r.extra?.startingPoint;
    if (typeof start !== 'number' || r.value === null) continue;
    const key = `${r.dataset}|${r.method}`;
    cells.set(key, [...(cells.get(key) ?? []), { seed: r.seed, start, value: r.value }]);
  }
  if (cells.size === 0) return [];
  const lines = [
    'Each CrowdInG run against its own starting point (the pretrained DL-CL, epoch 0), test accuracy (%):',
    '',
    '| dataset | method | seeds | starting point | result | difference | per seed (start → result) |',
    '|---|---|---:|---:|---:|---:|---|',
  ];
  for (const [key, list] of cells) {
    const [dataset, method] = key.split('|') as [string, string];
    const sorted = [...list].sort((a, b) => a.seed - b.seed);
    const start = meanAndSd(sorted.map((c) => c.start));
    const value = meanAndSd(sorted.map((c) => c.value));
    const sd = (x: number) => (Number.isNaN(x) ? '' : ` ± ${pct(x)}`);
    const perSeed = sorted.map((c) => `${c.seed}: ${pct(c.start)} → ${pct(c.value)}`).join(', ');
    const diff = value.mean - start.mean;
    lines.push(`| ${dataset} | ${method} | ${sorted.length} | ${pct(start.mean)}${sd(start.std)} | ${pct(value.mean)}${sd(value.std)} | ${diff >= 0 ? '+' : ''}${pct(diff)} | ${perSeed} |`);
  }
  return lines;
}
