import type { CrowdLabels } from '../crowd-labels.js';
import type { GoldLabels } from '../gold-labels.js';
import { annotationClassCounts, goldClassCounts } from './class-distribution.js';
import { imbalanceRatio } from './imbalance.js';
import { density, labelsPerItem, labelsPerWorker } from './label-counts.js';
import { workerAccuracy } from './worker-accuracy.js';
import { classesAreNumbers, krippendorffAlpha } from '../metrics/krippendorff-alpha.js';

/** Summary of a distribution of counts. */
export interface CountSummary {
  /** Smallest value. */
  min: number;
  /** Largest value. */
  max: number;
  /** Arithmetic mean. */
  mean: number;
  /** Median (mean of the two middle values for an even count). */
  median: number;
}

/** What {@link describeCrowd} reports. */
export interface CrowdStats {
  /** Number of items N. */
  items: number;
  /** Number of workers R. */
  workers: number;
  /** Number of labels. */
  labels: number;
  /** Number of classes K. */
  classes: number;
  /** Labels whose origin is completed. */
  completedLabels: number;
  /** Labels / (N R). */
  density: number;
  /** 1 - density. */
  missingProportion: number;
  /** Items that received no label. */
  itemsWithoutLabels: number;
  /** Workers who gave no label. */
  workersWithoutLabels: number;
  /** Distribution of labels per item. */
  labelsPerItem: CountSummary;
  /** Distribution of labels per worker. */
  labelsPerWorker: CountSummary;
  /** Annotations per class. */
  annotationClassCounts: number[];
  /** DASC's R over annotations. */
  annotationImbalanceRatio: number;
  /** Krippendorff's alpha of the labels, nominal (NaN when no item has two labels). */
  krippendorffAlpha: number;
  /** Krippendorff's alpha with the interval metric, when every class id is a number (ratings). */
  krippendorffAlphaInterval?: number;
  /** Present when gold was given. */
  gold?: {
    /** Items that have gold. */
    items: number;
    /** Gold items per class. */
    classCounts: number[];
    /** DASC's R_g. */
    imbalanceRatio: number;
    /** Mean accuracy of the workers who labelled at least one gold item. */
    meanWorkerAccuracy: number;
    /** Sample standard deviation of those accuracies. */
    sdWorkerAccuracy: number;
    /** Fraction of labels on gold items that equal gold (labels pooled). */
    labelAccuracy: number;
  };
}

/** All the headline statistics of a label matrix, and of its gold when given. */
export function describeCrowd(labels: CrowdLabels, gold?: GoldLabels): CrowdStats {
  const perItem = labelsPerItem(labels);
  const perWorker = labelsPerWorker(labels);
  const classCounts = annotationClassCounts(labels);
  const d = density(labels);
  const stats: CrowdStats = {
    items: labels.numItems,
    workers: labels.numWorkers,
    labels: labels.numLabels,
    classes: labels.numClasses,
    completedLabels: labels.numCompleted,
    density: d,
    missingProportion: 1 - d,
    itemsWithoutLabels: countZeros(perItem),
    workersWithoutLabels: countZeros(perWorker),
    labelsPerItem: summarise(perItem),
    labelsPerWorker: summarise(perWorker),
    annotationClassCounts: Array.from(classCounts),
    annotationImbalanceRatio: imbalanceRatio(classCounts),
    krippendorffAlpha: krippendorffAlpha(labels),
  };
  if (classesAreNumbers(labels)) {
    stats.krippendorffAlphaInterval = krippendorffAlpha(labels, { metric: 'interval' });
  }
  if (gold !== undefined) {
    const wa = workerAccuracy(labels, gold);
    const accs = Array.from(wa.accuracy).filter((a) => !Number.isNaN(a));
    const mean = accs.length === 0 ? Number.NaN : accs.reduce((s, a) => s + a, 0) / accs.length;
    const sd =
      accs.length < 2 ? Number.NaN : Math.sqrt(accs.reduce((s, a) => s + (a - mean) ** 2, 0) / (accs.length - 1));
    const correct = wa.correct.reduce((s, c) => s + c, 0);
    const judged = wa.judged.reduce((s, c) => s + c, 0);
    const gc = goldClassCounts(gold);
    stats.gold = {
      items: gold.size,
      classCounts: Array.from(gc),
      imbalanceRatio: imbalanceRatio(gc),
      meanWorkerAccuracy: mean,
      sdWorkerAccuracy: sd,
      labelAccuracy: judged === 0 ? Number.NaN : correct / judged,
    };
  }
  return stats;
}

function countZeros(a: Int32Array): number {
  let z = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === 0) z++;
  return z;
}

/** Min, max, mean and median of counts; all 0 for an empty list. */
export function summarise(values: ArrayLike<number>): CountSummary {
  const n = values.length;
  if (n === 0) return { min: 0, max: 0, mean: 0, median: 0 };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] as number;
  const mid = n >> 1;
  const median = n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { min: sorted[0] as number, max: sorted[n - 1] as number, mean: sum / n, median };
}
