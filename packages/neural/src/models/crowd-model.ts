import type { CrowdLabels, Features, Seed } from '@crowdlearn/core-matrix';
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
