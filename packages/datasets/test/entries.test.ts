import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { listDatasets, loadDataset } from '../src/index.js';

describe('the browser entry and the data folder', () => {
  it('a browser bundle of @crowdlearn/datasets/browser needs no node: module, and its readers run', async () => {
    // esbuild fails a browser build on any import of a Node built-in
    const out = await build({
      entryPoints: [fileURLToPath(new URL('../src/browser.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      conditions: ['@crowdlearn/source'],
    });
    const code = out.outputFiles[0]?.text ?? '';
    expect(code.length).toBeGreaterThan(10_000);
    expect(code).not.toMatch(/from ["']node:/);
    const dir = mkdtempSync(join(tmpdir(), 'datasets-browser-'));
    try {
      const file = join(dir, 'bundle.mjs');
      (await import('node:fs')).writeFileSync(file, code);
      const browser = (await import(/* @vite-ignore */ file)) as typeof import('../src/browser.js');
      const r = browser.readLongLabels('task,worker,label\nt1,w1,a\nt1,w2,b\n');
      expect(r.labels.numLabels).toBe(2);
      expect(browser.simulateCrowd({ numItems: 10, numWorkers: 3, numClasses: 2 }, 1).labels.numItems).toBe(10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loadDataset reads a data folder given by dataDir (as an app that bundles the package does)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'datasets-data-'));
    try {
      const data = fileURLToPath(new URL('../data', import.meta.url));
      for (const f of ['index.json', 'rte.json.gz']) cpSync(join(data, f), join(dir, f));
      expect(loadDataset('rte', { dataDir: dir }).labels.numLabels).toBe(loadDataset('rte').labels.numLabels);
      expect(listDatasets({ dataDir: dir }).length).toBe(listDatasets().length);
      expect(() => listDatasets({ dataDir: join(dir, 'nowhere') })).toThrow(/no bundled dataset index; expected the datasets package's data\/ folder/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
