import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from '@tensorflow/tfjs-core/dist/tensor_types.js';
import type { WasmHeapBackend } from '../runtime/wasm-heap.js';
import { AdamSimd, type AdamScalars } from './adam-simd.js';

const f32 = Math.fround;

/** One variable's Adam moments, kept in JavaScript memory. */
interface Moments {
  first: Float32Array;
  second: Float32Array;
}

/**
 * Adam that updates each variable in one pass over its elements, with the
 * same results, bit for bit, as TF.js's `tf.train.adam`.
 *
 * TF.js's Adam runs about a dozen element-wise kernels per variable and step
 * (moments, bias corrections, square root, division, update), each a pass
 * over the variable's memory; for the 1M-weight first layer of an
 * 8192-feature MLP these took about 30% of a training step on wasm. Here
 * the moments live outside TF.js and one pass computes the new values: a
 * WebAssembly SIMD function (`AdamSimd`) where the runtime has SIMD,
 * else the JavaScript loop `adamElements`. Every operation is rounded to
 * float32 in TF.js's order, so on the wasm and cpu backends (whose float32
 * kernels round each operation, without fused multiply-add) the trained
 * weights are exactly those of `tf.train.adam`: the test checks it.
 */
export class FusedAdam extends tf.Optimizer {
  /** The name TF.js's serialisation uses for Adam. */
  static get className(): string {
    return 'Adam';
  }

  readonly #learningRate: number;
  readonly #beta1: number;
  readonly #beta2: number;
  readonly #epsilon: number;
  readonly #simd: AdamSimd | undefined;
  /** The moments when there is no SIMD. */
  readonly #moments = new Map<string, Moments>();
  /** β1^t and β2^t as float32, as TF.js keeps them. */
  #powerBeta1: number;
  #powerBeta2: number;

  /** Defaults as `tf.train.adam`: β1 0.9, β2 0.999, ε 1e-7. `simd: false` takes the JavaScript loop. */
  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7, simd = true) {
    super();
    this.#simd = simd ? AdamSimd.create() : undefined;
    this.#learningRate = learningRate;
    this.#beta1 = beta1;
    this.#beta2 = beta2;
    this.#epsilon = epsilon;
    this.#powerBeta1 = f32(beta1);
    this.#powerBeta2 = f32(beta2);
  }

  /** Applies one Adam step to the named variables. */
  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const gradients = Array.isArray(variableGradients) ? variableGradients : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    // Scalars as TF.js makes them: JavaScript numbers become float32 scalars; 1 - β is computed in double first.
    const scalars: AdamScalars = {
      beta1: f32(this.#beta1),
      beta2: f32(this.#beta2),
      oneMinusBeta1: f32(1 - this.#beta1),
      oneMinusBeta2: f32(1 - this.#beta2),
      correction1: f32(1 - this.#powerBeta1),
      correction2: f32(1 - this.#powerBeta2),
      epsilon: f32(this.#epsilon),
      step: f32(-this.#learningRate),
    };
    for (const { name, tensor: gradient } of gradients) {
      const variable = tf.engine().registeredVariables[name];
      if (variable === undefined) throw new Error(`FusedAdam: no variable named ${name}`);
      if (gradient == null) continue;
      let next: Float32Array;
      if (this.#simd !== undefined) {
        const view = this.#simd.step(name, float32Data(gradient), float32Data(variable), scalars);
        // tf.tensor copies the values into the wasm heap; other backends keep the array, so they get a copy
        next = tf.getBackend() === 'wasm' ? view : view.slice();
      } else {
        next = this.#stepInJavaScript(name, gradient, variable, scalars);
      }
      tf.tidy(() => variable.assign(tf.tensor(next, variable.shape, 'float32')));
    }
    this.#powerBeta1 = f32(this.#powerBeta1 * scalars.beta1);
    this.#powerBeta2 = f32(this.#powerBeta2 * scalars.beta2);
    this.incrementIterations();
  }

  #stepInJavaScript(name: string, gradient: tf.Tensor, variable: tf.Variable, s: AdamScalars): Float32Array {
    let moments = this.#moments.get(name);
    if (moments === undefined) this.#moments.set(name, (moments = { first: new Float32Array(variable.size), second: new Float32Array(variable.size) }));
    const next = new Float32Array(variable.size);
    adamElements(gradient.dataSync() as Float32Array, variable.dataSync() as Float32Array, moments, next, s);
    return next;
  }

  /** The settings, as `tf.train.adam` reports them. */
  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.#learningRate, beta1: this.#beta1, beta2: this.#beta2, epsilon: this.#epsilon };
  }

  /** Frees the moments. */
  override dispose(): void {
    this.#moments.clear();
    super.dispose();
  }
}

/**
 * The update, element by element, each operation rounded to float32 as
 * TF.js's Adam rounds it: `m' = m·β1 + g·(1-β1)`, `v' = v·β2 + g²·(1-β2)`,
 * `x' = ((m'/c1) / (sqrt(v'/c2) + ε))·(-lr) + x`.
 */
function adamElements(g: Float32Array, x: Float32Array, { first, second }: Moments, next: Float32Array, s: AdamScalars): void {
  for (let i = 0; i < x.length; i++) {
    const gi = g[i] as number;
    const m = f32(f32((first[i] as number) * s.beta1) + f32(gi * s.oneMinusBeta1));
    const v = f32(f32((second[i] as number) * s.beta2) + f32(f32(gi * gi) * s.oneMinusBeta2));
    first[i] = m;
    second[i] = v;
    const mHat = f32(m / s.correction1);
    const vHat = f32(v / s.correction2);
    next[i] = f32(f32(f32(mHat / f32(f32(Math.sqrt(vHat)) + s.epsilon)) * s.step) + (x[i] as number));
  }
}

/** A float32 tensor's values: a view of the wasm heap (no copy) on wasm, else `dataSync`. */
function float32Data(t: tf.Tensor): Float32Array {
  if (tf.getBackend() === 'wasm') return (tf.backend() as unknown as WasmHeapBackend).typedArrayFromHeap(t) as Float32Array;
  return t.dataSync() as Float32Array;
}
