import * as tf from '@tensorflow/tfjs-core';
import { resolveOptions, type OptionTable, type Rng } from '@crowdlearn/core-matrix';
import { selectRows } from '../layers/select-rows.js';
import { vectorTimesMatrices } from '../layers/row-products.js';
import type { AnnotationBatch } from './annotation-batch.js';
import { BaseCrowdModel, type BaseModelOptions } from './base-model.js';

/** Crowdlayer's worker transformation: a matrix (MW), a vector of weights (VW) or of biases (VB). */
export type CrowdlayerVariant = 'MW' | 'VW' | 'VB';

/** Options of {@link Crowdlayer}. */
export interface CrowdlayerOptions extends BaseModelOptions {
  /** Default `'MW'` (what DASC's Table 2 calls Crowdlayer). */
  variant?: CrowdlayerVariant;
  /** MW starts at `scale * I` (1 in the Crowdlayer code, 2 in CrowdInG's). Default 1. */
  mwInitScale?: number;
}

/** {@link Crowdlayer}'s own options: defaults and ranges. */
export const CROWDLAYER_OPTIONS = {
  variant: { kind: 'choice', choices: ['MW', 'VW', 'VB'], default: 'MW', description: 'the worker transformation: a matrix, a vector of weights or of biases' },
  mwInitScale: { kind: 'number', min: 0, exclusiveMin: true, default: 1, description: 'MW starts at mwInitScale·I (1 in the Crowdlayer code, 2 in CrowdInG\'s)' },
} as const satisfies OptionTable;

/**
 * Crowdlayer (Rodrigues & Pereira 2018): the classifier's distribution f(x)
 * passes through a per-worker transformation and a softmax to give that
 * worker's annotation distribution, `softmax(a_r(f(x)))` with
 * `a_r(f) = f W_r` (MW, W_r = I at start), `f ⊙ w_r` (VW, ones) or `f + b_r`
 * (VB, zeros); trained end to end by cross-entropy on the observed
 * annotations; predicts with f.
 *
 * Cite: F. Rodrigues, F. C. Pereira, "Deep learning from crowds", AAAI 2018.
 */
export class Crowdlayer extends BaseCrowdModel {
  readonly kind: string;
  /** The worker transformation. */
  readonly variant: CrowdlayerVariant;
  readonly #mwInitScale: number;
  #workerParams: tf.Variable | undefined;

  constructor(options: CrowdlayerOptions) {
    super(options);
    const o = resolveOptions('crowdlayer', CROWDLAYER_OPTIONS, options);
    this.variant = o.variant;
    this.kind = `crowdlayer-${this.variant.toLowerCase()}`;
    this.#mwInitScale = o.mwInitScale;
  }

  protected buildCrowdParams(_rng: Rng): void {
    const R = this.numWorkers;
    const K = this.numClasses;
    const initial = tf.tidy(() =>
      this.variant === 'MW'
        ? tf.mul(tf.tile(tf.expandDims(tf.eye(K), 0), [R, 1, 1]), this.#mwInitScale)
        : this.variant === 'VW'
          ? tf.ones([R, K])
          : tf.zeros([R, K]),
    );
    this.#workerParams = this.store.add('crowdlayer/workers', initial);
  }

  /** Worker parameters: [R, K, K] for MW (row k: how class k is annotated), [R, K] for VW and VB. */
  get workerParameters(): tf.Variable | undefined {
    return this.#workerParams;
  }

  protected annotationProbs(x: tf.Tensor2D, batch: AnnotationBatch, training: boolean): tf.Tensor2D {
    const K = this.numClasses;
    const f = selectRows(this.classProbs(x, training), batch.position);
    const params = this.#workerParams as tf.Variable;
    const w = selectRows(tf.reshape(params, [this.numWorkers, -1]) as tf.Tensor2D, batch.worker);
    const a =
      this.variant === 'MW'
        ? vectorTimesMatrices(f, tf.reshape(w, [batch.count, K, K]) as tf.Tensor3D)
        : this.variant === 'VW'
          ? tf.mul(f, w)
          : tf.add(f, w);
    return tf.softmax(a as tf.Tensor2D);
  }
}
