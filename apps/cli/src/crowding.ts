import { CrowdError, type Features, type GoldLabels } from '@crowdlearn/core-matrix';
import { CROWDING_CLASSIFIER, CROWDING_VARIANTS, crowdingPreset, trainCrowdInG, type CrowdInGOptions, type CrowdInGResult, type CrowdInGVariant, type LcaMode } from '@crowdlearn/crowding';
import type { PresetName } from '@crowdlearn/neural';
import type { LoadedInput } from './input.js';
import { requestedPreset } from './methods.js';
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

/** The CrowdInG options of the flags: the base models' preset for DL-CL, LCA off on Music (specs/crowding.md §2) unless `--lca` says otherwise. */
export function crowdingOptions(o: CrowdingCliOptions): CrowdInGOptions & { preset: PresetName } {
  const { preset, lca: presetLca } = crowdingPreset(requestedPreset(CROWDING_CLASSIFIER, o));
  const variant = o.variant ?? 'crowding';
  if (!(variant in CROWDING_VARIANTS)) throw new CrowdError('INVALID_ARGUMENT', `unknown CrowdInG variant ${JSON.stringify(variant)}`, { expected: Object.keys(CROWDING_VARIANTS).join(', ') });
  const lca = o.lca ?? presetLca;
  if (!['paper', 'code', 'off'].includes(lca)) throw new CrowdError('INVALID_ARGUMENT', `unknown --lca ${JSON.stringify(lca)}`, { expected: 'paper, code or off' });
  const positive = (name: string, value: number | undefined, integer: boolean) => {
    if (value === undefined) return undefined;
    const v = Number(value);
    if (!Number.isFinite(v) || v < 0 || (integer && (!Number.isInteger(v) || v < 1))) throw new CrowdError('INVALID_ARGUMENT', `--${name} must be a ${integer ? 'positive integer' : 'non-negative number'}`, { found: String(value) });
    return v;
  };
  const epochs = positive('epochs', o.epochs, true);
  const ganEpochs = positive('gan-epochs', o.ganEpochs, true);
  const lambda = positive('lambda', o.lambda, false);
  const threshold = positive('entropy-threshold', o.entropyThreshold, false);
  return {
    preset,
    seed: Number(o.seed ?? 0),
    variant: variant as CrowdInGVariant,
    lca: lca as LcaMode,
    crowdlayer: { preset, ...(epochs !== undefined ? { training: { epochs } } : {}) },
    ...(ganEpochs !== undefined ? { epochs: ganEpochs } : {}),
    ...(lambda !== undefined ? { informationWeight: lambda } : {}),
    ...(threshold !== undefined ? { entropyThreshold: threshold } : {}),
  };
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
