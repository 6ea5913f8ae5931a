/**
 * The page's worker: it holds the loaded crowd and runs the aggregators of
 * the catalogue, so that the page stays responsive; cancelling a run
 * terminates it (and the page starts another).
 */
import { AGGREGATORS, labelsTable, workersTable, type AggregationResult } from '@crowdlearn/aggregators';
import { CrowdError, formatSettings, krippendorffAlpha, labelsPerItem, type Features } from '@crowdlearn/core-matrix';
import { decodeCompactDataset, delimitedTable } from '@crowdlearn/datasets/browser';
import type { CrowdSummary, Request, Response } from './protocol.js';
import { fileText, readCrowd, type LoadedCrowd } from './read-input.js';
import { runSummary, workerConfusion } from './run-summary.js';
import { isModel, modelOffers, readFeatures, trainModel } from './train-model.js';

let crowd: LoadedCrowd | undefined;
/** The features file matched to the loaded crowd's items (a new crowd drops them). */
let features: { source: string; features: Features } | undefined;
/** The page's address, where the app's own files (bundled datasets, TF.js binaries) are. */
let appUrl = '';
/** The latest result of each method on the loaded crowd, for downloads and confusion matrices. */
const results = new Map<string, AggregationResult>();

const post = (message: Response, transfer: Transferable[] = []) => (self as unknown as { postMessage(m: unknown, t: Transferable[]): void }).postMessage(message, transfer);

function summary(c: LoadedCrowd, readSeconds: number): CrowdSummary {
  const { labels } = c;
  const classCounts = new Float64Array(labels.numClasses);
  for (let e = 0; e < labels.numLabels; e++) classCounts[labels.label[e] as number]! += 1;
  return {
    source: c.source,
    numItems: labels.numItems,
    numWorkers: labels.numWorkers,
    numLabels: labels.numLabels,
    classes: labels.classes.ids().map(String),
    itemIds: labels.items.ids().map(String),
    labelsPerItem: labelsPerItem(labels),
    classCounts,
    goldItems: c.gold?.size ?? 0,
    warnings: c.warnings,
    krippendorffAlpha: krippendorffAlpha(labels),
    readSeconds,
  };
}

function loaded(): LoadedCrowd {
  if (crowd === undefined) throw new CrowdError('INVALID_ARGUMENT', 'no labels loaded', { expected: 'a labels file or a bundled dataset' });
  return crowd;
}

function resultOf(method: string): AggregationResult {
  const result = results.get(method);
  if (result === undefined) throw new CrowdError('INVALID_ARGUMENT', `${method} has not run on these labels`);
  return result;
}

/** A bundled dataset from the app's own files (`datasets/<name>.json.gz`, copied from the datasets package at build). */
async function bundled(name: string, baseUrl: string): Promise<LoadedCrowd> {
  const url = new URL(`datasets/${encodeURIComponent(name)}.json.gz`, baseUrl);
  const response = await fetch(url);
  if (!response.ok) throw new CrowdError('IO_ERROR', `cannot fetch the bundled dataset ${name}`, { source: url.pathname, found: `HTTP ${response.status}` });
  const json = await fileText({ name: `${name}.json.gz`, bytes: await response.arrayBuffer() });
  const d = decodeCompactDataset({ json }, `${name}.json.gz`, { labelsOnly: true });
  return { source: `dataset:${name}`, labels: d.labels, ...(d.gold !== undefined ? { gold: d.gold } : {}), warnings: [] };
}

/** Runs an aggregator of the catalogue, or trains a model on the loaded features. */
async function runMethod(c: LoadedCrowd, method: string, options: Record<string, unknown>, seed: number, onStep: (step: string) => void): Promise<AggregationResult> {
  const entry = AGGREGATORS.find((e) => e.name === method);
  if (entry !== undefined) return entry.run({ labels: c.labels }, options, { seed });
  if (await isModel(method, appUrl)) {
    if (features === undefined) throw new CrowdError('INVALID_ARGUMENT', `${method} trains on item features`, { expected: 'a features file loaded for these labels' });
    return trainModel(method, options, { labels: c.labels, features: features.features }, { seed, baseUrl: appUrl, onProgress: (p) => onStep(`${p.phase} epoch ${p.done} of ${p.total}`) });
  }
  throw new CrowdError('INVALID_ARGUMENT', `unknown method ${JSON.stringify(method)}`, { expected: AGGREGATORS.map((e) => e.name).join(', ') });
}

async function handle(request: Request): Promise<void> {
  const { id } = request;
  switch (request.type) {
    case 'load-files':
    case 'load-bundled': {
      const t0 = performance.now();
      const next = request.type === 'load-files' ? await readCrowd(request.labels, request.gold, request.reading) : await bundled(request.name, request.baseUrl);
      const readSeconds = (performance.now() - t0) / 1000;
      // only a crowd that loaded replaces the one before (and its results and features)
      crowd = next;
      results.clear();
      features = undefined;
      const s = summary(next, readSeconds);
      post({ id, type: 'loaded', crowd: s }, [s.labelsPerItem.buffer as ArrayBuffer, s.classCounts.buffer as ArrayBuffer]);
      return;
    }
    case 'load-features': {
      const c = loaded();
      appUrl = request.baseUrl;
      const f = readFeatures(request.features.name, await fileText(request.features), c.labels);
      const offers = await modelOffers(request.features.name, f, appUrl);
      features = { source: request.features.name, features: f };
      post({ id, type: 'features-loaded', features: offers });
      return;
    }
    case 'run': {
      const c = loaded();
      for (const [index, run] of request.runs.entries()) {
        post({ id, type: 'progress', method: run.method, index, total: request.runs.length });
        const t0 = performance.now();
        const result = await runMethod(c, run.method, run.options, request.seed, (step) => post({ id, type: 'progress', method: run.method, index, total: request.runs.length, step }));
        const seconds = (performance.now() - t0) / 1000;
        results.set(run.method, result);
        const s = runSummary(c.labels, c.gold, result, { settings: formatSettings({ method: run.method, options: run.options, seed: request.seed }), seconds });
        post({ id, type: 'result', run: s });
      }
      post({ id, type: 'done' });
      return;
    }
    case 'download': {
      const c = loaded();
      const result = resultOf(request.method);
      // the tables and the CSV writer of `crowdlearn aggregate --out labels.csv --proba --workers-out workers.csv`
      const table = request.table === 'labels' ? labelsTable(c.labels, result, true) : workersTable(c.labels, result, c.gold !== undefined ? { gold: c.gold } : {});
      const name = `${c.source.replace(/^dataset:/, '').replace(/\.[^.]*(\.gz)?$/i, '')}-${request.method}-${request.table}.csv`;
      post({ id, type: 'file', name, text: [...delimitedTable(table, ',')].join('') });
      return;
    }
    case 'confusion': {
      const c = loaded();
      const { matrix, from } = workerConfusion(c.labels, resultOf(request.method), request.worker);
      post({ id, type: 'confusion', matrix, from }, [matrix.buffer as ArrayBuffer]);
      return;
    }
  }
}

self.onmessage = (event: MessageEvent<Request>) => {
  handle(event.data).catch((err: unknown) => post({ id: event.data.id, type: 'error', message: err instanceof Error ? err.message : String(err) }));
};
