import { annotationClassCounts, CrowdError, emptyCells, mergeCompleted, Rng, type CrowdLabels, type Features, type GoldLabels, type Seed } from '@crowdlearn/core-matrix';
import type { CrowdModel, ProgressEvent } from '@crowdlearn/neural';
import { scoreCells } from './candidates.js';
import { annotationState, pseudoLabelQuality, type RoundRecord } from './round-record.js';
import { selectCandidates, type SelectionOptions, type SelectionStrategy } from './selection.js';

/** How many pseudo-annotations a round adds. */
export type RoundBudget = CountBudget | FractionBudget;

/** A fixed count M per round (the paper's setting). */
export interface CountBudget {
  /** Discriminant. */
  mode: 'count';
  /** M. */
  count: number;
}

/**
 * A fraction φ of the current empty cells per round (the default, φ = 0.1):
 * the paper's M assumes LabelMe's 10,000-item set; on the 1,000 crowd items
 * M = 10,000 would use every empty cell within a few rounds.
 */
export interface FractionBudget {
  /** Discriminant. */
  mode: 'fraction';
  /** φ in (0, 1]. */
  fraction: number;
}

/** Options of {@link selfTrain}. */
export interface SelfTrainingOptions extends SelectionOptions {
  /** Which pseudo-annotations are added. Default `'dasc'`. */
  strategy?: SelectionStrategy;
  /** Rounds T after the initial training. Default 5. */
  rounds?: number;
  /** Pseudo-annotations per round. Default `{ mode: 'fraction', fraction: 0.1 }`. */
  budget?: RoundBudget;
  /**
   * `'warm'` (default) continues from the current weights each round, for
   * the base model's warm-start epochs (neural's `warmStartEpochs`: 25 on
   * the `labelme` preset); `'scratch'` reinitialises and trains in full.
   */
  retrain?: 'warm' | 'scratch';
  /** Score workers without any observed label too (default false: they are skipped). */
  includeUnseenWorkers?: boolean;
  /**
   * Annotation weights for a training set (Reweighting, CB Focal); called
   * again whenever the set changes, so the class counts are current.
   */
  annotationWeights?: (labels: CrowdLabels, rng: Rng) => Float32Array;
  /** Gold of the items, for the per-round pseudo-label quality. Never used for training. */
  gold?: GoldLabels;
  /** Seed of training, tie breaks and random selection. Default 0. */
  seed?: Seed;
  /** Called after every round (round 0 is the initial training). */
  onRound?: (record: RoundRecord) => void;
  /** Progress of each training run. */
  onProgress?: (event: ProgressEvent) => void;
}

/** The result of {@link selfTrain}. */
export interface SelfTrainingResult {
  /** The trained model (the same object that was passed in). */
  model: CrowdModel;
  /** Ω ∪ P: the observed annotations (unchanged) and the accepted pseudo-annotations (origin `completed`). */
  labels: CrowdLabels;
  /** One record per round, starting with round 0. */
  rounds: RoundRecord[];
  /** Anything the user should know (a budget that took every candidate). */
  warnings: string[];
}

/**
 * Self-training of a crowd model (DASC Algorithm 1): train on the observed
 * annotations Ω; then, each round, score every empty (item, worker) cell not
 * yet pseudo-annotated by the entropy of the worker's predicted annotation
 * distribution, select pseudo-annotations with the strategy (DASC's class
 * quotas by default), add them as hard labels, and retrain. A cell is
 * selected at most once and an observed annotation is never overwritten.
 * `rounds: 0` is plain training (the paper's CE).
 */
export async function selfTrain(
  model: CrowdModel,
  data: { labels: CrowdLabels; features: Features },
  options: SelfTrainingOptions = {},
): Promise<SelfTrainingResult> {
  const rounds = options.rounds ?? 5;
  if (!Number.isInteger(rounds) || rounds < 0) throw new CrowdError('INVALID_ARGUMENT', 'rounds must be a non-negative integer', { found: String(rounds) });
  const budget = options.budget ?? { mode: 'fraction', fraction: 0.1 };
  if (budget.mode === 'fraction' ? !(budget.fraction > 0 && budget.fraction <= 1) : !(Number.isInteger(budget.count) && budget.count >= 0)) {
    throw new CrowdError('INVALID_ARGUMENT', 'invalid self-training budget', { expected: 'a count >= 0 or a fraction in (0, 1]', found: JSON.stringify(budget) });
  }
  const rng = new Rng(options.seed ?? 0);
  const strategy = options.strategy ?? 'dasc';
  const observedCounts = annotationClassCounts(data.labels);
  const warnings: string[] = [];
  const records: RoundRecord[] = [];
  let labels = data.labels;

  const fit = async (round: number) => {
    const weights = options.annotationWeights?.(labels, rng.fork(`weights-${round}`));
    const report = await model.fit(
      { labels, features: data.features, ...(weights === undefined ? {} : { annotationWeights: weights }) },
      {
        seed: rng.fork(`fit-${round}`).nextUint32(),
        warmStart: round > 0 && options.retrain !== 'scratch',
        // each round retrains: the phase says which round, so a progress bar that restarts says why
        ...(options.onProgress === undefined ? {} : { onProgress: (e: ProgressEvent) => options.onProgress?.({ ...e, phase: `round ${round}/${rounds} ${e.phase}` }) }),
      },
    );
    const last = Object.values(report.phases)[0]?.loss;
    return last === undefined || last.length === 0 ? undefined : last[last.length - 1];
  };
  const record = (r: RoundRecord) => {
    records.push(r);
    options.onRound?.(r);
  };

  const K = data.labels.numClasses;
  const loss0 = await fit(0);
  record({
    round: 0,
    candidates: 0,
    selected: 0,
    selectedPerClass: new Array<number>(K).fill(0),
    candidatesPerClass: new Array<number>(K).fill(0),
    ...annotationState(labels),
    ...(loss0 === undefined ? {} : { loss: loss0 }),
  });
  for (let round = 1; round <= rounds; round++) {
    const cells = emptyCells(labels, { includeUnseenWorkers: options.includeUnseenWorkers === true });
    if (cells.item.length === 0) {
      warnings.push(`round ${round}: no empty cell is left; stopped`);
      break;
    }
    const count = budget.mode === 'count' ? budget.count : Math.round(budget.fraction * cells.item.length);
    if (count >= cells.item.length && !warnings.some((w) => w.startsWith('the budget'))) {
      warnings.push(`the budget (${count}) takes every candidate (${cells.item.length}) in round ${round}; later rounds have nothing to add`);
    }
    const scored = scoreCells(model, data.features, cells);
    const selection = selectCandidates(scored, K, count, strategy, rng.fork(`select-${round}`), options);
    const chosen = selection.chosen;
    const item = Int32Array.from(chosen, (c) => scored.item[c] as number);
    const label = Int32Array.from(chosen, (c) => scored.label[c] as number);
    labels = mergeCompleted(labels, { item, worker: Int32Array.from(chosen, (c) => scored.worker[c] as number), label }).labels;
    const selectedPerClass = new Array<number>(K).fill(0);
    for (const k of label) selectedPerClass[k]!++;
    const loss = await fit(round);
    record({
      round,
      candidates: cells.item.length,
      selected: chosen.length,
      selectedPerClass,
      candidatesPerClass: Array.from(selection.candidatesPerClass),
      ...(selection.quotas === undefined ? {} : { quotas: Array.from(selection.quotas) }),
      ...annotationState(labels),
      ...(options.gold === undefined ? {} : pseudoLabelQuality(item, label, options.gold, observedCounts)),
      ...(loss === undefined ? {} : { loss }),
    });
  }
  return { model, labels, rounds: records, warnings };
}
