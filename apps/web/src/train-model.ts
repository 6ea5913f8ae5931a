/**
 * Training a learning-from-crowds model in the page's worker: the features
 * file read and matched to the crowd's items by id (as `crowdlearn train
 * --features x.csv` does), and `@crowdlearn/neural`'s catalogue run on
 * TF.js's wasm backend, whose binaries the app serves itself. TF.js loads
 * only here, when features are given: the page's first load stays small.
 */
import type { AggregationResult } from '@crowdlearn/aggregators';
import { CrowdError, rowArgmax, type CrowdLabels, type Features, type RunContext } from '@crowdlearn/core-matrix';
import { alignFeatureRows, readFeatureTableText } from '@crowdlearn/datasets/browser';
import type { FeaturesSummary, MethodOffer } from './protocol.js';

type Neural = typeof import('@crowdlearn/neural');
let neural: Promise<Neural> | undefined;

/** `@crowdlearn/neural` (and TF.js with it) on the wasm backend, loaded once. */
async function loadNeural(baseUrl: string): Promise<Neural> {
  neural ??= (async () => {
    const m = await import('@crowdlearn/neural');
    await m.initBackend({ backend: 'wasm', wasmPaths: new URL('tfjs/', baseUrl).href });
    return m;
  })();
  return neural;
}

/** Features matched to the crowd's items: a CSV or TSV with the item id first and a header line. */
export function readFeatures(name: string, text: string, labels: CrowdLabels): Features {
  if (!/\.(csv|tsv)(\.gz)?$/i.test(name)) {
    throw new CrowdError('INVALID_ARGUMENT', 'the page reads features from CSV or TSV', { source: name, expected: 'a .csv or .tsv file: a header, then the item id and the feature values on each line' });
  }
  const table = readFeatureTableText(text, { source: name, delimiter: /\.tsv(\.gz)?$/i.test(name) ? '\t' : ',' });
  const features = alignFeatureRows(labels, table.ids, table.features, name);
  features.assertAligned(labels, name);
  return features;
}

/** The models that train on features, for the page's methods panel. */
export async function modelOffers(source: string, features: Features, baseUrl: string): Promise<FeaturesSummary> {
  const m = await loadNeural(baseUrl);
  const models: MethodOffer[] = m.BASE_MODELS.map((e) => ({ name: e.name, summary: e.summary, options: e.options, binaryOnly: e.capabilities.binaryOnly, needsFeatures: true }));
  return { source, numRows: features.numRows, numCols: features.numCols, models, backend: m.currentBackend()?.name ?? 'wasm' };
}

/** Whether `method` is one of the models (so a run needs the features). */
export async function isModel(method: string, baseUrl: string): Promise<boolean> {
  if (neural === undefined) return false;
  return (await loadNeural(baseUrl)).BASE_MODELS.some((e) => e.name === method);
}

/**
 * Trains `method` with its options and seed on the crowd and features, then
 * predicts every item: the class probabilities of the trained classifier,
 * as a result the page shows and downloads like an aggregator's.
 */
export async function trainModel(
  method: string,
  options: Record<string, unknown>,
  input: { labels: CrowdLabels; features: Features },
  context: RunContext & { baseUrl: string },
): Promise<AggregationResult> {
  const m = await loadNeural(context.baseUrl);
  const entry = m.baseModelEntry(method);
  const run = await entry.run({ labels: input.labels, features: input.features }, options, { seed: context.seed ?? 0, ...(context.onProgress !== undefined ? { onProgress: context.onProgress } : {}) });
  try {
    const K = input.labels.numClasses;
    const posteriors = Float64Array.from(run.classifier.predictProba(input.features));
    return { method, labels: rowArgmax(posteriors, input.features.numRows, K), posteriors, details: run.details };
  } finally {
    run.dispose();
  }
}
