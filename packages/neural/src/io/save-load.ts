import * as tf from '@tensorflow/tfjs-core';
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CrowdError } from '@crowdlearn/core-matrix';
import { AggregateThenTrain } from '../models/aggregate-then-train.js';
import { AnnoReg } from '../models/anno-reg.js';
import type { BaseCrowdModel, BaseModelOptions } from '../models/base-model.js';
import { Crowdlayer } from '../models/crowdlayer.js';
import { DoctorNet } from '../models/doctor-net.js';

/** Version of the saved-model layout. */
export const MODEL_FORMAT_VERSION = 1;

interface SavedModel {
  format: 'crowdlearn-model';
  version: number;
  kind: string;
  options: BaseModelOptions & Record<string, unknown>;
  inputDim: number;
  stats?: { mean: number[]; std: number[] };
  /** The class names, in class-index order, when the saver gave them. */
  classes?: string[];
  /** The feature column names, when the saver gave them. */
  featureNames?: string[];
  /** TF.js weights manifest: the weights are in weights.bin. */
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

const FACTORIES: Record<string, (options: BaseModelOptions & Record<string, unknown>) => BaseCrowdModel> = {
  'crowdlayer-mw': (o) => new Crowdlayer(o),
  'crowdlayer-vw': (o) => new Crowdlayer(o),
  'crowdlayer-vb': (o) => new Crowdlayer(o),
  'anno-reg': (o) => new AnnoReg(o),
  wdn: (o) => new DoctorNet(o),
  'doctor-net': (o) => new DoctorNet(o),
  'mv-dl': (o) => new AggregateThenTrain(o),
  'ds-dl': (o) => new AggregateThenTrain(o),
};

/** Options of {@link saveModel}. */
export interface SaveModelOptions {
  /**
   * Replace a model saved there before (a folder holding only `model.json`
   * and `weights.bin` of a crowdlearn model). Anything else at the path is
   * never touched. Default false: an existing path is an error.
   */
  replace?: boolean;
  /** The class names in class-index order, kept with the model so that predictions can name their class. */
  classes?: readonly string[];
  /** The feature column names, kept with the model. */
  featureNames?: readonly string[];
}

/** What a saved model folder says about the data it predicts on: {@link readModelInfo}. */
export interface SavedModelInfo {
  /** The model's kind (`'crowdlayer-mw'`, ...). */
  kind: string;
  /** Number of classes K. */
  numClasses: number;
  /** The number of feature columns the model takes. */
  inputDim: number;
  /** The class names in class-index order, when they were saved. */
  classes?: string[];
  /** The feature column names, when they were saved. */
  featureNames?: string[];
}

/** The files a saved model folder holds. */
const MODEL_FILES = ['model.json', 'weights.bin'];

/**
 * Checks that a model can be saved to `dir` without touching anything the
 * user owns: nothing there, or (with `replace`) a folder that holds only a
 * model saved by {@link saveModel}. Throws INVALID_ARGUMENT naming the path
 * otherwise. Call it before a long training, so that it fails first.
 */
export async function assertModelTarget(dir: string, options: SaveModelOptions = {}): Promise<void> {
  let info;
  try {
    info = await lstat(dir);
  } catch {
    return; // nothing there
  }
  const refuse = (found: string, expected: string) => new CrowdError('INVALID_ARGUMENT', 'will not save a model over this path', { source: dir, found, expected });
  if (!info.isDirectory()) throw refuse(info.isSymbolicLink() ? 'a symbolic link' : 'a file', 'a new path, or the folder of a model saved before');
  const entries = await readdir(dir);
  const foreign = entries.filter((e) => !MODEL_FILES.includes(e));
  if (foreign.length > 0) throw refuse(`files that are not a saved model (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''})`, 'a new path, or the folder of a model saved before');
  let format: unknown;
  try {
    format = (JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as { format?: unknown }).format;
  } catch {
    format = undefined;
  }
  if (entries.length > 0 && format !== 'crowdlearn-model') throw refuse('a folder that does not hold a crowdlearn model', 'a new path, or the folder of a model saved before');
  if (entries.length > 0 && options.replace !== true) throw refuse('a model saved before', 'replace: true (--force) to replace it');
}

/**
 * Saves a trained model to a folder: `model.json` (kind, options, input
 * statistics, a TF.js weights manifest) and `weights.bin` (TF.js weight
 * encoding). Written to a temporary folder and renamed, so a failure never
 * leaves a half-written model. An existing path is refused unless it is a
 * model saved before and `replace` is set ({@link assertModelTarget}); that
 * model is moved aside, the new one renamed in, and only then the old one
 * removed, so a failure leaves one of the two in place.
 */
export async function saveModel(model: BaseCrowdModel, dir: string, options: SaveModelOptions = {}): Promise<void> {
  await assertModelTarget(dir, options);
  const named: tf.NamedTensorMap = {};
  for (const p of model.parameters().all()) named[p.name] = p.variable;
  if (Object.keys(named).length === 0) throw new CrowdError('INVALID_ARGUMENT', `${model.kind}: nothing to save before fit`);
  const { data, specs } = await tf.io.encodeWeights(named);
  const { inputDim, stats } = model.inputState();
  const saved: SavedModel = {
    format: 'crowdlearn-model',
    version: MODEL_FORMAT_VERSION,
    kind: model.kind,
    options: model.options as BaseModelOptions & Record<string, unknown>,
    inputDim,
    ...(stats !== undefined ? { stats: { mean: Array.from(stats.mean), std: Array.from(stats.std) } } : {}),
    ...(options.classes !== undefined ? { classes: [...options.classes] } : {}),
    ...(options.featureNames !== undefined ? { featureNames: [...options.featureNames] } : {}),
    weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
  };
  const sibling = (what: string) => join(dirname(dir), `.${basename(dir)}.${randomBytes(6).toString('hex')}.${what}`);
  const tmp = sibling('tmp');
  const old = sibling('old');
  let movedAside = false;
  try {
    await mkdir(tmp, { recursive: true });
    await writeFile(join(tmp, 'model.json'), JSON.stringify(saved, null, 2));
    await writeFile(join(tmp, 'weights.bin'), new Uint8Array(data));
    try {
      await rename(dir, old);
      movedAside = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await rename(tmp, dir);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    if (movedAside) await rename(old, dir).catch(() => undefined);
    throw new CrowdError('IO_ERROR', `cannot save the model to ${dir}`, { source: dir, cause: err, found: String((err as Error).message) });
  }
  if (movedAside) await rm(old, { recursive: true, force: true });
}

/** Reads and checks a saved model's `model.json`. */
async function readSaved(dir: string): Promise<SavedModel> {
  const source = join(dir, 'model.json');
  let saved: SavedModel;
  try {
    saved = JSON.parse(await readFile(source, 'utf8')) as SavedModel;
  } catch (err) {
    throw new CrowdError('IO_ERROR', `cannot read a model from ${dir}`, { source, cause: err, found: String((err as Error).message) });
  }
  if (saved.format !== 'crowdlearn-model' || saved.version !== MODEL_FORMAT_VERSION) {
    throw new CrowdError('UNSUPPORTED', 'not a crowdlearn model of a known version', {
      source,
      expected: `crowdlearn-model version ${MODEL_FORMAT_VERSION}`,
      found: `${String(saved.format)} version ${String(saved.version)}`,
    });
  }
  return saved;
}

/** What a saved model says about the data it predicts on (its kind, classes, input width and names), without loading its weights. */
export async function readModelInfo(dir: string): Promise<SavedModelInfo> {
  const saved = await readSaved(dir);
  return {
    kind: saved.kind,
    numClasses: saved.options.numClasses,
    inputDim: saved.inputDim,
    ...(saved.classes !== undefined ? { classes: saved.classes } : {}),
    ...(saved.featureNames !== undefined ? { featureNames: saved.featureNames } : {}),
  };
}

/** Loads a model saved by {@link saveModel}. */
export async function loadModel(dir: string): Promise<BaseCrowdModel> {
  const source = join(dir, 'model.json');
  const saved = await readSaved(dir);
  let weights: Uint8Array;
  try {
    weights = new Uint8Array(await readFile(join(dir, saved.weightsManifest?.[0]?.paths[0] ?? 'weights.bin')));
  } catch (err) {
    throw new CrowdError('IO_ERROR', `cannot read a model from ${dir}`, { source, cause: err, found: String((err as Error).message) });
  }
  const factory = FACTORIES[saved.kind];
  if (factory === undefined) {
    throw new CrowdError('UNSUPPORTED', `unknown model kind ${JSON.stringify(saved.kind)}`, { source, expected: Object.keys(FACTORIES).join(', ') });
  }
  const model = factory(saved.options);
  const values = tf.io.decodeWeights(weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer, (saved.weightsManifest[0] as { weights: tf.io.WeightsManifestEntry[] }).weights);
  try {
    model.restore(saved.inputDim, saved.stats === undefined ? undefined : { mean: Float64Array.from(saved.stats.mean), std: Float64Array.from(saved.stats.std) }, values);
  } finally {
    Object.values(values).forEach((t) => t.dispose());
  }
  return model;
}
