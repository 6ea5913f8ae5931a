/// <reference lib="dom" />
/**
 * The web app in a real browser: Debian's Chromium (CROWDLEARN_CHROMIUM, default
 * /usr/bin/chromium) drives the built `dist/` served from 127.0.0.1, and what the page
 * shows and downloads is compared with the CLI's output on the same files. Without a
 * Chromium the tests are skipped, unless CROWDLEARN_REQUIRE_BROWSER=1 (CI) makes that a
 * failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@crowdlearn/core-matrix';
import { writeLongCsv, simulateCrowd } from '@crowdlearn/datasets';
import { serveStatic } from '../scripts/serve-dist.mjs';
import type { Browser, Page } from 'playwright-core';

const CHROMIUM = process.env.CROWDLEARN_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.CROWDLEARN_REQUIRE_BROWSER === '1';
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const CLI = fileURLToPath(new URL('../../cli/dist/main.js', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../../../.ci-output/', import.meta.url));
const available = existsSync(CHROMIUM);

if (!available && REQUIRED) throw new Error(`CROWDLEARN_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM} (apt-get install chromium, or set CROWDLEARN_CHROMIUM)`);

/** A crowd with ids a CSV writer must quote (commas, quotes), three classes, gold for every item, and item features (a noisy one-hot of the truth and noise). */
function fixture(): { labels: string; gold: string; features: string } {
  const rng = new Rng(7);
  const classes = ['cat', 'dog', 'bird, small'];
  const accuracy = [0.9, 0.85, 0.8, 0.7, 0.6, 0.55, 0.4, 0.35];
  const rows = ['task,worker,label'];
  const gold = ['task,true_label'];
  const field = (s: string) => (/[",]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  for (let i = 0; i < 40; i++) {
    const item = i % 7 === 0 ? `img "${i}", left` : `img${i}`;
    const truth = i % 3;
    gold.push(`${field(item)},${field(classes[truth] as string)}`);
    for (let w = 0; w < accuracy.length; w++) {
      if (rng.uniform() > 0.55) continue;
      const right = rng.uniform() < (accuracy[w] as number);
      const label = right ? truth : (truth + 1 + Math.floor(rng.uniform() * 2)) % 3;
      rows.push(`${field(item)},w${w},${field(classes[label] as string)}`);
    }
  }
  const features = ['id,f1,f2,f3,f4,f5,f6'];
  for (let i = 0; i < 40; i++) {
    const item = i % 7 === 0 ? `img "${i}", left` : `img${i}`;
    const values = [0, 1, 2].map((k) => (k === i % 3 ? 1 : 0) + 0.6 * rng.normal()).concat([0, 1, 2].map(() => rng.normal()));
    features.push([field(item), ...values.map((v) => v.toFixed(4))].join(','));
  }
  return { labels: rows.join('\n') + '\n', gold: gold.join('\n') + '\n', features: features.join('\n') + '\n' };
}

describe.skipIf(!available)('the web app in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let server: Server;
  let url: string;
  let dir: string;
  const requests: string[] = [];

  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error(`no built app at ${DIST}: run pnpm build first`);
    dir = mkdtempSync(join(tmpdir(), 'crowdlearn-web-'));
    const f = fixture();
    writeFileSync(join(dir, 'pets.csv'), f.labels);
    writeFileSync(join(dir, 'pets-gold.csv'), f.gold);
    writeFileSync(join(dir, 'pets-features.csv'), f.features);
    writeFileSync(join(dir, 'broken.csv'), 'task,worker,label\nq1,w1,cat\nq2,w2\n');
    // a crowd big enough that GLAD and IRT run for a while: something to cancel
    const big = simulateCrowd({ numItems: 40_000, numWorkers: 300, numClasses: 4, labelsPerItem: 8 }, 3);
    writeFileSync(join(dir, 'big.csv'), writeLongCsv(big.labels));
    ({ url, server } = await serveStatic(DIST));
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // no background networking: the test counts every request the page makes, and a closed network refuses Chromium's own
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      timeout: 60_000,
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    page.on('request', (r) => requests.push(r.url()));
    page.setDefaultTimeout(60_000);
    await page.goto(url);
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  async function upload(selector: string, file: string): Promise<void> {
    await page.setInputFiles(selector, join(dir, file));
  }

  async function run(methods: string[]): Promise<void> {
    for (const box of await page.$$('input[name="method"]')) {
      const name = await box.getAttribute('value');
      if ((await box.isChecked()) !== methods.includes(name as string)) await box.click();
    }
    // the line still says how the last run ended: clear it, then wait for this run's ending
    await page.$eval('#progress', (el) => (el.textContent = ''));
    await page.click('#run-button');
    await page.waitForFunction(() => /^(done|cancelled)/.test(document.getElementById('progress')?.textContent ?? ''));
  }

  async function itemRows(): Promise<{ item: string; label: string; confidence: number }[]> {
    return page.$$eval('#items-table tbody tr', (trs) =>
      trs.map((tr) => {
        const cells = Array.from(tr.querySelectorAll('td'));
        return { item: cells[0]?.textContent ?? '', label: cells[1]?.textContent ?? '', confidence: Number(cells[2]?.getAttribute('data-value')) };
      }),
    );
  }

  async function downloaded(button: string): Promise<string> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    const path = await download.path();
    return readFileSync(path, 'utf8');
  }

  it('shows the labels DS and MV infer on an uploaded file, as the CLI infers them, and downloads the CLI bytes', async () => {
    await upload('#labels-file', 'pets.csv');
    await upload('#gold-file', 'pets-gold.csv');
    await page.waitForFunction(() => /40 items, 8 workers, .* 40 gold items; Krippendorff's alpha /.test(document.getElementById('crowd-summary')?.textContent ?? ''));
    // the alpha the CLI's stats prints
    const alpha = /Krippendorff's alpha (\S+)/.exec((await page.textContent('#crowd-summary')) ?? '')?.[1];
    expect(cli('stats', 'pets.csv').stdout).toContain(`Krippendorff's alpha ${alpha} (nominal)`);
    await run(['mv', 'ds']);
    for (const method of ['ds', 'mv']) {
      await page.click(`#result-tabs button[data-method="${method}"]`);
      const cliLabels = cli('aggregate', 'pets.csv', '--gold', 'pets-gold.csv', '--method', method, '--seed', '0', '--out', 'labels.csv', '--proba', '--workers-out', 'workers.csv', '--force');
      expect(cliLabels.code, cliLabels.stderr).toBe(0);
      const expected = readFileSync(join(dir, 'labels.csv'), 'utf8');
      // the table, in item order as the CLI writes it: labels exact, confidences to 1e-9
      const rows = await itemRows();
      const lines = expected.trim().split('\n').slice(1);
      expect(rows.length).toBe(lines.length);
      const parsed = lines.map((l) => {
        const fields = l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((f) => f.replace(/,$/, '')).map((f) => (f.startsWith('"') ? f.slice(1, -1).replaceAll('""', '"') : f)) ?? [];
        return { item: fields[0] as string, label: fields[1] as string, confidence: Number(fields[2]) };
      });
      rows.forEach((r, j) => {
        expect(r.item).toBe(parsed[j]?.item);
        expect(r.label).toBe(parsed[j]?.label);
        expect(Math.abs(r.confidence - (parsed[j]?.confidence as number))).toBeLessThan(1e-9);
      });
      // the downloads are the CLI's files, byte for byte
      expect(await downloaded('#download-labels')).toBe(expected);
      expect(await downloaded('#download-workers')).toBe(readFileSync(join(dir, 'workers.csv'), 'utf8'));
      // and the settings string runs the same method in the CLI
      const settings = (await page.textContent('#settings')) ?? '';
      expect(settings).toBe(`method=${method}&seed=0`);
      expect(cli('aggregate', 'pets.csv', '--gold', 'pets-gold.csv', '--settings', settings, '--out', '-', '--proba').stdout).toBe(expected);
    }
    const accuracy = await page.$eval('#comparison tr[data-method="ds"] td[data-column="accuracy"]', (td) => Number(td.getAttribute('data-value')));
    expect(accuracy).toBeCloseTo(JSON.parse(cli('aggregate', 'pets.csv', '--gold', 'pets-gold.csv', '--method', 'ds', '--json').stdout).accuracy as number, 12);
    // a worker's confusion matrix on click
    await page.click('#workers-table tbody tr >> nth=0');
    await page.waitForSelector('#confusion svg');
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'web-app.png'), fullPage: true });
  });

  it('trains a Crowdlayer model on a features file in the worker (TF.js, wasm), as the CLI trains it', async () => {
    await upload('#features-file', 'pets-features.csv');
    await page.waitForFunction(() => /^pets-features\.csv: 40 items x 6 features/.test(document.getElementById('features-summary')?.textContent ?? ''));
    // the neural catalogue's models are offered now, and run like any method
    expect(await page.$$eval('.models input[name="method"]', (bs) => bs.map((b) => b.getAttribute('value')))).toContain('crowdlayer');
    for (const box of await page.$$('input[name="method"]')) {
      if ((await box.isChecked()) !== ((await box.getAttribute('value')) === 'crowdlayer')) await box.click();
    }
    await page.click('[data-method="crowdlayer"] summary');
    await page.fill('[data-method="crowdlayer"] [data-option="epochs"]', '30');
    await page.$eval('#progress', (el) => (el.textContent = ''));
    await page.click('#run-button');
    await page.waitForFunction(() => /^done/.test(document.getElementById('progress')?.textContent ?? ''));
    const accuracy = Number(await page.getAttribute('#comparison tr[data-method="crowdlayer"] td[data-column="accuracy"]', 'data-value'));
    const settings = (await page.textContent('#settings')) ?? '';
    expect(settings).toBe('method=crowdlayer&seed=0&epochs=30');
    expect(await page.textContent('#settings-command')).toContain('crowdlearn train labels.csv --features');
    // the same wasm kernels and seeds: the CLI's model predicts the gold items exactly as well
    const fromCli = cli('train', 'pets.csv', '--features', 'pets-features.csv', '--gold', 'pets-gold.csv', '--settings', settings, '--json');
    expect(fromCli.code, fromCli.stderr).toBe(0);
    expect(accuracy).toBe(JSON.parse(fromCli.stdout).trainAccuracy as number);
    expect(accuracy).toBeGreaterThan(0.5);
  });

  it('shows the CLI message for a malformed file, and keeps the results shown before', async () => {
    const before = await itemRows();
    await upload('#labels-file', 'broken.csv');
    await page.waitForSelector('#error:not([hidden])');
    const message = await page.textContent('#error');
    const fromCli = cli('aggregate', 'broken.csv');
    expect(fromCli.code).toBe(2);
    expect(`crowdlearn: ${message}\n`).toBe(fromCli.stderr);
    expect(await page.isHidden('#results-section')).toBe(false);
    expect(await itemRows()).toEqual(before);
  });

  it('cancels a long run, keeps what finished, and runs again', async () => {
    await upload('#labels-file', 'big.csv');
    await page.waitForFunction(() => /^big\.csv: 40000 items/.test(document.getElementById('crowd-summary')?.textContent ?? ''));
    await run(['mv']);
    const mv = await itemRows();
    expect(mv.length).toBe(50);
    for (const box of await page.$$('input[name="method"]')) {
      const name = await box.getAttribute('value');
      if ((await box.isChecked()) !== ['glad', 'irt', 'mace'].includes(name as string)) await box.click();
    }
    await page.click('#run-button');
    await page.waitForFunction(() => /running glad/.test(document.getElementById('progress')?.textContent ?? ''));
    // the page stays responsive while the worker runs: a click on the items table sorts it now
    await page.click('#items-table th >> nth=2');
    await page.click('#cancel-button');
    await page.waitForFunction(() => document.getElementById('progress')?.textContent === 'cancelled');
    expect(await page.isEnabled('#run-button')).toBe(true);
    // what finished stays (mv, and glad if it finished before the click); the cancelled run did not complete
    const tabs = await page.$$eval('#result-tabs button', (bs) => bs.map((b) => b.getAttribute('data-method')));
    expect(tabs[0]).toBe('mv');
    expect(tabs).not.toContain('mace');
    // the restarted worker lost mv's full results: a download says so instead of failing obscurely
    await page.click('#result-tabs button[data-method="mv"]');
    await page.click('#download-labels');
    await page.waitForSelector('#error:not([hidden])');
    expect(await page.textContent('#error')).toMatch(/^Cancel restarted the worker, .* run mv again/);
    // the restarted worker has the crowd again
    await run(['mv']);
    expect(await page.textContent('#progress')).toMatch(/^done/);
  });

  it('sent no request anywhere but its own origin', () => {
    expect(requests.length).toBeGreaterThan(3);
    const origin = new URL(url).origin;
    expect(requests.filter((r) => !r.startsWith(`${origin}/`) && !r.startsWith('blob:') && !r.startsWith('data:'))).toEqual([]);
  });
});
