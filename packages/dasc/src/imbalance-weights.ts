import { annotationClassCounts, type CrowdLabels, type Rng } from '@crowdlearn/core-matrix';

/**
 * Reweighting (DASC's baseline): each annotation with label k weighs
 * `R_k = max_k' Ñ_k' / Ñ_k`, from the current annotation counts (canonical
 * label order, as `CrowdTrainingData.annotationWeights`).
 */
export function reweightingWeights(labels: CrowdLabels): Float32Array {
  const counts = annotationClassCounts(labels);
  const max = Math.max(...counts);
  return Float32Array.from(labels.label, (k) => max / (counts[k] as number));
}

/**
 * Resampling (DASC's baseline) as annotation multiplicities: every class is
 * oversampled to the largest class's count by duplicates drawn uniformly
 * with replacement from its annotations; an annotation's weight is 1 plus
 * its number of duplicates. Drawn anew at every call (each training run).
 */
export function resamplingWeights(labels: CrowdLabels, rng: Rng): Float32Array {
  const K = labels.numClasses;
  const counts = annotationClassCounts(labels);
  const max = Math.max(...counts);
  const byClass: number[][] = Array.from({ length: K }, () => []);
  for (let e = 0; e < labels.numLabels; e++) (byClass[labels.label[e] as number] as number[]).push(e);
  const weights = new Float32Array(labels.numLabels).fill(1);
  for (let k = 0; k < K; k++) {
    const members = byClass[k] as number[];
    if (members.length === 0) continue;
    for (let extra = members.length; extra < max; extra++) weights[members[rng.int(members.length)] as number]! += 1;
  }
  return weights;
}

/**
 * Class-balanced weights (Cui et al. 2019), DASC's CB Focal baseline: class k
 * weighs `(1 - β) / (1 - β^Ñ_k)`, normalised so that the weights of the
 * classes present sum to their number; each annotation gets its label's.
 */
export function classBalancedWeights(labels: CrowdLabels, beta = 0.9999): Float32Array {
  const counts = annotationClassCounts(labels);
  const raw = Array.from(counts, (n) => (n > 0 ? (1 - beta) / (1 - beta ** n) : 0));
  const present = raw.filter((w) => w > 0).length;
  const sum = raw.reduce((a, b) => a + b, 0);
  return Float32Array.from(labels.label, (k) => ((raw[k] as number) * present) / sum);
}
