import { CrowdError, mergeCompleted, resolveOptions, Rng, standardize, type CrowdLabels, type Features, type OptionTable, type Seed } from '@crowdlearn/core-matrix';
import type { KernelInit, ProgressEvent } from '@crowdlearn/neural';
import { chooseClass, classGeometry, type ClassGeometry, type CompletionRule, type RadiusRule } from './completion-rule.js';
import { trainOnPairs, type PairTrainingSummary } from './pair-training.js';
import type { PairScheme, PairTarget } from './pairs.js';
import { workerLabels } from './internal/worker-labels.js';
import { SiameseEncoder, type DistanceHead } from './siamese-encoder.js';
import { buildSourceDomain, type SourceDomain, type SourceDomainOptions } from './source-domain.js';

/** Options of {@link completeTllc}. Defaults are the spec's Part C (measured on the bundled data); see {@link TLLC_POSTER_PRESET} for the poster's values. */
export interface TllcOptions extends Omit<SourceDomainOptions, 'seed'> {
  /** Seed of everything random (ties, initialisation, pairs, shuffling). Default 0. */
  seed?: Seed;
  /** Embedding dimension m. Default 8 (the poster's 2 cannot separate K > 3 classes at unit distance). */
  embeddingDim?: number;
  /** Hidden layer sizes of the encoder. Default [64, 32]. */
  hidden?: number[];
  /** Weight initialisation. Default `'pytorchUniform'` (what the reference prototype used; Glorot lost 1.6-7.5 MV points). */
  init?: KernelInit;
  /** Pretraining epochs on the source domain. Default 2. */
  pretrainEpochs?: number;
  /** Fine-tuning epochs per worker. Default 2. */
  finetuneEpochs?: number;
  /** Pairs per minibatch. Default 32. */
  batchSize?: number;
  /** Adam step size of pretraining. Default 1e-3. */
  learningRate?: number;
  /** Adam step size of fine-tuning. Default 1e-3. */
  finetuneLearningRate?: number;
  /** Dense layers (from the input) kept frozen during fine-tuning. Default 0. */
  freezeLayers?: number;
  /** Pair target of Eq. 8. Default `'distance'`. */
  pairTarget?: PairTarget;
  /** Pair scheme of Eq. 8. Default `'all'`. */
  pairScheme?: PairScheme;
  /** Cap on the pairs of `'all'` per epoch. Default 100000. */
  maxPairs?: number;
  /** Distance head of Eq. 10. Default `'euclidean'`. */
  distanceHead?: DistanceHead;
  /** Radius of Eq. 17. Default `'max'`. */
  radius?: RadiusRule;
  /** Floor ρ_min of Eq. 19. Default 0. */
  minRadius?: number;
  /** Completion rule. Default `'nearestIfWithinRadius'`. */
  completionRule?: CompletionRule;
  /** A worker whose labels cover fewer classes is not fine-tuned (it uses f_T). Default 2. */
  minClassesForFinetune?: number;
  /** Pretrain on the source domain (default true). When false, every worker starts from the same fresh initialisation. */
  usePretrain?: boolean;
  /** Fine-tune one copy per worker (default true). When false, every worker uses the pretrained f_S. */
  useTransfer?: boolean;
  /** Z-score the features (default true; without it Music lost 20 points in the prototype). */
  standardize?: boolean;
  /** Return each worker's embedding of every item (N x m per worker; memory N·m·R floats). Default false. */
  keepEmbeddings?: boolean;
  /** Progress of pretraining and of each worker. */
  onProgress?: (event: TllcProgress) => void;
}

/** A progress report of {@link completeTllc}. */
export interface TllcProgress {
  /** `'pretrain'` on the source domain, `'finetune'` per worker, `'complete'` when a worker is done. */
  stage: 'pretrain' | 'finetune' | 'complete';
  /** The worker, in the fine-tuning and completion stages. */
  worker?: number;
  /** Workers done so far. */
  workersDone: number;
  /** Number of workers R. */
  workers: number;
  /** The training loop's event, while training. */
  training?: ProgressEvent;
}

/** What TLLC did for one worker. */
export interface TllcWorkerSummary {
  /** Worker index. */
  worker: number;
  /** Labels the worker gave. */
  labels: number;
  /** Classes the worker used. */
  classesUsed: number;
  /** Whether its copy of the network was fine-tuned (false: it used f_T). */
  finetuned: boolean;
  /** Why fine-tuning was skipped. */
  skipReason?: 'no labels' | 'too few classes' | 'transfer off';
  /** Pairs per fine-tuning epoch and the loss of each epoch. */
  finetune: PairTrainingSummary;
  /** Its classes' centroids and radii in its embedding space. */
  geometry: ClassGeometry;
  /** Cells completed for it. */
  completions: number;
}

/** The result of {@link completeTllc}. */
export interface TllcResult {
  /** Observed labels (unchanged) plus the completed ones (origin `completed`). */
  labels: CrowdLabels;
  /** Number of completed cells. */
  completed: number;
  /** The source domain (Algorithm 1). */
  source: SourceDomain;
  /** Pretraining: pairs per epoch and loss per epoch (no epochs when pretraining is off). */
  pretrain: PairTrainingSummary;
  /** One summary per worker. */
  workers: TllcWorkerSummary[];
  /** Each worker's embedding of every item (row-major N x m), when `keepEmbeddings` is set. */
  embeddings?: Float32Array[];
  /** Anything the user should know (fallbacks). */
  warnings: string[];
}

/**
 * TLLC (transfer-learning label completion): completes the missing labels
 * of each worker in a worker-specific embedding space.
 *
 * 1. Algorithm 1: the high-confidence items form the source domain
 *    ({@link buildSourceDomain}).
 * 2. Algorithm 2: a Siamese encoder is pretrained on source pairs (MSE pair
 *    loss, Eq. 11), then one copy per worker is fine-tuned on the pairs of
 *    that worker's own labels. One network is reused: its pretrained weights
 *    are restored before each worker.
 * 3. Algorithm 3: in the worker's space, class centroids and radii come from
 *    its labelled items; an item it did not label is completed when the
 *    completion rule finds a class (Eq. 19), else left empty.
 *
 * Observed labels never change. Needs an initialised TF.js backend
 * (`initBackend` of `@crowdlearn/neural`). The same seed gives the same
 * result on a backend.
 */
export async function completeTllc(labels: CrowdLabels, features: Features, options: TllcOptions = {}): Promise<TllcResult> {
  features.assertAligned(labels);
  const o = withDefaults(options);
  if (o.pairTarget === 'similarity' && o.distanceHead !== 'sigmoid') {
    throw new CrowdError('INVALID_ARGUMENT', "pairTarget 'similarity' needs distanceHead 'sigmoid'", {
      expected: "pairTarget 'distance' with the Euclidean head",
    });
  }
  const N = labels.numItems;
  const R = labels.numWorkers;
  const K = labels.numClasses;
  const m = o.embeddingDim;
  const rng = new Rng(o.seed);
  const warnings: string[] = [];

  const source = buildSourceDomain(labels, { ...o, seed: rng.fork('ties').nextUint32() });
  if (source.warning !== undefined) warnings.push(source.warning);
  const x = o.standardize ? standardize(features).features.data : features.data;

  const encoder = new SiameseEncoder(
    { inputDim: features.numCols, hidden: o.hidden, embeddingDim: m, init: o.init, distanceHead: o.distanceHead },
    rng.fork('init'),
  );
  const pairSettings = { batchSize: o.batchSize, scheme: o.pairScheme, maxPairs: o.maxPairs, target: o.pairTarget };
  const report = (event: TllcProgress) => o.onProgress?.(event);
  try {
    let pretrain: PairTrainingSummary = { pairs: 0, loss: [] };
    if (o.usePretrain) {
      pretrain = await trainOnPairs(encoder, x, source.items, source.labels, {
        ...pairSettings,
        phase: 'tllc-pretrain',
        epochs: o.pretrainEpochs,
        learningRate: o.learningRate,
        rng: rng.fork('pretrain'),
        onProgress: (training) => report({ stage: 'pretrain', workersDone: 0, workers: R, training }),
      });
    }
    const pretrained = encoder.store.snapshot();
    const shared = o.useTransfer ? undefined : encoder.embedAll(x);

    const cellItem: number[] = [];
    const cellWorker: number[] = [];
    const cellLabel: number[] = [];
    const workers: TllcWorkerSummary[] = [];
    const embeddings: Float32Array[] = [];
    try {
      for (let r = 0; r < R; r++) {
        const own = workerLabels(labels, r);
        const classesUsed = new Set(own.classes).size;
        let skipReason: TllcWorkerSummary['skipReason'];
        if (own.items.length === 0) skipReason = 'no labels';
        else if (!o.useTransfer) skipReason = 'transfer off';
        else if (classesUsed < o.minClassesForFinetune) skipReason = 'too few classes';
        let finetune: PairTrainingSummary = { pairs: 0, loss: [] };
        let z = shared;
        if (skipReason === undefined) {
          encoder.store.restore(pretrained);
          finetune = await trainOnPairs(encoder, x, own.items, own.classes, {
            ...pairSettings,
            phase: `tllc-finetune-${r}`,
            epochs: o.finetuneEpochs,
            learningRate: o.finetuneLearningRate,
            rng: rng.fork(`worker-${r}`),
            trainablePrefixes: encoder.trainablePrefixes(o.freezeLayers),
            onProgress: (training) => report({ stage: 'finetune', worker: r, workersDone: r, workers: R, training }),
          });
          z = encoder.embedAll(x);
        } else if (z === undefined && own.items.length > 0) {
          encoder.store.restore(pretrained);
          z = encoder.embedAll(x);
        }
        const geometry = classGeometry(z ?? new Float32Array(0), m, own.items, own.classes, K, o.radius);
        let completions = 0;
        if (z !== undefined && own.items.length > 0) {
          const labelled = new Uint8Array(N);
          for (const i of own.items) labelled[i] = 1;
          for (let i = 0; i < N; i++) {
            if (labelled[i] === 1) continue;
            const q = chooseClass(z, i * m, geometry, o.completionRule, o.minRadius);
            if (q < 0) continue;
            cellItem.push(i);
            cellWorker.push(r);
            cellLabel.push(q);
            completions++;
          }
        }
        if (o.keepEmbeddings) embeddings.push(z ?? new Float32Array(0));
        workers.push({
          worker: r,
          labels: own.items.length,
          classesUsed,
          finetuned: skipReason === undefined,
          ...(skipReason === undefined ? {} : { skipReason }),
          finetune,
          geometry,
          completions,
        });
        report({ stage: 'complete', worker: r, workersDone: r + 1, workers: R });
      }
    } finally {
      pretrained.forEach((t) => t.dispose());
    }
    const merged = mergeCompleted(labels, {
      item: Int32Array.from(cellItem),
      worker: Int32Array.from(cellWorker),
      label: Int32Array.from(cellLabel),
    });
    return {
      labels: merged.labels,
      completed: merged.added,
      source,
      pretrain,
      workers,
      ...(o.keepEmbeddings ? { embeddings } : {}),
      warnings,
    };
  } finally {
    encoder.dispose();
  }
}

type ResolvedOptions = Required<Omit<TllcOptions, 'onProgress' | 'seed'>> & Pick<TllcOptions, 'onProgress'> & { seed: Seed };

/**
 * TLLC's options: defaults (the spec's Part C, measured on the bundled data)
 * and ranges. The encoder's `hidden` sizes ([64, 32]) and `init`
 * (`'pytorchUniform'`) are set in {@link withDefaults}.
 */
export const TLLC_OPTIONS = {
  sourceAggregator: { kind: 'choice', choices: ['mv', 'wawa', 'zbs', 'ds', 'one-coin-ds', 'zencrowd', 'hds', 'fds', 'glad', 'irt', 'mace', 'kos', 'gtic', 'dewsmv'], default: 'mv', description: 'aggregator giving the source domain\'s labels and confidences (Eqs. 1-2)' },
  tieBreak: { kind: 'choice', choices: ['random', 'lowest'], default: 'random', description: 'tie rule of the aggregated label' },
  sourceCompare: { kind: 'choice', choices: ['>=', '>'], default: '>=', description: 'comparison of Eq. 4' },
  minLabelsForSource: { kind: 'integer', min: 1, default: 1, description: 'items with fewer labels never enter the source domain' },
  useFilter: { kind: 'boolean', default: true, description: 'filter the source domain by class-wise mean confidence' },
  embeddingDim: { kind: 'integer', min: 1, default: 8, description: 'embedding dimension m' },
  pretrainEpochs: { kind: 'integer', min: 0, default: 2, description: 'pretraining epochs on the source domain' },
  finetuneEpochs: { kind: 'integer', min: 0, default: 2, description: 'fine-tuning epochs per worker' },
  batchSize: { kind: 'integer', min: 1, default: 32, description: 'pairs per minibatch' },
  learningRate: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-3, description: 'Adam step size of pretraining' },
  finetuneLearningRate: { kind: 'number', min: 0, exclusiveMin: true, default: 1e-3, description: 'Adam step size of fine-tuning' },
  freezeLayers: { kind: 'integer', min: 0, default: 0, description: 'dense layers kept frozen during fine-tuning' },
  pairTarget: { kind: 'choice', choices: ['distance', 'similarity'], default: 'distance', description: 'pair target of Eq. 8' },
  pairScheme: { kind: 'choice', choices: ['all', 'balanced'], default: 'all', description: 'pair scheme of Eq. 8' },
  maxPairs: { kind: 'integer', min: 1, default: 100_000, description: "cap on the pairs of 'all' per epoch" },
  distanceHead: { kind: 'choice', choices: ['euclidean', 'sigmoid'], default: 'euclidean', description: 'distance head of Eq. 10' },
  radius: { kind: 'choice', choices: ['max', 'mean'], default: 'max', description: 'class radius of Eq. 17' },
  minRadius: { kind: 'number', min: 0, default: 0, description: 'floor of the class radius (Eq. 19)' },
  completionRule: { kind: 'choice', choices: ['nearestIfWithinRadius', 'firstWithinRadius', 'nearestWithinRadius', 'nearest'], default: 'nearestIfWithinRadius', description: 'which class an unlabelled item gets in a worker\'s embedding space' },
  minClassesForFinetune: { kind: 'integer', min: 1, default: 2, description: 'a worker whose labels cover fewer classes is not fine-tuned' },
  usePretrain: { kind: 'boolean', default: true, description: 'pretrain on the source domain' },
  useTransfer: { kind: 'boolean', default: true, description: 'fine-tune one embedding space per worker' },
  standardize: { kind: 'boolean', default: true, description: 'z-score the features' },
  keepEmbeddings: { kind: 'boolean', default: false, description: "return each worker's embedding of every item" },
} as const satisfies OptionTable;

function withDefaults(options: TllcOptions): ResolvedOptions {
  const r = resolveOptions('tllc', TLLC_OPTIONS, options);
  const o: ResolvedOptions = {
    ...r,
    seed: options.seed ?? 0,
    hidden: options.hidden ?? [64, 32],
    init: options.init ?? 'pytorchUniform',
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  } as ResolvedOptions;
  return o;
}

/**
 * The poster's own hyperparameters (its best setting on Income): embedding
 * dimension 2, 2 epochs for both stages, batch 32, the literal Algorithm 3
 * (`firstWithinRadius` with the mean radius). Spread it into the options:
 * `completeTllc(labels, features, { ...TLLC_POSTER_PRESET, seed })`.
 */
export const TLLC_POSTER_PRESET: Readonly<TllcOptions> = Object.freeze({
  embeddingDim: 2,
  pretrainEpochs: 2,
  finetuneEpochs: 2,
  batchSize: 32,
  radius: 'mean',
  completionRule: 'firstWithinRadius',
});
