import type { CrowdLabels, Features, GoldLabels, MethodEntry } from '@crowdlearn/core-matrix';
import type { RoundBudget } from '@crowdlearn/dasc';
import type { RunRecord } from '../engine/results.js';

/** Options every suite takes. */
export interface SuiteOptions {
  /** Fewer repeats, sizes and epochs: a check in minutes. */
  quick: boolean;
  seeds?: number[];
  datasets?: string[];
  methods?: string[];
  /** perf-aggregators: also run DS on 100M labels; perf-io: also stream 100M lines. */
  include100m?: boolean;
  /** The DASC suites: pseudo-annotations added per self-training round (default 10% of the empty cells). */
  budget?: RoundBudget;
  onRun?: (record: RunRecord, done: number, total: number) => void;
  /**
   * The aggregators and completion suites: the user's own crowds (`--data`,
   * `crowdlearn compare`), run after the bundled datasets of `datasets`
   * (default: the suite's own; `[]` runs the user's crowds alone).
   */
  data?: UserData[];
  /** The aggregators, completion and classifiers suites: methods of the user's modules (`--methods ./my-method.mjs`), of the suite's family, compared with the catalogue's. */
  extraMethods?: MethodEntry[];
}

/** The items and gold items of the user's crowds, for the results tables. */
export function userDataSizes(data: readonly UserData[] | undefined): Record<string, { items: number; gold: number }> | undefined {
  return data === undefined || data.length === 0 ? undefined : Object.fromEntries(data.map((d) => [d.name, { items: d.labels.numItems, gold: d.gold.size }]));
}

/** A crowd the user brings: its name in the report, labels, gold and optional features. */
export interface UserData {
  name: string;
  labels: CrowdLabels;
  gold: GoldLabels;
  features?: Features;
}
