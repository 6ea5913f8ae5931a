import { annotationClassCounts, imbalanceRatio, type CrowdLabels, type GoldLabels } from '@crowdlearn/core-matrix';

/** What one self-training round did (round 0 is the initial training on the observed annotations). */
export interface RoundRecord {
  /** 0 for the initial training, then 1..T. */
  round: number;
  /** Candidate cells scored this round. */
  candidates: number;
  /** Pseudo-annotations added this round. */
  selected: number;
  /** Pseudo-annotations added this round per class. */
  selectedPerClass: number[];
  /** N'_k: candidates predicted as each class. */
  candidatesPerClass: number[];
  /** M_k (DASC only). */
  quotas?: number[];
  /** Annotations per class in Ω ∪ P after the round. */
  classCounts: number[];
  /** The annotation imbalance ratio R of Ω ∪ P after the round (max / min class count). */
  imbalanceRatio: number;
  /**
   * Pseudo-label quality against gold (Fig. 5), when gold was given: the
   * mean precision over the majority annotation classes (the half of the
   * classes with the most observed annotations) of this round's
   * pseudo-annotations, and the mean recall over the minority classes.
   * For confusion-layer models a pseudo-annotation predicts a worker's
   * label, which for a poor worker is meant to differ from gold.
   */
  precisionMajority?: number;
  /** See {@link RoundRecord.precisionMajority}. */
  recallMinority?: number;
  /** Mean training loss of the round's last epoch. */
  loss?: number;
}

/** Annotations per class and their imbalance ratio. */
export interface AnnotationState {
  /** Annotations per class. */
  classCounts: number[];
  /** Largest over smallest class count. */
  imbalanceRatio: number;
}

/** Pseudo-label quality against gold. */
export interface PseudoLabelQuality {
  /** Mean precision over the majority classes. */
  precisionMajority: number;
  /** Mean recall over the minority classes. */
  recallMinority: number;
}

/** Counts and ratio of a label matrix for a round record. */
export function annotationState(labels: CrowdLabels): AnnotationState {
  const counts = annotationClassCounts(labels);
  return { classCounts: Array.from(counts), imbalanceRatio: imbalanceRatio(counts) };
}

/**
 * Mean precision over the majority classes and mean recall over the
 * minority classes of pseudo-labels against gold. `observedCounts` decides
 * which classes are the majority (the larger half; ties by class index).
 */
export function pseudoLabelQuality(
  items: ArrayLike<number>,
  labels: ArrayLike<number>,
  gold: GoldLabels,
  observedCounts: ArrayLike<number>,
): PseudoLabelQuality {
  const K = observedCounts.length;
  const byCount = Array.from({ length: K }, (_, k) => k).sort((a, b) => (observedCounts[b] as number) - (observedCounts[a] as number) || a - b);
  const majority = byCount.slice(0, Math.ceil(K / 2));
  const minority = byCount.slice(Math.ceil(K / 2));
  const predicted = new Float64Array(K);
  const actual = new Float64Array(K);
  const hit = new Float64Array(K);
  for (let j = 0; j < items.length; j++) {
    const y = gold.get(items[j] as number);
    if (y === undefined) continue;
    const k = labels[j] as number;
    predicted[k]!++;
    actual[y]!++;
    if (k === y) hit[k]!++;
  }
  const mean = (classes: number[], denominator: Float64Array) => {
    const values = classes.filter((k) => (denominator[k] as number) > 0).map((k) => (hit[k] as number) / (denominator[k] as number));
    return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
  };
  return { precisionMajority: mean(majority, predicted), recallMinority: mean(minority, actual) };
}
