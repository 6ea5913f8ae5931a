import type { SimulateCrowdOptions } from './simulate-crowd.js';

/** A simulator preset's name. */
export type SimulationPreset = 'wslc' | 'crowdmeta';

/**
 * Named simulator settings for the protocols in the specs.
 * - `wslc`: 40 one-coin workers, quality U(0.5, 0.9), participation U(0.1, 0.5) (specs/README §4).
 * - `crowdmeta`: 5 classes x 100 items, 30 workers (5 spammers, 5 random, 12 normal with 2 familiar
 *   classes at 0.8 and 0.45 elsewhere, 8 experts at 0.9), 3 labels per item (crowdmeta.md §5).
 */
export const SIMULATION_PRESETS: Readonly<Record<SimulationPreset, SimulateCrowdOptions>> = {
  wslc: {
    numItems: 600,
    numClasses: 4,
    numWorkers: 40,
    workerMix: { oneCoin: 1 },
    quality: [0.5, 0.9],
    participation: [0.1, 0.5],
  },
  crowdmeta: {
    numItems: 500,
    numClasses: 5,
    numWorkers: 30,
    workerMix: { spammer: 5, random: 5, instanceDependent: 12, expert: 8 },
    familiarClasses: 2,
    familiarAccuracy: 0.8,
    unfamiliarAccuracy: 0.45,
    expertQuality: [0.9, 0.9],
    labelsPerItem: 3,
  },
};
