import { CrowdError } from '../errors.js';
import type { Features } from '../features.js';
import type { Seed } from '../rng.js';
import type { OptionSpec } from './option-spec.js';

/**
 * The families of methods, each with one contract:
 * - `aggregation`: truth inference; the result extends `AggregationResult`
 *   (`@crowdlearn/aggregators`).
 * - `completion`: label completion; fills empty (item, worker) cells and
 *   returns the completed matrix.
 * - `classifier`: learning from crowds; trains a classifier of item features
 *   (a `CrowdModel` of `@crowdlearn/neural`).
 * - `numeric`: estimates of continuous answers (`NumericLabels`); the result
 *   is a `NumericAggregationResult` (`@crowdlearn/aggregators`).
 * - `pairwise`: scores of items from pairwise comparisons
 *   (`PairwiseComparisons`); the result is a `PairwiseResult`
 *   (`@crowdlearn/aggregators`).
 */
export type MethodFamily = 'aggregation' | 'completion' | 'classifier' | 'numeric' | 'pairwise';

/** What a method yields besides its main output. */
export type MethodYield =
  /** Per-item class posteriors (or normalised scores). */
  | 'posteriors'
  /** One number per worker (skill, reliability, weight). */
  | 'worker-skills'
  /** A confusion matrix per worker. */
  | 'confusions'
  /** A model of every worker's answer on any item (fills unobserved cells). */
  | 'worker-model'
  /** A classifier of item features. */
  | 'classifier';

/** How much memory a method needs as the crowd grows. */
export type MemoryClass =
  /** Linear in the number of labels (sparse). */
  | 'labels'
  /** Grows with items x workers (a dense matrix of cells). */
  | 'cells'
  /** Grows with items x items (a neighbour or item graph). */
  | 'items-squared';

/** What a method needs and gives, for apps choosing what to run on which data. */
export interface MethodCapabilities {
  /** Needs item features. */
  needsFeatures: boolean;
  /** Works on two classes only. */
  binaryOnly: boolean;
  /**
   * `'deterministic'`: the same output for every seed (apart from the
   * random tie rule); `'seeded'`: the seed changes the output, and the same
   * seed gives the same output.
   */
  randomness: 'deterministic' | 'seeded';
  /** What the result carries besides labels. */
  yields: readonly MethodYield[];
  /** How its memory grows. */
  memory: MemoryClass;
  /** Trains a TensorFlow.js model (needs a backend; slower). */
  neural: boolean;
  /**
   * Inputs the runner reads besides the labels and the features, by field
   * name of its input (`source`, `support`, `workerWeights`, `validation`,
   * `monitor`): `'required'`, or `'optional'` for those its validated
   * configuration uses when they exist (a dataset's validation split). An
   * app passes exactly these, and refuses what a method does not read.
   * Absent: none.
   */
  inputs?: Readonly<Record<string, 'required' | 'optional'>>;
}

/** What every method's runner takes besides its own options. */
export interface RunContext {
  /** Seed of every random choice. Default 0. */
  seed?: Seed;
  /** A dataset preset name (`'music'`, `'labelme'`, ...) the method knows, or none for its defaults. */
  preset?: string;
  /** Progress reports of a long run: `done` of `total` units of `phase`. */
  onProgress?: (progress: { phase: string; done: number; total: number }) => void;
}

/**
 * One method in a package's catalogue: a stable kebab-case name, a line
 * about it, the paper to cite, its options (each with its default and
 * range), its capabilities, the dataset presets it knows, and its runner.
 * The command line and the bench are built from these entries, so a method
 * added to a catalogue appears in both.
 */
export interface MethodEntry<Input = unknown, Result = unknown> {
  /** Stable kebab-case name (`'ds'`, `'one-coin-ds'`, `'crowdlayer'`). */
  name: string;
  /** Its family, which fixes the runner's input and result. */
  family: MethodFamily;
  /** One line: what it does. */
  summary: string;
  /** The paper to cite (authors, title, venue, year). */
  cite: string;
  /** Its options, with defaults and ranges. */
  options: readonly OptionSpec[];
  /** What it needs and gives. */
  capabilities: MethodCapabilities;
  /** The dataset presets it has settings for (empty: none). */
  presets: readonly string[];
  /** Runs it on `input` with `options` (keys of {@link MethodEntry.options}). */
  run(input: Input, options: Record<string, unknown>, context: RunContext): Promise<Result>;
}

/** `features`, or an INVALID_ARGUMENT error saying that `method` needs item features. */
export function requireFeatures(method: string, features: Features | undefined): Features {
  if (features === undefined) throw new CrowdError('INVALID_ARGUMENT', `${method} needs item features`, { expected: 'features aligned to the items' });
  return features;
}
