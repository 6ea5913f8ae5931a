import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@crowdlearn/core-matrix';
import { createOptimizer, rowsTensor, type Crowdlayer } from '@crowdlearn/neural';
import { crmLoss } from './crm-loss.js';
import { buildBatch, cellItems, cellTensors, disposeBatch, type GanBatch, type GanData } from './gan-batch.js';
import { Discriminator } from './networks/discriminator.js';
import { Generator } from './networks/generator.js';
import type { CrowdInGSettings } from './options.js';

/** D's verdict ℓ on each cell's sampled annotation, and Q's information cost ι, with D and Q frozen. */
export interface CellCosts {
  /** [B·R] L_G(D(ỹ)). */
  adversarial: Float32Array;
  /** [B·R] ι = -Σ_k ẑ_k log Q(k | cell, ỹ); zeros without Q. */
  information: Float32Array;
}

/** The cells (indices n·R + r) of the two CRM steps of a minibatch. */
export interface StepCells {
  /** Step A, the generator's update: instances with H(ẑ) ≤ t. */
  stepA: Int32Array;
  /** Step B, the classifier's update: the other instances. */
  stepB: Int32Array;
}

/** The kinds of parameter update, in the order a minibatch runs them. */
export type UpdateKind = 'discriminator' | 'generator' | 'classifier' | 'joint';

/** What one minibatch of the GAN schedule did. */
export interface BatchRecord {
  /** Instances. */
  instances: number;
  /** Observed annotations Ω_B. */
  observed: number;
  /** Generated annotations chosen for D (Φ). */
  selected: number;
  /** Cells of Step A (the generator's update). */
  stepACells: number;
  /** Cells of Step B (the classifier's update). */
  stepBCells: number;
  /** Mean D/Q loss over the D/Q updates. */
  discriminatorLoss: number;
  /** Mean adversarial cost ℓ over every cell. */
  adversarialCost: number;
  /** The updates run, in order. */
  updates: UpdateKind[];
}

/**
 * CrowdInG's networks and their updates (specs/crowding.md §3-§4) around a
 * pretrained Crowdlayer, whose classifier f is the one CrowdInG trains:
 * the generator G and its logging copy G₀, the discriminator D with the
 * auxiliary network Q, one Adam optimiser per module, and each kind of
 * update as a method, so that the schedule (and a test) can run them one by
 * one.
 */
export class CrowdInGTrainer {
  /** The settings in force. */
  readonly settings: CrowdInGSettings;
  /** The pretrained Crowdlayer; CrowdInG updates its classifier (variables `classifier/...`). */
  readonly classifier: Crowdlayer;
  /** G. */
  readonly generator: Generator;
  /** G₀, the logging policy. */
  readonly logging: Generator;
  /** D and Q. */
  readonly discriminator: Discriminator;
  /** The data as the networks see it. */
  readonly data: GanData;
  readonly #optimizers: { generator: tf.Optimizer; classifier: tf.Optimizer; discriminator: tf.Optimizer };

  constructor(classifier: Crowdlayer, data: GanData, settings: CrowdInGSettings, adjacency: Float32Array, rng: Rng) {
    this.settings = settings;
    this.classifier = classifier;
    this.data = data;
    const K = data.labels.numClasses;
    const q = data.annotators.shape[1];
    const gConfig = { inputDim: data.inputDim, annotatorDim: q, numClasses: K, inputs: settings.generatorInputs };
    this.generator = new Generator(gConfig, rng.fork('generator'));
    this.logging = new Generator(gConfig, rng.fork('generator'));
    this.logging.copyFrom(this.generator);
    this.discriminator = new Discriminator(
      { inputDim: data.inputDim, annotatorDim: q, numClasses: K, lca: settings.lca, adjacency, withInfo: settings.informationWeight > 0 },
      rng.fork('discriminator'),
    );
    const scale = settings.codeLrScaling ? { generator: 10, classifier: 1 / 5 } : { generator: 1, classifier: 1 };
    const adam = (learningRate: number) => createOptimizer({ type: 'adam', learningRate }).optimizer;
    this.#optimizers = {
      generator: adam(settings.learningRate * scale.generator),
      classifier: adam(settings.learningRate * scale.classifier),
      discriminator: adam(settings.discriminatorLearningRate),
    };
  }

  /** ẑ of a batch [B, d], detached, as host values [B·K]. */
  classProbs(x: tf.Tensor2D): Float32Array {
    const z = tf.tidy(() => this.classifier.classProbs(x, false));
    const values = z.dataSync() as Float32Array;
    z.dispose();
    return values;
  }

  /** Builds the minibatch of the instances `items` (dataset indices). */
  batch(items: Int32Array, rng: Rng): GanBatch {
    return buildBatch(this.data, items, (x) => this.classProbs(x), this.logging, this.settings.selection, rng);
  }

  /** G₀ ← G. */
  refreshLogging(): void {
    this.logging.copyFrom(this.generator);
  }

  /**
   * One update of D (and Q) on the real cells Ω_B and the selected
   * generated cells Φ (the §4 loss L_DQ). Returns the loss, or NaN when the
   * batch has no real cell.
   */
  discriminatorStep(batch: GanBatch): number {
    const s = this.settings;
    const K = this.data.labels.numClasses;
    const R = this.data.labels.numWorkers;
    const real = batch.observed.cell.length;
    if (real === 0) return Number.NaN;
    const cells = Int32Array.from([...batch.observed.cell, ...batch.fake]);
    const labels = Int32Array.from([...batch.observed.label, ...Array.from(batch.fake, (c) => batch.sampled[c] as number)]);
    const fake = batch.fake.length;
    const vars = this.discriminator.store.trainable();
    const cost = this.#optimizers.discriminator.minimize(
      () => {
        const e = this.discriminator.encode(batch.x, this.data.annotators, true);
        const index = tf.tensor1d(cells, 'int32');
        const logits = tf.gather(this.discriminator.gridLogits(e), index) as tf.Tensor2D;
        const y = tf.tensor1d(labels, 'int32');
        const picked = tf.sum(tf.mul(logits, oneHot(y, K)), 1);
        // -log D(y) = softplus(-logit) and -log(1 - D(ỹ)) = softplus(logit)
        let loss = tf.mean(tf.softplus(tf.neg(tf.slice(picked, 0, real))));
        if (fake > 0) loss = tf.add(loss, tf.mul(tf.mean(tf.softplus(tf.slice(picked, real, fake))), s.fakeWeight));
        const d = tf.sigmoid(logits);
        const sparsity = s.sparsity === 'l2' ? tf.mean(tf.sqrt(tf.sum(tf.square(d), 1))) : tf.mean(d);
        loss = tf.add(loss, tf.mul(sparsity, s.sparsityWeight));
        if (s.informationWeight > 0) {
          const c = cellTensors(cells, R);
          const z = rowsTensor(batch.classProbs, K, cellItems(cells, R));
          const iota = tf.neg(tf.sum(tf.mul(z, this.discriminator.infoLogProbs(e, c, y, true)), 1));
          let info = tf.mean(tf.slice(iota, 0, real));
          if (fake > 0) info = tf.add(info, tf.mean(tf.slice(iota, real, fake)));
          loss = tf.add(loss, tf.mul(info, s.informationWeight));
        }
        if (s.discriminatorWeightDecay > 0) {
          loss = tf.add(loss, tf.mul(tf.addN(vars.map((v) => tf.sum(tf.square(v)))), s.discriminatorWeightDecay / 2));
        }
        return loss as tf.Scalar;
      },
      true,
      vars,
    ) as tf.Scalar;
    const value = cost.dataSync()[0] as number;
    cost.dispose();
    return value;
  }

  /** ℓ and ι of every cell's sampled annotation, with D and Q frozen (inference mode). */
  cellCosts(batch: GanBatch): CellCosts {
    const s = this.settings;
    const K = this.data.labels.numClasses;
    const R = this.data.labels.numWorkers;
    const all = Int32Array.from({ length: batch.sampled.length }, (_, c) => c);
    const [adversarial, information] = tf.tidy(() => {
      const e = this.discriminator.encode(batch.x, this.data.annotators, false);
      const y = tf.tensor1d(batch.sampled, 'int32');
      const logit = tf.sum(tf.mul(this.discriminator.gridLogits(e), oneHot(y, K)), 1);
      const ell =
        s.generatorLoss === 'nonSaturating' ? tf.neg(tf.log(tf.div(tf.add(tf.sigmoid(logit), 0.001), 1.001))) : tf.neg(tf.softplus(logit));
      const iota =
        s.informationWeight > 0
          ? tf.neg(tf.sum(tf.mul(rowsTensor(batch.classProbs, K, cellItems(all, R)), this.discriminator.infoLogProbs(e, cellTensors(all, R), y, false)), 1))
          : tf.zerosLike(ell);
      return [ell, iota];
    });
    const out = { adversarial: adversarial.dataSync() as Float32Array, information: information.dataSync() as Float32Array };
    adversarial.dispose();
    information.dispose();
    return out;
  }

  /** The cells of Step A (instances the classifier is sure of, H(ẑ) ≤ t) and of Step B (the rest). */
  splitCells(batch: GanBatch): StepCells {
    const s = this.settings;
    const R = this.data.labels.numWorkers;
    const scale = s.entropyNormalized ? Math.log(this.data.labels.numClasses) : 1;
    const stepA: number[] = [];
    const stepB: number[] = [];
    batch.classEntropy.forEach((h, n) => {
      const target = h / scale <= s.entropyThreshold ? stepA : stepB;
      for (let r = 0; r < R; r++) {
        const c = n * R + r;
        if (s.generatorCells === 'all' || batch.isObserved[c] === 0) target.push(c);
      }
    });
    return { stepA: Int32Array.from(stepA), stepB: Int32Array.from(stepB) };
  }

  /** Step A: one CRM update of G (Eq. 5, cost ℓ + λι) on `cells`, the classifier detached. */
  generatorStep(batch: GanBatch, cells: Int32Array, costs: CellCosts): number {
    const delta = Float32Array.from(cells, (c) => (costs.adversarial[c] as number) + this.settings.informationWeight * (costs.information[c] as number));
    return this.#minimize('generator', () => this.#crm(batch, cells, delta, 'generator'));
  }

  /** Step B: one CRM update of the classifier (Eq. 6, cost ℓ) on `cells`, G frozen, the gradient flowing through ẑ. */
  classifierStep(batch: GanBatch, cells: Int32Array, costs: CellCosts): number {
    const ell = Float32Array.from(cells, (c) => costs.adversarial[c] as number);
    return this.#minimize('classifier', () => this.#crm(batch, cells, ell, 'classifier'));
  }

  /** The one-step variant: G (Eq. 5) and the classifier (Eq. 6) updated together from the same state on `cells`. */
  jointStep(batch: GanBatch, cells: Int32Array, costs: CellCosts): number {
    const delta = Float32Array.from(cells, (c) => (costs.adversarial[c] as number) + this.settings.informationWeight * (costs.information[c] as number));
    const ell = Float32Array.from(cells, (c) => costs.adversarial[c] as number);
    const g = tf.variableGrads(() => this.#crm(batch, cells, delta, 'generator'), this.generator.store.trainable());
    const c = tf.variableGrads(() => this.#crm(batch, cells, ell, 'classifier'), this.#classifierVars());
    this.#optimizers.generator.applyGradients(g.grads);
    this.#optimizers.classifier.applyGradients(c.grads);
    const value = g.value.dataSync()[0] as number;
    tf.dispose([g.value, c.value, ...Object.values(g.grads), ...Object.values(c.grads)]);
    return value;
  }

  /**
   * The §4 schedule on one minibatch: build it (G₀ samples, selection), nD
   * D/Q updates, freeze D and Q to score every cell, then nG Step A updates
   * and nG Step B updates (or nG joint updates in the one-step variant).
   * Empty steps are skipped.
   */
  trainBatch(items: Int32Array, rng: Rng): BatchRecord {
    const s = this.settings;
    const batch = this.batch(items, rng);
    try {
      const updates: UpdateKind[] = [];
      let dLoss = 0;
      let dSteps = 0;
      for (let j = 0; j < s.discriminatorSteps; j++) {
        const loss = this.discriminatorStep(batch);
        if (Number.isNaN(loss)) break;
        dLoss += loss;
        dSteps++;
        updates.push('discriminator');
      }
      const costs = this.cellCosts(batch);
      const { stepA, stepB } = this.splitCells(batch);
      if (s.twoStep) {
        for (let j = 0; j < s.generatorSteps && stepA.length > 0; j++) {
          this.generatorStep(batch, stepA, costs);
          updates.push('generator');
        }
        for (let j = 0; j < s.generatorSteps && stepB.length > 0; j++) {
          this.classifierStep(batch, stepB, costs);
          updates.push('classifier');
        }
      } else {
        const all = Int32Array.from([...stepA, ...stepB]).sort();
        for (let j = 0; j < s.generatorSteps && all.length > 0; j++) {
          this.jointStep(batch, all, costs);
          updates.push('joint');
        }
      }
      return {
        instances: items.length,
        observed: batch.observed.cell.length,
        selected: batch.fake.length,
        stepACells: s.twoStep ? stepA.length : stepA.length + stepB.length,
        stepBCells: s.twoStep ? stepB.length : stepA.length + stepB.length,
        discriminatorLoss: dSteps > 0 ? dLoss / dSteps : Number.NaN,
        adversarialCost: costs.adversarial.reduce((a, b) => a + b, 0) / costs.adversarial.length,
        updates,
      };
    } finally {
      disposeBatch(batch);
    }
  }

  /** Only D/Q updates on one minibatch (their pretraining, G frozen). */
  discriminatorBatch(items: Int32Array, rng: Rng): number {
    const batch = this.batch(items, rng);
    try {
      let sum = 0;
      for (let j = 0; j < this.settings.discriminatorSteps; j++) sum += this.discriminatorStep(batch);
      return sum / this.settings.discriminatorSteps;
    } finally {
      disposeBatch(batch);
    }
  }

  /** The CRM loss of `cells`: G's probability of the sampled annotations, the logged G₀ probabilities, the costs. */
  #crm(batch: GanBatch, cells: Int32Array, cost: Float32Array, trained: 'generator' | 'classifier'): tf.Scalar {
    const K = this.data.labels.numClasses;
    const R = this.data.labels.numWorkers;
    const c = cellTensors(cells, R);
    // Step A: ẑ is a constant; Step B: ẑ comes from the classifier in training mode, with its gradient
    const z = trained === 'generator' ? tf.tensor2d(batch.classProbs, [batch.items.length, K]) : this.classifier.classProbs(batch.x, true);
    const noise = tf.gather(batch.noise, tf.tensor1d(cells, 'int32')) as tf.Tensor2D;
    const p = this.generator.probs(batch.x, this.data.annotators, c, noise, z, trained === 'generator');
    const y = tf.tensor1d(Int32Array.from(cells, (j) => batch.sampled[j] as number), 'int32');
    const probability = tf.sum(tf.mul(p, oneHot(y, K)), 1) as tf.Tensor1D;
    const logged = tf.tensor1d(Float32Array.from(cells, (j) => batch.logged[j] as number));
    return crmLoss(probability, logged, tf.tensor1d(cost), { ipsClip: this.settings.ipsClip, baseline: this.settings.crmBaseline });
  }

  #classifierVars(): tf.Variable[] {
    return this.classifier.parameters().trainable(['classifier/']);
  }

  #minimize(module: 'generator' | 'classifier', loss: () => tf.Scalar): number {
    const vars = module === 'generator' ? this.generator.store.trainable() : this.#classifierVars();
    const cost = this.#optimizers[module].minimize(loss, true, vars) as tf.Scalar;
    const value = cost.dataSync()[0] as number;
    cost.dispose();
    return value;
  }

  /** Frees the GAN's networks and optimisers (not the classifier). */
  dispose(): void {
    this.generator.dispose();
    this.logging.dispose();
    this.discriminator.dispose();
    for (const o of Object.values(this.#optimizers)) o.dispose();
  }
}

/** A float one-hot [M, K] of int32 labels (the wasm OneHot kernel writes integers whatever the dtype, so cast). */
function oneHot(labels: tf.Tensor1D, K: number): tf.Tensor2D {
  return tf.cast(tf.oneHot(labels, K), 'float32') as tf.Tensor2D;
}
