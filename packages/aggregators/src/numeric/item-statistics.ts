import type { NumericLabels } from '@crowdlearn/core-matrix';

/** Each item's answers, sorted ascending (a fresh array per item). */
function sortedAnswers(labels: NumericLabels, i: number): Float64Array {
  return labels.value.slice(labels.itemOffsets[i] as number, labels.itemOffsets[i + 1] as number).sort();
}

/** Each item's mean answer (NaN without answers). */
export function itemMeans(labels: NumericLabels): Float64Array {
  return Float64Array.from({ length: labels.numItems }, (_, i) => {
    const start = labels.itemOffsets[i] as number;
    const end = labels.itemOffsets[i + 1] as number;
    let sum = 0;
    for (let e = start; e < end; e++) sum += labels.value[e] as number;
    return end > start ? sum / (end - start) : Number.NaN;
  });
}

/** Each item's median answer, the mean of the two middle ones for an even count (NumPy's median; NaN without answers). */
export function itemMedians(labels: NumericLabels): Float64Array {
  return Float64Array.from({ length: labels.numItems }, (_, i) => {
    const v = sortedAnswers(labels, i);
    const m = v.length;
    if (m === 0) return Number.NaN;
    return m % 2 === 1 ? (v[(m - 1) / 2] as number) : ((v[m / 2 - 1] as number) + (v[m / 2] as number)) / 2;
  });
}

/** Each item's population standard deviation of its answers (NumPy's std; NaN without answers). */
export function itemStandardDeviations(labels: NumericLabels, means: Float64Array): Float64Array {
  return Float64Array.from({ length: labels.numItems }, (_, i) => {
    const start = labels.itemOffsets[i] as number;
    const end = labels.itemOffsets[i + 1] as number;
    let sum = 0;
    for (let e = start; e < end; e++) sum += ((labels.value[e] as number) - (means[i] as number)) ** 2;
    return end > start ? Math.sqrt(sum / (end - start)) : Number.NaN;
  });
}

/** The weighted mean of each item's answers with one weight per worker. */
export function weightedMeans(labels: NumericLabels, weights: Float64Array): Float64Array {
  return Float64Array.from({ length: labels.numItems }, (_, i) => {
    let num = 0;
    let den = 0;
    for (let e = labels.itemOffsets[i] as number; e < (labels.itemOffsets[i + 1] as number); e++) {
      const w = weights[labels.worker[e] as number] as number;
      num += w * (labels.value[e] as number);
      den += w;
    }
    return den > 0 ? num / den : Number.NaN;
  });
}

/** The weighted median of each item's answers: the smallest answer at which the cumulative weight reaches half the item's total (CRH's rule). */
export function weightedMedians(labels: NumericLabels, weights: Float64Array): Float64Array {
  return Float64Array.from({ length: labels.numItems }, (_, i) => {
    const start = labels.itemOffsets[i] as number;
    const end = labels.itemOffsets[i + 1] as number;
    if (end === start) return Number.NaN;
    const order = Array.from({ length: end - start }, (_, j) => start + j).sort((a, b) => (labels.value[a] as number) - (labels.value[b] as number));
    let total = 0;
    for (const e of order) total += weights[labels.worker[e] as number] as number;
    let cumulative = 0;
    for (const e of order) {
      cumulative += weights[labels.worker[e] as number] as number;
      if (cumulative >= 0.5 * total) return labels.value[e] as number;
    }
    return labels.value[order[order.length - 1] as number] as number;
  });
}
