import { fillEmptyCells, Rng, type CrowdLabels, type Features, type FillRule, type Seed } from '@crowdlearn/core-matrix';
import type { Crowdlayer, ProgressEvent } from '@crowdlearn/neural';
import type { CrowdInGModel } from './crowding-model.js';
import { dlCl, type DlClOptions } from './dl-cl.js';

/** Options of the augmentation baselines. */
export interface AugmentedCrowdlayerOptions {
  /** Seed of both trainings and of sampled fills. Default 0. */
  seed?: Seed;
  /** DL-CL's settings (the same for both of its trainings). */
  crowdlayer?: DlClOptions;
  /** How DL-CL+Self fills a cell from the pretrained model's annotation distribution. Default `'argmax'` [RECON]. */
  fill?: FillRule;
  /** Progress of both trainings. */
  onProgress?: (event: ProgressEvent) => void;
}

/** A DL-CL trained on an augmented annotation matrix. */
export interface AugmentedCrowdlayer {
  /** The DL-CL trained on `labels`. */
  model: Crowdlayer;
  /** The observed annotations plus the filled cells (origin `completed`). */
  labels: CrowdLabels;
}

/**
 * DL-CL+Self (specs/crowding.md §8): pretrain DL-CL on the observed
 * annotations, fill every unobserved cell with its own annotation model
 * `softmax(f(x_n) W_r)` (its argmax, or a draw), and train a fresh DL-CL
 * with the same settings on the completed matrix.
 */
export async function selfAugmentedCrowdlayer(data: { labels: CrowdLabels; features: Features }, options: AugmentedCrowdlayerOptions = {}): Promise<AugmentedCrowdlayer> {
  const { labels, features } = data;
  const fit = fitOptions(options);
  const first = dlCl(labels, options.crowdlayer);
  await first.fit(data, fit);
  // every empty cell, of every annotator (as CrowdInG's generator fills them)
  let completed: CrowdLabels;
  try {
    completed = fillEmptyCells(first, labels, features, { includeUnseenWorkers: true, fill: options.fill ?? 'argmax', seed: new Rng(options.seed ?? 0).fork('self-fill') });
  } finally {
    first.dispose();
  }
  return { model: await trainOn(completed, features, options), labels: completed };
}

/**
 * DL-CL+InG (specs/crowding.md §8): DL-CL trained on the observed
 * annotations plus CrowdInG's final generator's annotation (argmax) for
 * every unobserved cell.
 */
export async function generatorAugmentedCrowdlayer(
  crowding: CrowdInGModel,
  data: { labels: CrowdLabels; features: Features },
  options: AugmentedCrowdlayerOptions = {},
): Promise<AugmentedCrowdlayer> {
  const completed = crowding.augment(data.labels, data.features, { fill: 'argmax', seed: options.seed ?? 0 });
  return { model: await trainOn(completed, data.features, options), labels: completed };
}

async function trainOn(labels: CrowdLabels, features: Features, options: AugmentedCrowdlayerOptions): Promise<Crowdlayer> {
  const model = dlCl(labels, options.crowdlayer);
  await model.fit({ labels, features }, fitOptions(options));
  return model;
}

function fitOptions(options: AugmentedCrowdlayerOptions) {
  return { seed: options.seed ?? 0, ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}) };
}
