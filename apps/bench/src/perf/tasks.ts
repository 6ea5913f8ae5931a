import type { BackendName } from '@crowdlearn/neural';

/** A measurement a worker process can run. */
export type PerfTask =
  | { kind: 'aggregate'; method: string; labels: number; seed: number; options?: Record<string, unknown> }
  | { kind: 'generate'; labels: number; seed: number }
  | { kind: 'write-crowd'; labels: number; seed: number; dataPath: string; goldPath: string }
  | { kind: 'aggregate-file'; method: string; labels: number; seed: number; dataPath: string }
  | { kind: 'read-csv'; lines: number }
  | { kind: 'dense'; backend: BackendName; naive: boolean }
  | { kind: 'fit'; method: FitMethod; dataset: 'music' | 'labelme' };

/** The neural methods whose training time perf-neural measures on the bundled data. */
export const FIT_METHODS = ['crowdlayer', 'anno-reg', 'wdn', 'mv-dl', 'ds-dl', 'dasc', 'tllc'] as const;
/** One of {@link FIT_METHODS}. */
export type FitMethod = (typeof FIT_METHODS)[number];

/** What a worker prints. */
export interface PerfOutcome {
  seconds: number;
  peakRssMiB: number;
  detail: Record<string, number | string | boolean>;
}
