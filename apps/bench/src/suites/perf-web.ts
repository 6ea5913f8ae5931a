/**
 * perf-web: the web app (`apps/web`, built) in Debian's Chromium against
 * Node on the same machine, the same file and the same code: reading a
 * labels file and running DS in the page's worker, as ratios to the same
 * work in a Node process; the page's responsiveness meanwhile (the longest
 * gap between animation frames); the bundled music and labelme crowds; and
 * the size of the page as a host would send it, and of what training a model adds.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { runInChild } from '../perf/run-child.js';
import type { RunRecord, SuiteResult, SummaryRow } from '../engine/results.js';
import type { SuiteOptions } from './options.js';

/** The web app in this repository (the bench is run from it; the app is not published). */
const WEB_ROOT = fileURLToPath(new URL('../../../web/', import.meta.url));

/** Why perf-web cannot run here, or undefined when it can. */
function missing(chromium: string): string | undefined {
  if (!existsSync(chromium)) return `no Chromium at ${chromium} (apt-get install chromium, or set CROWDLEARN_CHROMIUM)`;
  if (!existsSync(join(WEB_ROOT, 'dist', 'index.html'))) return `no built web app at ${join(WEB_ROOT, 'dist')} (pnpm --filter @crowdlearn/web build)`;
  return undefined;
}

/** The little of a page's globals that the functions run in the page use (the bench compiles without the DOM types). */
interface PageGlobals {
  longestFrameGap: number;
  requestAnimationFrame(callback: (now: number) => void): number;
  document: { getElementById(id: string): { textContent: string | null } | null };
}

/** Records the longest gap between animation frames from now on: a page that freezes shows it. */
async function watchFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    w.longestFrameGap = 0;
    let last = performance.now();
    const tick = (now: number) => {
      w.longestFrameGap = Math.max(w.longestFrameGap, now - last);
      last = now;
      w.requestAnimationFrame(tick);
    };
    w.requestAnimationFrame(tick);
  });
}

const longestFrameGap = (page: Page) => page.evaluate(() => (globalThis as unknown as PageGlobals).longestFrameGap / 1000);

/** Waits for the page's crowd summary to name `source`; returns the worker's reading seconds. */
async function loadedSeconds(page: Page, source: string): Promise<number> {
  await page.waitForFunction((s) => ((globalThis as unknown as PageGlobals).document.getElementById('crowd-summary')?.textContent ?? '').startsWith(`${s}:`), source, { timeout: 600_000 });
  return Number(await page.getAttribute('#crowd-summary', 'data-read-seconds'));
}

/** Runs only `method` in the page; returns the worker's seconds for it. */
async function runMethod(page: Page, method: string): Promise<number> {
  for (const box of await page.$$('input[name="method"]')) {
    if ((await box.isChecked()) !== ((await box.getAttribute('value')) === method)) await box.click();
  }
  await page.$eval('#progress', (el) => (el.textContent = ''));
  await page.click('#run-button');
  await page.waitForFunction(() => /^done/.test((globalThis as unknown as PageGlobals).document.getElementById('progress')?.textContent ?? ''), undefined, { timeout: 600_000 });
  return Number(await page.getAttribute(`#comparison tr[data-method="${method}"] td[data-column="seconds"]`, 'data-value'));
}

/** Bytes and gzip -9 bytes of the built app's files at these URL paths (relative to the app). */
function filesSize(paths: readonly string[]): { bytes: number; gzipBytes: number; files: number } {
  let bytes = 0;
  let gzipBytes = 0;
  for (const path of paths) {
    const content = readFileSync(join(WEB_ROOT, 'dist', path));
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { bytes, gzipBytes, files: paths.length };
}

/** The app's own files a fresh page fetches until `ready` resolves, as paths relative to the app. */
async function fetchedFiles(browser: Browser, url: string, ready: (page: Page) => Promise<void>): Promise<string[]> {
  const page = await browser.newPage();
  const paths = new Set<string>();
  page.on('response', (r) => {
    if (r.url().startsWith(url) && r.status() === 200) paths.add(decodeURIComponent(r.url().slice(url.length).split(/[?#]/)[0] ?? '') || 'index.html');
  });
  await page.goto(url);
  await ready(page);
  await page.close();
  return [...paths];
}

/** The perf-web suite: see the file's comment. 1M labels (100k with --quick). */
export async function perfWebSuite(o: SuiteOptions): Promise<SuiteResult> {
  const suite = 'perf-web';
  const runs: RunRecord[] = [];
  const summary: SummaryRow[] = [];
  const chromium = process.env.CROWDLEARN_CHROMIUM ?? '/usr/bin/chromium';
  const why = missing(chromium);
  if (why !== undefined) return { suite, metric: 'seconds', higherIsBetter: false, runs, summary, notes: [`perf-web skipped: ${why}.`] };
  const size = o.quick ? 100_000 : 1_000_000;
  const method = 'ds';
  const dir = mkdtempSync(join(tmpdir(), 'crowdlearn-perf-web-'));
  const record = (dataset: string, m: string, seconds: number, extra: Record<string, number | string> = {}) => {
    const r: RunRecord = { suite, dataset, method: m, seed: 0, metric: 'seconds', value: seconds, seconds, extra };
    runs.push(r);
    summary.push({ suite, dataset, method: m, metric: 'seconds', mean: seconds, std: Number.NaN, n: 1, seconds, ...(typeof extra.peakRssMiB === 'number' ? { peakMiB: extra.peakRssMiB } : {}) });
    o.onRun?.(r, runs.length, runs.length);
  };
  const { serveStatic } = (await import(pathToFileURL(join(WEB_ROOT, 'scripts', 'serve-dist.mjs')).href)) as { serveStatic: (root: string) => Promise<{ url: string; server: Server }> };
  const { url, server } = await serveStatic(join(WEB_ROOT, 'dist'));
  const { chromium: launcher } = await import('playwright-core');
  const browser = await launcher.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    // the performance crowd of perf-aggregators, as one long CSV
    const dataPath = join(dir, 'labels.csv');
    await runInChild({ kind: 'write-crowd', labels: size, seed: 2026, dataPath, goldPath: join(dir, 'gold.csv') });
    const fileMiB = statSync(dataPath).size / 2 ** 20;
    const dataset = `${size / 1e6}M labels, one CSV`;
    const node = await runInChild({ kind: 'read-and-aggregate', method, dataPath });
    const nodeRead = node.detail.readSeconds as number;
    const nodeReader = node.detail.nodeReaderSeconds as number;
    record(dataset, `read (node, readLabelsText)`, nodeRead);
    record(dataset, `read (node, readLongLabelsFile)`, nodeReader);
    record(dataset, `${method} (node)`, node.seconds, { peakRssMiB: node.peakRssMiB });

    const page = await browser.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(url);
    await watchFrames(page);
    await page.setInputFiles('#labels-file', dataPath);
    const webRead = await loadedSeconds(page, 'labels.csv');
    const gapLoading = await longestFrameGap(page);
    await watchFrames(page);
    const webSeconds = await runMethod(page, method);
    const gapRunning = await longestFrameGap(page);
    record(dataset, 'read (chromium worker)', webRead, { longestFrameGapSeconds: gapLoading });
    record(dataset, `${method} (chromium worker)`, webSeconds, { longestFrameGapSeconds: gapRunning });

    const bundled: string[] = [];
    for (const name of ['music', 'labelme']) {
      await page.selectOption('#bundled-select', name);
      const read = await loadedSeconds(page, `dataset:${name}`);
      await watchFrames(page);
      const seconds = await runMethod(page, method);
      const gap = await longestFrameGap(page);
      const accuracy = Number(await page.getAttribute(`#comparison tr[data-method="${method}"] td[data-column="accuracy"]`, 'data-value'));
      record(name, `${method} (chromium worker)`, seconds, { readSeconds: read, accuracy, longestFrameGapSeconds: gap });
      bundled.push(`| ${name} | ${read.toFixed(3)} | ${seconds.toFixed(3)} | ${(100 * accuracy).toFixed(2)}% | ${(1000 * gap).toFixed(0)} |`);
    }
    await page.close();

    // what the page fetches to open (its worker started), and what a features file adds (TF.js and its wasm)
    const opening = await fetchedFiles(browser, url, (p) => p.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.getElementById('bundled-select') as unknown as { options: { length: number } }).options.length > 1).then(() => undefined));
    const withModels = await fetchedFiles(browser, url, async (p) => {
      await p.setInputFiles('#labels-file', dataPath);
      await loadedSeconds(p, 'labels.csv');
      await p.setInputFiles('#features-file', { name: 'features.csv', mimeType: 'text/csv', buffer: Buffer.from('id,x\n' + Array.from({ length: size / 10 }, (_, i) => `${i},${i % 7}`).join('\n') + '\n') });
      await p.waitForFunction(() => /the models below/.test((globalThis as unknown as PageGlobals).document.getElementById('features-summary')?.textContent ?? ''), undefined, { timeout: 120_000 });
    });
    const sizes = filesSize(opening);
    const tfjs = filesSize(withModels.filter((f) => !opening.includes(f) && !f.startsWith('datasets/')));
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    const notes = [
      `Chromium (${browser.version()}) against Node ${process.version} on this machine, the same file (${dataset}, ${fileMiB.toFixed(1)} MiB; perf-aggregators' crowd, seed 2026) and the same code: the page's worker reads the file with \`readLabelsText\` and runs the catalogue's ${method} with seed 0; the Node side does the same in its own process. Goal: the browser within 2x of Node.`,
      '',
      '| step | Chromium worker s | Node s | Chromium / Node | longest frame gap in the page, ms |',
      '|---|---:|---:|---:|---:|',
      `| read the file (page's reader) | ${webRead.toFixed(3)} | ${nodeRead.toFixed(3)} | ${ratio(webRead, nodeRead)} | ${(1000 * gapLoading).toFixed(0)} |`,
      `| read the file (Node's streaming reader) | ${webRead.toFixed(3)} | ${nodeReader.toFixed(3)} | ${ratio(webRead, nodeReader)} | - |`,
      `| ${method} | ${webSeconds.toFixed(3)} | ${node.seconds.toFixed(3)} | ${ratio(webSeconds, node.seconds)} | ${(1000 * gapRunning).toFixed(0)} |`,
      '',
      `The page's reading time includes copying the file to the worker and building the summary it shows. A frame gap far above 16 ms means the page froze.`,
      '',
      `The bundled crowds in the page (${method}, seed 0):`,
      '',
      '| dataset | read s | seconds | accuracy on gold | longest frame gap, ms |',
      '|---|---:|---:|---:|---:|',
      ...bundled,
      '',
      `Opening the page (until its worker is running): ${sizes.files} files, ${(sizes.bytes / 1024).toFixed(0)} KiB, ${(sizes.gzipBytes / 1024).toFixed(0)} KiB with gzip -9 (what a host that compresses sends; goal under 300 KB). A features file then loads TF.js and its wasm backend: ${tfjs.files} more files, ${(tfjs.bytes / 1024).toFixed(0)} KiB, ${(tfjs.gzipBytes / 1024).toFixed(0)} KiB with gzip -9. The bundled datasets are fetched only when chosen.`,
    ];
    return { suite, metric: 'seconds', higherIsBetter: false, runs, summary, notes };
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
