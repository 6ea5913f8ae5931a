/**
 * Every results.json and report.html says what produced its numbers: the command line, the
 * seeds, the git commit (and whether the tree had changes), every crowdlearn version, Node,
 * the TF.js backend and the machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectProvenance, type Provenance } from '../src/provenance.js';

const BENCH = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const inGit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: fileURLToPath(new URL('.', import.meta.url)), encoding: 'utf8' });

describe('provenance', () => {
  it('records the command as typed (shell-quoted), the seeds, the versions and the machine', () => {
    const p = collectProvenance(['aggregators', '--methods', 'mv,ds', '--data', "Bob's crowd.csv"], new Date('2026-01-02T03:04:05Z'), [0, 1]);
    expect(p.command).toBe("crowdlearn-bench aggregators --methods mv,ds --data 'Bob'\\''s crowd.csv'");
    expect(p.started).toBe('2026-01-02T03:04:05.000Z');
    expect(p.seeds).toEqual([0, 1]);
    expect(Object.keys(p.packages)).toEqual(expect.arrayContaining(['@crowdlearn/bench', '@crowdlearn/core-matrix', '@crowdlearn/aggregators', '@crowdlearn/neural']));
    expect(p.node).toBe(process.version);
    expect(p.machine.cores).toBe(availableParallelism());
    if (inGit.status === 0) expect(p.git?.commit).toBe(inGit.stdout.trim());
  });

  it('is in results.json, in report.html and on standard output of a run', () => {
    const out = mkdtempSync(join(tmpdir(), 'crowdlearn-provenance-'));
    try {
      const r = spawnSync(process.execPath, [BENCH, 'aggregators', '--datasets', 'temp', '--methods', 'mv', '--seeds', '0', '--out', out], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { provenance: Provenance };
      expect(results.provenance.command).toBe(`crowdlearn-bench aggregators --datasets temp --methods mv --seeds 0 --out ${out}`);
      expect(results.provenance.seeds).toEqual([0]);
      if (inGit.status === 0) expect(results.provenance.git?.commit).toMatch(/^[0-9a-f]{40}$/);
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expect(html).toContain('<h2>Provenance</h2>');
      expect(html).toContain(`<dd>${results.provenance.node}</dd>`);
      expect(r.stdout).toContain(`- command: ${results.provenance.command}`);
      // and beside them the paper's files: the tables and each chart as its own SVG
      expect(readFileSync(join(out, 'table.tex'), 'utf8')).toContain('\\toprule');
      expect(readFileSync(join(out, 'table.md'), 'utf8')).toMatch(/^\| dataset \| items \| gold \| seeds \| mv \|\n[^\n]+\n\| temp \| 462 \| 462 \| 1 \| /);
      expect(readdirSync(join(out, 'charts'))).toEqual(['aggregators-temp.svg']);
      expect(readFileSync(join(out, 'charts', 'aggregators-temp.svg'), 'utf8')).toMatch(/^<\?xml [^\n]+\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
