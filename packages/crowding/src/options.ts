import { CrowdError, type Seed } from '@crowdlearn/core-matrix';
import type { ProgressEvent } from '@crowdlearn/neural';
import type { DlClOptions } from './dl-cl.js';
import type { GeneratorInputs } from './networks/generator.js';

/** Which label-correlation aggregation the discriminator uses (specs/crowding.md §2, §5). */
export type LcaMode =
  /** `M̂_c = Σ_c' [D̂^-½ Â D̂^-½]_cc' M_c' W`, W learnable (the paper). */
  | 'paper'
  /** `M̂_c = Σ_c' Ã_cc' M_c' + M_c` with Ã the row-normalised Â, no W (the reference code). */
  | 'code'
  /** `M̂_c = M_c`. */
  | 'off';

/** How label co-occurrence is counted (specs/crowding.md §5). */
export type CoOccurrenceMode =
  /** Per item, +1 for every pair of annotations with different labels. */
  | 'pairs'
  /** Per item, +1 once for each pair of different labels it received. */
  | 'items';

/** The named variants of the paper's ablation (specs/crowding.md §7). */
export type CrowdInGVariant = 'crowding' | 'crowdg' | 'crowding-u' | 'crowding-i' | 'crowding-r' | 'one-step';

/** Every setting of CrowdInG; {@link CROWDING_DEFAULTS} holds the spec's defaults. */
export interface CrowdInGSettings {
  /** GAN epochs E_gan after pretraining. */
  epochs: number;
  /** Instances per minibatch (every annotator's cell of each instance is in the batch). */
  batchSize: number;
  /** D/Q updates per minibatch. */
  discriminatorSteps: number;
  /** Generator updates (Step A) and classifier updates (Step B) per minibatch. */
  generatorSteps: number;
  /** Learning rate of the generative module (G, and C unless `codeLrScaling`). */
  learningRate: number;
  /** Learning rate of the discriminative module (D and Q). */
  discriminatorLearningRate: number;
  /**
   * The reference code's scaling of the generative module's rate: generator
   * ×10, classifier ÷5. Default true, against the spec's false: with one
   * rate for both, the classifier drifts while the generator lags behind the
   * annotations (Music: 68.7% → 41.3% test accuracy over the 40 epochs; with
   * the scaling 69.7%).
   */
  codeLrScaling: boolean;
  /** Adam-style L2 weight decay on D and Q: `decay/2 · Σ θ²` is added to their loss. */
  discriminatorWeightDecay: number;
  /** λ, the weight of the information loss. 0 switches Q off (CrowdG). */
  informationWeight: number;
  /** t, the entropy threshold of the two-step update: Step A on H(ẑ) ≤ t, Step B above. */
  entropyThreshold: number;
  /** Divide the classifier entropy by ln K before comparing with t. */
  entropyNormalized: boolean;
  /** λ_b, the weight of the sparsity penalty on D's output vector. */
  sparsityWeight: number;
  /** `'l2'`: the L2 norm of D's K outputs (the paper); `'mean'`: their mean (the code). */
  sparsity: 'l2' | 'mean';
  /** Weight of the generated annotations' term in D's loss. */
  fakeWeight: number;
  /** The generator's loss on D's verdict: `-log((D + 0.001) / 1.001)` or the paper's `log(1 - D)`. */
  generatorLoss: 'nonSaturating' | 'minimax';
  /** κ: importance weights are clipped at κ. `Infinity` gives the plain Eq. 5. */
  ipsClip: number;
  /** μ: `'batchMean'` (the mean of δ over the update's cells) or a fixed number. */
  crmBaseline: 'batchMean' | number;
  /** G₀, the logging policy: the generator at the start of the epoch (the paper) or of the minibatch (the code). */
  loggingPolicy: 'epochStart' | 'batchStart';
  /** Cells of Steps A and B: every (instance, annotator) pair of their instances (G models every pair), or only the unobserved ones. */
  generatorCells: 'all' | 'missingOnly';
  /** How generated annotations are picked for D: by inverse entropy, or uniformly (CrowdInGR). */
  selection: 'entropy' | 'random';
  /** Steps A and B apart (the paper), or merged into one update of G and C on every instance. */
  twoStep: boolean;
  /** Which inputs the generator sees: instance features ψ(x) (off in CrowdInGU), annotator features Ue_r (off in CrowdInGI). */
  generatorInputs: GeneratorInputs;
  /** Label-correlation aggregation. Default `'paper'`; the spec disables it on Music. */
  lca: LcaMode;
  /** How the co-occurrence graph is counted. */
  coOccurrence: CoOccurrenceMode;
  /** Pretrain the generator by maximum likelihood of the observed annotations. */
  pretrainGenerator: boolean;
  /** Epochs of generator pretraining. */
  generatorPretrainEpochs: number;
  /** Epochs of D/Q pretraining with G frozen. */
  discriminatorPretrainEpochs: number;
}

/** The spec's defaults (specs/crowding.md §3-§6). */
export const CROWDING_DEFAULTS: Readonly<CrowdInGSettings> = {
  epochs: 40,
  batchSize: 1024,
  discriminatorSteps: 5,
  generatorSteps: 5,
  learningRate: 1e-4,
  discriminatorLearningRate: 1e-4,
  codeLrScaling: true,
  discriminatorWeightDecay: 1e-2,
  informationWeight: 0.5,
  entropyThreshold: 0.5,
  entropyNormalized: false,
  sparsityWeight: 0.1,
  sparsity: 'l2',
  fakeWeight: 1,
  generatorLoss: 'nonSaturating',
  ipsClip: 10,
  crmBaseline: 'batchMean',
  loggingPolicy: 'epochStart',
  generatorCells: 'all',
  selection: 'entropy',
  twoStep: true,
  generatorInputs: { instance: true, annotator: true },
  lca: 'paper',
  coOccurrence: 'pairs',
  pretrainGenerator: true,
  generatorPretrainEpochs: 10,
  discriminatorPretrainEpochs: 10,
};

/** What each ablation variant changes (specs/crowding.md §7). */
export const CROWDING_VARIANTS: Readonly<Record<CrowdInGVariant, Partial<CrowdInGSettings>>> = {
  crowding: {},
  crowdg: { informationWeight: 0 },
  'crowding-u': { generatorInputs: { instance: false, annotator: true } },
  'crowding-i': { generatorInputs: { instance: true, annotator: false } },
  'crowding-r': { selection: 'random' },
  'one-step': { twoStep: false },
};

/** Options of {@link trainCrowdInG}. */
export interface CrowdInGOptions extends Partial<CrowdInGSettings> {
  /** Seed of every random draw (initialisation, dropout, shuffling, noise, sampling, selection). Default 0. */
  seed?: Seed;
  /** An ablation variant; its changes are applied before the other options. Default `'crowding'`. */
  variant?: CrowdInGVariant;
  /**
   * The Crowdlayer (DL-CL) the classifier is pretrained as: the neural
   * package's options apart from the shape. Default: the `default` preset
   * with MW initialised at 2·I (the reference code).
   */
  crowdlayer?: DlClOptions;
  /** Progress of every phase (the pretraining's steps and each GAN epoch). */
  onProgress?: (event: ProgressEvent) => void;
}

/** The settings in force: defaults, then the variant's changes, then the options. */
export function resolveSettings(options: CrowdInGOptions): CrowdInGSettings {
  const variant = CROWDING_VARIANTS[options.variant ?? 'crowding'];
  if (variant === undefined) {
    throw new CrowdError('INVALID_ARGUMENT', 'unknown CrowdInG variant', { expected: Object.keys(CROWDING_VARIANTS).join(', '), found: String(options.variant) });
  }
  const settings: CrowdInGSettings = { ...CROWDING_DEFAULTS, ...variant };
  for (const key of Object.keys(CROWDING_DEFAULTS) as (keyof CrowdInGSettings)[]) {
    if (options[key] !== undefined) (settings as unknown as Record<string, unknown>)[key] = options[key];
  }
  checkSettings(settings);
  return settings;
}

/** Rejects settings that cannot run, before any training. */
function checkSettings(s: CrowdInGSettings): void {
  const bad = (name: string, expected: string, value: unknown) =>
    new CrowdError('INVALID_ARGUMENT', `CrowdInG: bad setting ${name}`, { expected, found: String(value) });
  for (const name of ['epochs', 'discriminatorSteps', 'generatorSteps', 'generatorPretrainEpochs', 'discriminatorPretrainEpochs'] as const) {
    if (!Number.isInteger(s[name]) || s[name] < 0) throw bad(name, 'a whole number >= 0', s[name]);
  }
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1) throw bad('batchSize', 'a whole number >= 1', s.batchSize);
  for (const name of ['learningRate', 'discriminatorLearningRate'] as const) {
    if (!(s[name] > 0) || !Number.isFinite(s[name])) throw bad(name, 'a positive number', s[name]);
  }
  for (const name of ['discriminatorWeightDecay', 'informationWeight', 'sparsityWeight', 'fakeWeight'] as const) {
    if (!(s[name] >= 0) || !Number.isFinite(s[name])) throw bad(name, 'a number >= 0', s[name]);
  }
  if (!(s.ipsClip > 0)) throw bad('ipsClip', 'a positive number or Infinity', s.ipsClip);
  if (!s.generatorInputs.instance && !s.generatorInputs.annotator) throw bad('generatorInputs', 'instance or annotator features (or both)', 'neither');
}
