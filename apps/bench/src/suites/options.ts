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
}
