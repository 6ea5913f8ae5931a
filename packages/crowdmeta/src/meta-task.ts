import { CrowdError, Features, toRng, type RandomSource } from '@crowdlearn/core-matrix';
import { simulateCrowd, SIMULATION_PRESETS, type Dataset, type SimulateCrowdOptions, type SimulatedCrowd } from '@crowdlearn/datasets';
import { rowsByClass } from './episodes.js';
import type { LabelledFeatures, MetaRepresentationInput } from './meta-representation.js';

/** Options of {@link classDisjointTask} (specs/crowdmeta.md §2.1, §5). */
export interface MetaTaskOptions {
  /** The classes of the pool that form the target task; default `numTargetClasses` drawn with the seed. */
  targetClasses?: readonly number[];
  /** Number of target classes when they are drawn. Default 5. */
  numTargetClasses?: number;
  /** Target items per class. Default 100, lowered so that `supportPerClass` instances stay outside the target. */
  itemsPerClass?: number;
  /** Gold-labelled fine-tuning instances per target class, drawn outside the target items. Default 5. */
  supportPerClass?: number;
  /** Source instances per source class, or `'all'`. Default 5 (the abstract's budget). */
  sourcePerClass?: number | 'all';
  /** Seed of the draws. Default 0. */
  seed?: RandomSource;
}

/** A target task with its source domain and fine-tuning support. */
export interface MetaTask extends MetaRepresentationInput {
  /** The target items with their true classes (0..K-1). */
  targetGold: Int32Array;
  /** The pool's classes behind target classes 0..K-1. */
  targetClasses: number[];
  /** The pool's classes that form the source domain. */
  sourceClasses: number[];
  /** The pool rows behind the target items, the support set and the source set. */
  rows: TaskRows;
}

/** Which rows of the pool a {@link MetaTask} took. */
export interface TaskRows {
  /** The target items' rows, in target order. */
  target: Int32Array;
  /** The support set's rows. */
  support: Int32Array;
  /** The source set's rows. */
  source: Int32Array;
}

/**
 * The `'classDisjoint'` task of specs/crowdmeta.md §2.1 from one labelled
 * feature space: some classes form the target task (items per class, plus a
 * few held-out gold instances per class for fine-tuning), the other classes
 * the source domain with a small budget per class. Target classes are
 * renumbered 0..K-1 in the order given.
 */
export function classDisjointTask(pool: LabelledFeatures, options: MetaTaskOptions = {}): MetaTask {
  const rng = toRng(options.seed ?? 0);
  const byClass = rowsByClass(pool.classes);
  const all = [...byClass.keys()].sort((a, b) => a - b);
  const targetClasses = options.targetClasses !== undefined ? [...options.targetClasses] : Array.from(rng.fork('classes').sample(all.length, options.numTargetClasses ?? 5), (j) => all[j] as number);
  const unknown = targetClasses.find((k) => !byClass.has(k));
  if (unknown !== undefined) throw new CrowdError('UNKNOWN_CLASS', `CrowdMeta: target class ${unknown} is not in the pool`, { expected: all.join(', ') });
  const sourceClasses = all.filter((k) => !targetClasses.includes(k));
  if (targetClasses.length < 2 || sourceClasses.length < 2) {
    throw new CrowdError('INVALID_ARGUMENT', 'CrowdMeta: a class-disjoint task needs at least 2 target and 2 source classes', { found: `${targetClasses.length} target, ${sourceClasses.length} source` });
  }
  const supportPerClass = options.supportPerClass ?? 5;
  const draw = rng.fork('rows');
  const target: number[] = [];
  const targetGold: number[] = [];
  const support: number[] = [];
  const supportClasses: number[] = [];
  targetClasses.forEach((c, k) => {
    const rows = byClass.get(c) as number[];
    const perm = draw.permutation(rows.length);
    const n = Math.min(options.itemsPerClass ?? 100, rows.length - supportPerClass);
    if (n < 1) throw new CrowdError('INVALID_ARGUMENT', `CrowdMeta: class ${c} has too few rows for ${supportPerClass} support instances and a target`, { found: String(rows.length) });
    perm.forEach((p, j) => {
      if (j < n) {
        target.push(rows[p] as number);
        targetGold.push(k);
      } else if (j < n + supportPerClass) {
        support.push(rows[p] as number);
        supportClasses.push(k);
      }
    });
  });
  const source: number[] = [];
  const sourceLabels: number[] = [];
  for (const c of sourceClasses) {
    const rows = byClass.get(c) as number[];
    const n = options.sourcePerClass === 'all' ? rows.length : Math.min(options.sourcePerClass ?? 5, rows.length);
    for (const p of draw.sample(rows.length, n)) {
      source.push(rows[p] as number);
      sourceLabels.push(c);
    }
  }
  const pick = (rows: number[]) => pool.features.selectRows(Int32Array.from(rows));
  return {
    target: pick(target),
    targetGold: Int32Array.from(targetGold),
    numClasses: targetClasses.length,
    support: { features: pick(support), classes: Int32Array.from(supportClasses) },
    source: { features: pick(source), classes: Int32Array.from(sourceLabels) },
    targetClasses,
    sourceClasses,
    rows: { target: Int32Array.from(target), support: Int32Array.from(support), source: Int32Array.from(source) },
  };
}

/**
 * Every item of a bundled dataset that has both features and a gold label:
 * the crowd items and the validation and test splits. Throws when the
 * dataset has no features.
 */
export function labelledPool(d: Dataset): LabelledFeatures {
  if (d.features === undefined) throw new CrowdError('INVALID_ARGUMENT', `CrowdMeta: dataset ${d.meta.name} has no features`);
  const data: number[] = [];
  const classes: number[] = [];
  const add = (features: Features, gold: (i: number) => number | undefined) => {
    for (let i = 0; i < features.numRows; i++) {
      const g = gold(i);
      if (g === undefined) continue;
      for (let j = 0; j < features.numCols; j++) data.push(features.data[i * features.numCols + j] as number);
      classes.push(g);
    }
  };
  add(d.features, (i) => d.gold?.get(i));
  for (const split of [d.valid, d.test]) if (split?.features !== undefined) add(split.features, (i) => split.gold.get(i));
  return { features: new Features(Float32Array.from(data), classes.length, d.features.numCols), classes: Int32Array.from(classes) };
}

/**
 * The paper's crowd on a target task (specs/crowdmeta.md §5): 30 workers (5
 * spammers, 5 random, 12 "normal" workers right with probability 0.8 on 2
 * familiar classes and 0.45 elsewhere, 8 experts at 0.9), each item labelled
 * by exactly 3 of them, answering about the task's true classes.
 */
export function simulateMetaCrowd(task: MetaTask, seed: RandomSource, overrides: SimulateCrowdOptions = {}): SimulatedCrowd {
  return simulateCrowd({ ...SIMULATION_PRESETS.crowdmeta, numClasses: task.numClasses, featureDim: 0, ...overrides, truth: task.targetGold }, seed);
}
