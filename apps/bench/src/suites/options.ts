import type { CrowdLabels, Features, GoldLabels } from '@crowdlearn/core-matrix';
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
  /** The aggregators suite: the user's own crowd (`--data`, `crowdlearn compare`) instead of the bundled datasets. */
  data?: UserData;
}

/** A crowd the user brings: its name in the report, labels, gold and optional features. */
export interface UserData {
  name: string;
  labels: CrowdLabels;
  gold: GoldLabels;
  features?: Features;
}
