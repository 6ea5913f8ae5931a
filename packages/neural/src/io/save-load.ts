import * as tf from '@tensorflow/tfjs-core';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
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

/**
 * Saves a trained model to a folder: `model.json` (kind, options, input
 * statistics, a TF.js weights manifest) and `weights.bin` (TF.js weight
 * encoding). Written to a temporary folder and renamed, so a failure never
 * leaves a half-written model; an existing folder is replaced.
 */
export async function saveModel(model: BaseCrowdModel, dir: string): Promise<void> {
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
    weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
  };
  const tmp = join(dirname(dir), `.${basename(dir)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(tmp, { recursive: true });
    await writeFile(join(tmp, 'model.json'), JSON.stringify(saved, null, 2));
    await writeFile(join(tmp, 'weights.bin'), new Uint8Array(data));
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw new CrowdError('IO_ERROR', `cannot save the model to ${dir}`, { source: dir, cause: err, found: String((err as Error).message) });
  }
}

/** Loads a model saved by {@link saveModel}. */
export async function loadModel(dir: string): Promise<BaseCrowdModel> {
  const source = join(dir, 'model.json');
  let saved: SavedModel;
  let weights: Uint8Array;
  try {
    saved = JSON.parse(await readFile(source, 'utf8')) as SavedModel;
    weights = new Uint8Array(await readFile(join(dir, saved.weightsManifest?.[0]?.paths[0] ?? 'weights.bin')));
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
