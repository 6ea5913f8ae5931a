import { aggregate, confidentItems, type AggregateOptions, type AggregatorName, type FeatureAggregatorName } from '@crowdlearn/aggregators';
import type { TieBreak } from '@crowdlearn/core-matrix';
import type { CrowdLabels, Seed } from '@crowdlearn/core-matrix';

/** An aggregator that needs no features and returns a posterior: what can label the source domain. */
export type SourceAggregatorName = Exclude<AggregatorName, FeatureAggregatorName>;

/** Options of {@link buildSourceDomain} (TLLC Algorithm 1). */
export interface SourceDomainOptions {
  /** Aggregator giving ŷ_i and P(k | L_i) (Eqs. 1-2). Default `'mv'`: the label distribution of majority voting. */
  sourceAggregator?: SourceAggregatorName;
  /** Tie rule of the aggregated label. Default `'random'`. */
  tieBreak?: TieBreak;
  /** Comparison of Eq. 4: `'>='` (default, as the poster) or `'>'`. */
  sourceCompare?: '>=' | '>';
  /** Items with fewer labels never enter the source domain. Default 1 (keep single-label items, as the spec's edge cases). */
  minLabelsForSource?: number;
  /**
   * Filter by the class-wise mean confidence (default true). When false (the
   * poster's "without filtering" ablation), every labelled item enters the
   * source domain with its aggregated label.
   */
  useFilter?: boolean;
  /** Seed of the tie breaks. Default 0. */
  seed?: Seed;
}

/** The source domain D_S of TLLC and how it was chosen. */
export interface SourceDomain {
  /** ŷ_i of every item (Eq. 2). */
  aggregated: Int32Array;
  /** P(ŷ_i | L_i) of every item (NaN for items without labels). */
  confidence: Float64Array;
  /** μ_k, the class-wise mean confidence (Eq. 3); NaN for a class no item was aggregated to. */
  threshold: Float64Array;
  /** The items of X_S, ascending (Eq. 4). */
  items: Int32Array;
  /** The source label ŷ_i of each item of X_S (Eq. 5). */
  labels: Int32Array;
  /** Whether the confidence filter was applied (false when switched off or when it left fewer than 2 classes). */
  filtered: boolean;
  /** Why the filter fell back to every item, when it did. */
  warning?: string;
}

/**
 * TLLC Algorithm 1: aggregate the labels (Eqs. 1-2), take the class-wise mean
 * confidence μ_k (Eq. 3), and keep the items whose confidence in their
 * aggregated label reaches their class's μ (Eqs. 4-5). If the kept items
 * cover fewer than 2 classes, pretraining pairs would all be same-label, so
 * the filter is dropped and a warning says so (spec A.7).
 */
export function buildSourceDomain(labels: CrowdLabels, options: SourceDomainOptions = {}): SourceDomain {
  const K = labels.numClasses;
  const N = labels.numItems;
  const choice = { method: options.sourceAggregator ?? 'mv', tieBreak: options.tieBreak ?? 'random', seed: options.seed ?? 0 };
  const result = aggregate(labels, choice as AggregateOptions);
  const aggregated = result.labels;
  const confidence = new Float64Array(N).fill(Number.NaN);
  for (let i = 0; i < N; i++) {
    if (labels.itemDegree(i) > 0) confidence[i] = result.posteriors[i * K + (aggregated[i] as number)] as number;
  }
  const split = confidentItems(labels, result.posteriors, aggregated, { compare: options.sourceCompare ?? '>=' });
  const minLabels = options.minLabelsForSource ?? 1;
  const eligible = (i: number) => labels.itemDegree(i) >= Math.max(1, minLabels);
  let filtered = options.useFilter ?? true;
  let warning: string | undefined;
  let items = filtered ? split.items.filter(eligible) : allLabelled(N, eligible);
  if (filtered && distinctClasses(items, aggregated) < 2) {
    warning = `the source domain covers ${distinctClasses(items, aggregated)} class(es); pretraining on every labelled item instead (useFilter=false)`;
    filtered = false;
    items = allLabelled(N, eligible);
  }
  return {
    aggregated,
    confidence,
    threshold: split.threshold,
    items,
    labels: Int32Array.from(items, (i) => aggregated[i] as number),
    filtered,
    ...(warning === undefined ? {} : { warning }),
  };
}

function allLabelled(n: number, keep: (i: number) => boolean): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep(i)) out.push(i);
  return Int32Array.from(out);
}

function distinctClasses(items: Int32Array, aggregated: Int32Array): number {
  return new Set(Array.from(items, (i) => aggregated[i] as number)).size;
}
