import type { CrowdLabels } from '../crowd-labels.js';
import type { Features } from '../features.js';
import type { MethodEntry } from './method-entry.js';

/** What a label-completion method runs on. */
export interface CompletionInput {
  /** The crowd's labels. */
  labels: CrowdLabels;
  /** Item features aligned to the items, for the methods that need them. */
  features?: Features;
}

/** What every label-completion method returns. */
export interface CompletionResult {
  /** The observed labels, unchanged, plus the completed ones (origin `completed`). */
  labels: CrowdLabels;
  /** How many cells were completed. */
  completed: number;
  /** Anything the user should know (fallbacks, skipped workers). */
  warnings: string[];
  /** What a report of the run shows besides the counts: the settings the method resolved (preset, epochs) and what it recorded, as JSON values. */
  details?: Record<string, unknown>;
}

/** A label-completion method in a catalogue. */
export type CompletionEntry = MethodEntry<CompletionInput, CompletionResult>;
