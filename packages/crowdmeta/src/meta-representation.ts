import * as tf from '@tensorflow/tfjs-core';
import { columnStats, CrowdError, Features, Rng, standardize, type OptionTable, type Seed } from '@crowdlearn/core-matrix';
import { rowsTensor } from '@crowdlearn/neural';
import { episodeShape, rowsByClass, sampleEpisode, type EpisodeShape } from './episodes.js';
import { adapt, MetaNet, metaGradient } from './meta-net.js';

/** A labelled pool of feature vectors (classes as integers). */
export interface LabelledFeatures {
  /** The feature vectors, one row per instance. */
  features: Features;
  /** The class of every row. */
  classes: Int32Array;
}

/** What the meta-learning stage needs (specs/crowdmeta.md §2). */
export interface MetaRepresentationInput {
  /** Source-domain instances: classes other than the target's (`'classDisjoint'`) or a held-out split of the same classes. */
  source: LabelledFeatures;
  /** The fine-tuning support set: a few labelled instances per target class, classes 0..K-1. */
  support: LabelledFeatures;
  /** The target items to represent. */
  target: Features;
  /** K, the number of target classes. */
  numClasses: number;
}

/** Options of {@link metaRepresentation}. Defaults are the spec's (code values where it has them). */
export interface MetaRepresentationOptions {
  /** Hidden layer sizes of the MLP. Default [128, 64]. */
  hidden?: number[];
  /** Classes per episode (capped by the source classes). Default 5. */
  nWay?: number;
  /** Meta-iterations. Default 2000. */
  metaIters?: number;
  /** Tasks per meta-batch. Default 4. */
  metaBatch?: number;
  /** Inner steps during meta-training. Default 5. */
  innerSteps?: number;
  /** Inner step size α. Default 0.01. */
  innerLr?: number;
  /** Meta step size β (Adam). Default 1e-3. */
  metaLr?: number;
  /** Differentiate through the inner steps (second-order MAML). Default false: first-order, as the code. */
  secondOrder?: boolean;
  /** `'keep'` the meta-learned head (needs nWay = K), `'reinit'` a fresh one, or `'auto'` (default): keep when nWay = K. */
  ftHead?: 'auto' | 'keep' | 'reinit';
  /** Fine-tuning steps at α on the support set. Default 1 with the kept head, 20 with a fresh one. */
  ftSteps?: number;
  /** v_i: the adapted network's `'logits'` (default; D = K) or its last hidden layer (`'penultimate'`). */
  repr?: 'logits' | 'penultimate';
  /** Seed of initialisation and episodes. Default 0. */
  seed?: Seed;
  /** Called after every meta-iteration with the mean query loss of its tasks. */
  onProgress?: (iteration: number, iterations: number, loss: number) => void;
}

/** The meta-learning options the catalogue exposes: defaults and ranges. */
export const META_LEARNING_OPTIONS = {
  metaIters: { kind: 'integer', min: 1, default: 2000, description: 'MAML meta-iterations' },
  secondOrder: { kind: 'boolean', default: false, description: 'second-order MAML (default first-order)' },
} as const satisfies OptionTable;

/** The result of {@link metaRepresentation}. */
export interface MetaRepresentation {
  /** v_i of every target item, row-major N x D. */
  V: Float32Array;
  /** D. */
  dim: number;
  /** Mean query loss of each meta-iteration. */
  metaLoss: number[];
  /** The episode shape used. */
  episode: EpisodeShape;
  /** Whether the meta-learned head was kept for fine-tuning. */
  keptHead: boolean;
  /** Conditions worth knowing about (a small source budget, a class missing from the support set). */
  warnings: string[];
}

/**
 * CrowdMeta's first stage on feature vectors (specs/crowdmeta.md §2, §2.1):
 * MAML over N-way episodes drawn from the source pool (first-order by
 * default), then a few gradient steps on the target support set, and the
 * adapted network's outputs on the target items as their representations v_i.
 * Inputs are z-scored with statistics pooled over source and target.
 */
export async function metaRepresentation(input: MetaRepresentationInput, options: MetaRepresentationOptions = {}): Promise<MetaRepresentation> {
  const K = input.numClasses;
  const d = input.target.numCols;
  for (const [name, f] of [['source', input.source.features], ['support', input.support.features]] as const) {
    if (f.numCols !== d) throw new CrowdError('SHAPE_MISMATCH', `CrowdMeta: the ${name} features differ in width from the target's`, { expected: String(d), found: String(f.numCols) });
  }
  if (input.support.classes.some((k) => k < 0 || k >= K)) throw new CrowdError('INVALID_ARGUMENT', 'CrowdMeta: support classes must be in 0..K-1', { expected: `K = ${K}` });
  const warnings: string[] = [];
  const rng = new Rng(options.seed ?? 0);
  const stats = columnStats(stack([input.source.features, input.target]));
  const norm = (f: Features) => standardize(f, { stats }).features.data;
  const [source, support, target] = [norm(input.source.features), norm(input.support.features), norm(input.target)];
  const byClass = rowsByClass(input.source.classes);
  const shape = episodeShape(byClass, options.nWay ?? 5, warnings);
  const net = new MetaNet(d, options.hidden ?? [128, 64], shape.nWay, rng.fork('init'));
  try {
    const metaLoss = await metaTrain(net, source, d, byClass, shape, options, rng.fork('episodes'));
    const keep = options.ftHead === 'keep' || ((options.ftHead ?? 'auto') === 'auto' && shape.nWay === K);
    if (keep && shape.nWay !== K) throw new CrowdError('INVALID_ARGUMENT', "CrowdMeta: ftHead 'keep' needs nWay equal to the number of target classes", { expected: String(K), found: String(shape.nWay) });
    if (!keep) net.reinitHead(K, rng.fork('head'));
    const present = new Set(input.support.classes);
    for (let k = 0; k < K; k++) if (!present.has(k)) warnings.push(`target class ${k} has no fine-tuning instance: its output gets no gradient`);
    const steps = options.ftSteps ?? (keep ? 1 : 20);
    const alpha = options.innerLr ?? 0.01;
    const { V, dim } = tf.tidy(() => {
      const xs = rowsTensor(support, d, Int32Array.from({ length: input.support.features.numRows }, (_, j) => j));
      const adapted = adapt(net, net.params, xs, input.support.classes, K, steps, alpha);
      const xt = tf.tensor2d(target, [input.target.numRows, d]);
      const out = options.repr === 'penultimate' ? net.penultimate(xt, adapted) : net.logits(xt, adapted);
      return { V: out.dataSync() as Float32Array, dim: out.shape[1] };
    });
    return { V, dim, metaLoss, episode: shape, keptHead: keep, warnings };
  } finally {
    net.dispose();
  }
}

/** Eq. 2 by first-order (or second-order) MAML with Adam on θ; returns the mean query loss per iteration. */
async function metaTrain(net: MetaNet, x: Float32Array, d: number, byClass: Map<number, number[]>, shape: EpisodeShape, o: MetaRepresentationOptions, rng: Rng): Promise<number[]> {
  const iterations = o.metaIters ?? META_LEARNING_OPTIONS.metaIters.default;
  const batch = o.metaBatch ?? 4;
  const steps = o.innerSteps ?? 5;
  const alpha = o.innerLr ?? 0.01;
  const optimizer = tf.train.adam(o.metaLr ?? 1e-3);
  const losses: number[] = [];
  try {
    for (let it = 1; it <= iterations; it++) {
      let sum: tf.Tensor[] | undefined;
      let lossSum = 0;
      for (let t = 0; t < batch; t++) {
        const ep = sampleEpisode(byClass, shape, rng);
        const { grads, loss } = tf.tidy(() => {
          const task = { support: rowsTensor(x, d, ep.support), supportLabels: ep.supportLabels, query: rowsTensor(x, d, ep.query), queryLabels: ep.queryLabels };
          return metaGradient(net, task, shape.nWay, steps, alpha, o.secondOrder === true);
        });
        const value = loss.dataSync()[0] as number;
        if (!Number.isFinite(value)) {
          loss.dispose();
          grads.forEach((g) => g.dispose());
          sum?.forEach((s) => s.dispose());
          throw new CrowdError('NOT_CONVERGED', `CrowdMeta: the meta-training loss became ${value} at iteration ${it}`, { expected: 'a finite loss (a smaller metaLr or innerLr?)' });
        }
        lossSum += value / batch;
        loss.dispose();
        if (sum === undefined) sum = grads;
        else {
          const next = sum.map((s, j) => tf.add(s, grads[j] as tf.Tensor));
          sum.forEach((s) => s.dispose());
          grads.forEach((g) => g.dispose());
          sum = next;
        }
      }
      const mean = Object.fromEntries(net.params.map((p, j) => [p.name, tf.div((sum as tf.Tensor[])[j] as tf.Tensor, batch)]));
      optimizer.applyGradients(mean);
      Object.values(mean).forEach((g) => g.dispose());
      sum?.forEach((s) => s.dispose());
      losses.push(lossSum);
      o.onProgress?.(it, iterations, lossSum);
      // let progress bars and signals through on long runs
      if (it % 50 === 0) await new Promise((r) => setImmediate(r));
    }
  } finally {
    optimizer.dispose();
  }
  return losses;
}

/** The rows of several feature matrices of one width, one after the other. */
function stack(parts: Features[]): Features {
  const rows = parts.reduce((s, f) => s + f.numRows, 0);
  const data = new Float32Array(rows * (parts[0] as Features).numCols);
  let offset = 0;
  for (const f of parts) {
    data.set(f.data, offset);
    offset += f.data.length;
  }
  return new Features(data, rows, (parts[0] as Features).numCols);
}
