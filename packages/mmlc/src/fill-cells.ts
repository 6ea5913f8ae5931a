import type { CrowdLabels } from '@crowdlearn/core-matrix';

/** The filling density |D'| / (R · N) of a (filled) label matrix. */
export function fillingDensity(labels: CrowdLabels): number {
  return labels.numLabels / (labels.numWorkers * labels.numItems);
}
