import type { Features, GoldLabels } from '@crowdlearn/core-matrix';
import { CROWDING_CLASSIFIER, crowdingOptionsFor, crowdingPreset, trainCrowdInG, type CrowdInGOptions, type CrowdInGResult } from '@crowdlearn/crowding';
import type { PresetName } from '@crowdlearn/neural';
import type { LoadedInput } from './input.js';
import { optionValue, requestedPreset } from './methods.js';
import { trainingProgress } from './progress.js';

/** The options of the CrowdInG methods (`train --method crowding`, `complete --method crowding`). */
export interface CrowdingCliOptions {
  dataset?: string;
  preset?: string;
  /** DL-CL pretraining epochs (default the preset's). */
  epochs?: number;
  /** GAN epochs (default 40). */
  ganEpochs?: number;
  variant?: string;
  lambda?: number;
  entropyThreshold?: number;
  lca?: string;
  seed?: number;
  quiet?: boolean;
  json?: boolean;
}

/**
 * The CrowdInG options of the flags, checked against its catalogue entry and
 * resolved by the package (`crowdingOptionsFor`): the base models' preset for
 * DL-CL, LCA off on Music (specs/crowding.md §2) unless `--lca` says otherwise.
 * `--epochs` is DL-CL's pretraining, `--gan-epochs` the GAN phase's.
 */
export function crowdingOptions(o: CrowdingCliOptions): CrowdInGOptions & { preset: PresetName } {
  const entry = CROWDING_CLASSIFIER;
  const given: Record<string, unknown> = {
    variant: optionValue(entry, 'variant', o.variant),
    epochs: o.ganEpochs === undefined ? undefined : optionValue(entry, 'epochs', o.ganEpochs, '--gan-epochs'),
    pretrainEpochs: optionValue(entry, 'pretrainEpochs', o.epochs, '--epochs'),
    informationWeight: optionValue(entry, 'informationWeight', o.lambda, '--lambda'),
    entropyThreshold: optionValue(entry, 'entropyThreshold', o.entropyThreshold),
    lca: optionValue(entry, 'lca', o.lca),
  };
  const options = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  const requested = requestedPreset(entry, o);
  return { ...crowdingOptionsFor(options, { seed: Number(o.seed ?? 0), ...(requested !== undefined ? { preset: requested } : {}) }), preset: crowdingPreset(requested).preset };
}

/**
 * Trains CrowdInG with a progress bar on a TTY. A bundled dataset's
 * validation split selects the epoch; `test` items are monitored (their
 * accuracy after pretraining and after every epoch is recorded).
 */
export async function trainCrowdingCli(
  input: LoadedInput,
  features: Features,
  o: CrowdingCliOptions,
  test?: { features: Features; gold: GoldLabels },
): Promise<CrowdInGResult> {
  const options = crowdingOptions(o);
  const progress = trainingProgress(o.quiet === true || o.json === true);
  const valid = input.valid?.features !== undefined ? { valid: { features: input.valid.features, gold: input.valid.gold } } : {};
  try {
    return await trainCrowdInG(
      { labels: input.labels, features, ...valid, ...(test !== undefined ? { monitor: test } : {}) },
      { ...options, ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}) },
    );
  } finally {
    progress.stop();
  }
}
