import * as tf from '@tensorflow/tfjs-core';

/** One named parameter of a model. */
export interface Param {
  /** Unique name, used to save and load. */
  name: string;
  /** The variable. */
  variable: tf.Variable;
  /** Whether the optimiser updates it (false for batch-norm moving statistics). */
  trainable: boolean;
  /** Whether weight decay applies (kernels, not biases). */
  decay: boolean;
}

/** The named variables of a model: what the optimiser updates, what is saved, what is disposed. */
export class ParamStore {
  readonly #params = new Map<string, Param>();

  /** Adds a variable made from `initial` (which the store takes and disposes). */
  add(name: string, initial: tf.Tensor, options: { trainable?: boolean; decay?: boolean } = {}): tf.Variable {
    if (this.#params.has(name)) throw new Error(`duplicate parameter name ${name}`);
    const trainable = options.trainable ?? true;
    const variable = tf.variable(initial, trainable, `${name}_${nextId++}`);
    initial.dispose();
    this.#params.set(name, { name, variable, trainable, decay: options.decay ?? false });
    return variable;
  }

  /** The parameter called `name`. */
  get(name: string): tf.Variable {
    const p = this.#params.get(name);
    if (p === undefined) throw new Error(`no parameter named ${name}`);
    return p.variable;
  }

  /** Every parameter, in insertion order. */
  all(): Param[] {
    return [...this.#params.values()];
  }

  /** The trainable variables whose names start with one of `prefixes` (all of them when none given). */
  trainable(prefixes?: readonly string[]): tf.Variable[] {
    return this.all()
      .filter((p) => p.trainable && (prefixes === undefined || prefixes.some((x) => p.name.startsWith(x))))
      .map((p) => p.variable);
  }

  /** `Σ ||W||²` over the decayed parameters (kernels). */
  decayPenalty(): tf.Scalar {
    return tf.tidy(() => {
      const terms = this.all()
        .filter((p) => p.decay)
        .map((p) => tf.sum(tf.square(p.variable)));
      return terms.length === 0 ? tf.scalar(0) : (tf.addN(terms) as tf.Scalar);
    });
  }

  /** Copies of every value (for early stopping's best weights). */
  snapshot(): Map<string, tf.Tensor> {
    return new Map(this.all().map((p) => [p.name, tf.clone(p.variable)]));
  }

  /** Assigns values by name; missing or misshapen values are an error. */
  restore(values: Map<string, tf.Tensor> | tf.NamedTensorMap): void {
    for (const p of this.all()) {
      const v = values instanceof Map ? values.get(p.name) : values[p.name];
      if (v === undefined) throw new Error(`no value for parameter ${p.name}`);
      if (v.shape.join(',') !== p.variable.shape.join(',')) {
        throw new Error(`parameter ${p.name} has shape [${p.variable.shape}], the value [${v.shape}]`);
      }
      p.variable.assign(v);
    }
  }

  /** Disposes every variable. */
  dispose(): void {
    for (const p of this.all()) p.variable.dispose();
    this.#params.clear();
  }
}

let nextId = 0;
