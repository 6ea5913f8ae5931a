import type { CrowdLabels, Features, GoldLabels, Seed } from '@crowdlearn/core-matrix';
import type { ProgressEvent, TrainHistory } from '../training/train-loop.js';

/** What a base model is trained on. */
export interface CrowdTrainingData {
  /** Annotations: observed, and pseudo or completed ones (their origin is kept but not treated differently). */
  labels: CrowdLabels;
  /** Features of the items, aligned to `labels.items`. */
  features: Features;
  /** Optional weight of each annotation, in canonical label order (DASC's reweighting); default 1. */
  annotationWeights?: Float32Array;
}

/** Options of {@link CrowdModel.fit}. */
export interface FitOptions {
  /** Seed of initialisation, dropout and shuffling. Default 0. */
  seed?: Seed;
  /** Progress events of the training loop. */
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Continue from the current weights (DASC's warm retraining) instead of
   * reinitialising, for the preset's `warmStartEpochs`. Default false.
   */
  warmStart?: boolean;
  /**
   * Model selection on a held-out split: the classifier's accuracy on it is
   * measured after every epoch of the main phase and the best epoch's
   * weights are kept (the first such epoch on a tie). Training stops early
   * after `patience` epochs without a better accuracy (default: never).
   */
  validation?: ValidationSplit;
}

/** A held-out split for {@link FitOptions.validation}. */
export interface ValidationSplit {
  /** The held-out items' features. */
  features: Features;
  /** Their true classes. */
  gold: GoldLabels;
  /** Epochs without a better validation accuracy before training stops. Default: run every epoch. */
  patience?: number;
}

/** A trained model's record of one fit. */
export interface FitReport {
  /** Each training phase's history, by phase name. */
  phases: Record<string, TrainHistory>;
}

/**
 * The interface DASC and CrowdInG build on: fit on annotations with item
 * features; predict an item's class distribution; predict the annotation
 * distribution of any (item, worker) cell, observed or not.
 */
export interface CrowdModel {
  /** The model's kind (`'crowdlayer-mw'`, `'anno-reg'`, `'wdn'`, ...). */
  readonly kind: string;
  /** K. */
  readonly numClasses: number;
  /** R. */
  readonly numWorkers: number;
  /** Trains the model. */
  fit(data: CrowdTrainingData, options?: FitOptions): Promise<FitReport>;
  /** Class distribution of every row of `features` (row-major N x K). */
  predictProba(features: Features): Float32Array;
  /** Annotation distribution of worker `workers[j]` on item `items[j]` (row-major M x K). */
  workerProba(features: Features, items: ArrayLike<number>, workers: ArrayLike<number>): Float32Array;
  /** Frees the model's tensors. */
  dispose(): void;
}
