import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { CrowdError } from '@crowdlearn/core-matrix';
import type { SuiteResult } from './engine/results.js';
import { isTimeMetric } from './report/charts.js';
import { prepareSuite, runSuite, type ResultsFile } from './run-suite.js';
import type { UserDataFiles } from './user-data.js';

/** A summary cell as results.json has it (a null sd is one JSON wrote for NaN). */
interface Cell {
  dataset: string;
  method: string;
  mean: number;
  std: number | null;
  n: number;
}

/** A cell of the first run that the second does not reproduce. */
export interface CellDifference {
  dataset: string;
  method: string;
  before?: Cell;
  after?: Cell;
  /** Why it counts as different. */
  reason: string;
}

/** Floating-point noise allowed on top of the sd: a deterministic cell (sd 0) must agree to about 9 digits. */
const NOISE = 1e-9;

const key = (c: { dataset: string; method: string }) => `${c.dataset}\u0000${c.method}`;
const sdOf = (c: Cell) => (c.std !== null && Number.isFinite(c.std) ? c.std : 0);

/**
 * The cells of `before` that `after` does not reproduce: a mean further from
 * the first than the larger of the two cells' sd over seeds (plus a 1e-9
 * relative allowance for floating-point noise), a cell only one run has,
 * or another number of seeds.
 */
export function differingCells(before: readonly Cell[], after: readonly Cell[]): { compared: number; differing: CellDifference[] } {
  const then = new Map(before.map((c) => [key(c), c]));
  const now = new Map(after.map((c) => [key(c), c]));
  const differing: CellDifference[] = [];
  for (const b of before) {
    const a = now.get(key(b));
    if (a === undefined) {
      differing.push({ dataset: b.dataset, method: b.method, before: b, reason: 'no value in the new run' });
      continue;
    }
    const allowed = Math.max(sdOf(b), sdOf(a)) + NOISE * Math.max(1, Math.abs(b.mean));
    if (!(Math.abs(a.mean - b.mean) <= allowed)) differing.push({ dataset: b.dataset, method: b.method, before: b, after: a, reason: `differs by ${Math.abs(a.mean - b.mean).toPrecision(3)}, more than the sd ${Math.max(sdOf(b), sdOf(a)).toPrecision(3)}` });
    else if (a.n !== b.n) differing.push({ dataset: b.dataset, method: b.method, before: b, after: a, reason: `${a.n} seeds, not ${b.n}` });
  }
  for (const a of after) if (!then.has(key(a))) differing.push({ dataset: a.dataset, method: a.method, after: a, reason: 'no value in the recorded run' });
  return { compared: before.length, differing };
}

/** Reads and checks a results.json: what `reproduce` needs of it. */
function readResults(path: string): ResultsFile {
  if (!existsSync(path)) throw new CrowdError('INVALID_ARGUMENT', `${path}: no such file`, { source: path, expected: 'the results.json of a bench run' });
  let file: ResultsFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
  } catch (err) {
    throw new CrowdError('PARSE_ERROR', `${path} is not JSON: ${(err as Error).message}`, { source: path, expected: 'the results.json of a bench run' });
  }
  if (typeof file.suite !== 'string' || typeof file.options !== 'object' || !Array.isArray(file.summary)) throw new CrowdError('PARSE_ERROR', `${path} has no suite, options and summary`, { source: path, expected: 'the results.json of a bench run' });
  if (typeof file.options.data === 'string') throw new CrowdError('INVALID_ARGUMENT', `${path} records its --data crowd by name only (${file.options.data}), from a bench before reproduce existed`, { source: path, expected: 'a results.json written by this bench' });
  return file;
}

/** The recorded crowds' files, each checked to hold the bytes the run read. */
function recordedCrowds(file: ResultsFile, path: string): UserDataFiles[] {
  const records = Array.isArray(file.options.data) ? file.options.data : [];
  return records.map((r) => {
    for (const [p, hash] of Object.entries(r.sha256)) {
      if (!existsSync(p)) throw new CrowdError('INVALID_ARGUMENT', `${path}: the crowd ${r.name} was read from ${p}, which is gone`, { source: path, expected: 'the same files at the same paths' });
      const now = createHash('sha256').update(readFileSync(p)).digest('hex');
      if (now !== hash) throw new CrowdError('INVALID_ARGUMENT', `${path}: ${p} has changed since the run (sha256 ${now.slice(0, 12)}..., recorded ${hash.slice(0, 12)}...)`, { source: path, expected: 'the bytes the run read' });
    }
    return { name: r.name, data: r.data, ...(r.gold !== undefined ? { gold: r.gold } : {}), ...(r.features !== undefined ? { features: r.features } : {}) };
  });
}

/** The comparison as Markdown lines. */
function reproduceReport(path: string, result: SuiteResult, compared: number, differing: CellDifference[], timing: boolean): string[] {
  const cell = (c?: Cell) => (c === undefined ? '-' : `${c.mean.toPrecision(6)}${c.n > 1 ? ` ± ${sdOf(c).toPrecision(3)} (${c.n} seeds)` : ''}`);
  const lines = [`# Reproduce: ${result.suite} from ${path}`, ''];
  if (timing) {
    lines.push(`A performance suite: its cells are timings of this machine, compared as ratios (new / recorded), not checked.`, '', '| dataset | method | recorded s | new s | ratio |', '|---|---|---:|---:|---:|');
    for (const d of differing.filter((x) => x.before !== undefined && x.after !== undefined)) lines.push(`| ${d.dataset} | ${d.method} | ${(d.before as Cell).mean.toPrecision(4)} | ${(d.after as Cell).mean.toPrecision(4)} | ${((d.after as Cell).mean / (d.before as Cell).mean).toFixed(2)} |`);
    return lines;
  }
  if (differing.length === 0) return [...lines, `All ${compared} cells reproduced: every mean within its sd over seeds (deterministic cells to 1e-9).`];
  lines.push(`${differing.length} of ${compared} cells differ beyond their sd:`, '', '| dataset | method | recorded | new | why |', '|---|---|---:|---:|---|');
  for (const d of differing) lines.push(`| ${d.dataset} | ${d.method} | ${cell(d.before)} | ${cell(d.after)} | ${d.reason} |`);
  return lines;
}

/**
 * `bench reproduce results.json`: re-runs the recorded suite with the
 * recorded settings (quick, seeds, datasets, methods, the user's crowds after
 * checking their bytes, module methods), writes the new run's outputs to
 * `out`, and reports every cell that differs beyond its sd. Returns the
 * number of differing cells (0 for a performance suite, whose timings are
 * reported as ratios).
 */
export async function reproduce(path: string, out: string, argv: readonly string[]): Promise<number> {
  const file = readResults(path);
  const { data: _data, ...settings } = file.options;
  const prepared = await prepareSuite(file.suite, settings, recordedCrowds(file, path));
  const result = await runSuite(file.suite, prepared, out, argv);
  const timing = isTimeMetric(result.metric);
  const after: Cell[] = result.summary.map((r) => ({ dataset: r.dataset, method: r.method, mean: r.mean, std: r.std, n: r.n }));
  const { compared, differing } = timing ? { compared: file.summary.length, differing: ratioRows(file.summary, after) } : differingCells(file.summary as Cell[], after);
  process.stdout.write(`\n${reproduceReport(path, result, compared, differing, timing).join('\n')}\n`);
  return timing ? 0 : differing.length;
}

/** Pairs of recorded and new timing cells (for the ratio table). */
function ratioRows(before: readonly Cell[], after: readonly Cell[]): CellDifference[] {
  const now = new Map(after.map((c) => [key(c), c]));
  return before.flatMap((b) => {
    const a = now.get(key(b));
    return a === undefined ? [] : [{ dataset: b.dataset, method: b.method, before: b, after: a, reason: 'timing' }];
  });
}
