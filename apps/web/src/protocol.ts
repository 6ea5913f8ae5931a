/**
 * The messages between the page and its worker (`engine-worker.ts`). Every
 * request carries an id; the worker answers it once, with the result or an
 * error whose message is the one line the CLI prints for the same input.
 */
import type { OptionSpec, OptionValue } from '@crowdlearn/core-matrix';

/** A file the user picked, as bytes (a copy: the page keeps its own to reload a restarted worker). */
export interface PickedFile {
  name: string;
  bytes: ArrayBuffer;
}

/** How to read a labels file: the CLI's reading flags, by the same names. */
export interface ReadingOptions {
  /** `long`, `wide`, `jsonl`, `json`, `ceka` or `rodrigues` (default: detected). */
  format?: string;
  /** The columns by role (the CLI's `--columns`). */
  columns?: { item?: string; worker?: string; label?: string; gold?: string };
  /** `false` (`--no-header`): the first row is a label. */
  header?: boolean;
  /** `utf-8` (default) or `latin1` (`--encoding`). */
  encoding?: 'utf-8' | 'latin1';
}

/** One method to run, with the options its catalogue entry declares. */
export interface MethodRun {
  method: string;
  options: Record<string, OptionValue>;
}

export type Request =
  | { id: number; type: 'load-files'; labels: PickedFile; gold?: PickedFile; reading: ReadingOptions }
  | { id: number; type: 'load-bundled'; name: string; baseUrl: string }
  | { id: number; type: 'load-features'; features: PickedFile; baseUrl: string }
  | { id: number; type: 'run'; runs: MethodRun[]; seed: number }
  | { id: number; type: 'download'; method: string; table: 'labels' | 'workers' }
  | { id: number; type: 'confusion'; method: string; worker: number };

/** A method the page can offer: a catalogue entry's name, summary and options (what a message can carry). */
export interface MethodOffer {
  name: string;
  summary: string;
  options: readonly OptionSpec[];
  /** Runs only on two classes. */
  binaryOnly: boolean;
  /** Trains a neural model on the loaded features (TF.js, wasm, in the worker). */
  needsFeatures: boolean;
}

/** The loaded features file, and the models that can train on it. */
export interface FeaturesSummary {
  source: string;
  numRows: number;
  numCols: number;
  /** The learning-from-crowds models of `@crowdlearn/neural`'s catalogue. */
  models: MethodOffer[];
  /** The TF.js backend the models train on. */
  backend: string;
}

/** What the page needs to know of the loaded crowd. */
export interface CrowdSummary {
  source: string;
  numItems: number;
  numWorkers: number;
  numLabels: number;
  classes: string[];
  /** Item ids in item order. */
  itemIds: string[];
  /** Labels per item. */
  labelsPerItem: Int32Array;
  /** Crowd labels per class. */
  classCounts: Float64Array;
  /** Gold items (0 without gold). */
  goldItems: number;
  /** What the reading left out or wants the user to know (the CLI's warnings). */
  warnings: string[];
  /** Krippendorff's alpha of the labels (nominal); NaN when no item has two labels. */
  krippendorffAlpha: number;
  /** Seconds the worker took to read and decode the files into a crowd. */
  readSeconds: number;
}

/** One method's run, as the page shows it. */
export interface RunSummary {
  method: string;
  /** The settings string of this run (what `crowdlearn ... --settings` takes). */
  settings: string;
  seconds: number;
  iterations?: number;
  converged?: boolean;
  /** Inferred class per item. */
  labels: Int32Array;
  /** Posterior of the inferred class per item. */
  confidence: Float64Array;
  /** Share of each item's labels that agree with the inferred class. */
  agreement: Float64Array;
  /** 1 where the inferred class is not the most frequent crowd label of the item. */
  disagrees: Uint8Array;
  /** Inferred items per class. */
  classCounts: Float64Array;
  /** The worker table exactly as `--workers-out` writes it (rows in worker order). */
  workers: { columns: string[]; rows: (string | number)[][] };
  /** Whether the method has a confusion matrix per worker. */
  hasConfusions: boolean;
  /** With gold: accuracy, macro-F1 and per-class recall (accuracy on the gold items of that class). */
  gold?: { accuracy: number; macroF1: number; perClassAccuracy: number[]; support: number[] };
}

export type Response =
  | { id: number; type: 'loaded'; crowd: CrowdSummary }
  | { id: number; type: 'features-loaded'; features: FeaturesSummary }
  | { id: number; type: 'progress'; method: string; index: number; total: number; step?: string }
  | { id: number; type: 'result'; run: RunSummary }
  | { id: number; type: 'done' }
  | { id: number; type: 'file'; name: string; text: string }
  | { id: number; type: 'confusion'; matrix: Float64Array; from: 'model' | 'agreement' }
  | { id: number; type: 'error'; message: string };
