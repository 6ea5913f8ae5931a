import type { CrowdLabels } from '@crowdlearn/core-matrix';

/** Sets the posterior of every item without labels to `prior` (specs: an empty item's posterior is the class prior). */
export function fillEmptyItems(labels: CrowdLabels, prior: ArrayLike<number>, posteriors: Float64Array): void {
  const K = labels.numClasses;
  for (let i = 0; i < labels.numItems; i++) {
    if (labels.itemDegree(i) > 0) continue;
    for (let k = 0; k < K; k++) posteriors[i * K + k] = prior[k] as number;
  }
}

/** Mean posterior over the labelled items (the class prior estimate of DS-type M-steps); uniform if none. */
export function meanPosterior(labels: CrowdLabels, posteriors: Float64Array): Float64Array {
  const K = labels.numClasses;
  const prior = new Float64Array(K);
  let n = 0;
  for (let i = 0; i < labels.numItems; i++) {
    if (labels.itemDegree(i) === 0) continue;
    n++;
    for (let k = 0; k < K; k++) prior[k]! += posteriors[i * K + k] as number;
  }
  for (let k = 0; k < K; k++) prior[k] = n === 0 ? 1 / K : (prior[k] as number) / n;
  return prior;
}
