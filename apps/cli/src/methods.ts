import { CrowdError, type CrowdLabels, type Features } from '@crowdlearn/core-matrix';
import { aggregate, AGGREGATOR_NAMES, weightedMajorityVote, FEATURE_AGGREGATOR_NAMES, type AggregationResult, type AggregatorName, type FeatureAggregatorName } from '@crowdlearn/aggregators';
import { AggregateThenTrain, AnnoReg, Crowdlayer, DoctorNet, lagnn, type BaseCrowdModel, type BaseModelOptions } from '@crowdlearn/neural';

/** What a method is for: the command that takes it as `--method`. */
export type MethodKind = 'aggregate' | 'complete' | 'train';

/** A method name, the command that runs it, and one line about it. */
export interface MethodDescription {
  name: string;
  kind: MethodKind;
  text: string;
}

/** One line per method and command for `crowdlearn methods` (a method that two commands take, as crowding, appears twice). */
export const METHODS: readonly MethodDescription[] = [
  { name: 'mv', kind: 'aggregate', text: 'majority vote' },
  { name: 'wmv', kind: 'aggregate', text: 'weighted majority vote with given worker weights (--weights worker,weight CSV)' },
  { name: 'wawa', kind: 'aggregate', text: 'worker agreement with aggregate (crowd-kit)' },
  { name: 'zbs', kind: 'aggregate', text: 'zero-based skill (crowd-kit)' },
  { name: 'ds', kind: 'aggregate', text: 'Dawid-Skene EM (crowd-kit initialisation and stopping rule)' },
  { name: 'one-coin-ds', kind: 'aggregate', text: 'one-coin Dawid-Skene' },
  { name: 'zencrowd', kind: 'aggregate', text: 'ZenCrowd (one reliability per worker, uniform prior)' },
  { name: 'hds', kind: 'aggregate', text: 'homogeneous Dawid-Skene (MMLC)' },
  { name: 'fds', kind: 'aggregate', text: 'fast (hard-EM) Dawid-Skene' },
  { name: 'glad', kind: 'aggregate', text: 'GLAD: worker ability and item difficulty' },
  { name: 'irt', kind: 'aggregate', text: 'item-response model (difference link)' },
  { name: 'mace', kind: 'aggregate', text: 'MACE: competence and spamming strategy' },
  { name: 'kos', kind: 'aggregate', text: 'Karger-Oh-Shah message passing (binary)' },
  { name: 'gtic', kind: 'aggregate', text: 'GTIC: clustering of label distributions' },
  { name: 'dewsmv', kind: 'aggregate', text: 'differential-evolution weighted soft MV' },
  { name: 'mnldp', kind: 'aggregate', text: 'label-distribution propagation over feature neighbours (needs features)' },
  { name: 'aali', kind: 'aggregate', text: 'attribute augmentation + classifier (needs features)' },
  { name: 'lagnn', kind: 'aggregate', text: 'graph-network aggregator (unsupervised)' },
  { name: 'mmlc-owf', kind: 'aggregate', text: 'MMLC-owf: the oracle worker of a trained MMLC worker model (needs features; --epochs, --centre, --weighting)' },
  { name: 'crowdmeta', kind: 'aggregate', text: 'CrowdMeta: EM with a meta-learned item representation (needs features; --source, --support, --meta-iters)' },
  { name: 'tllc', kind: 'complete', text: 'TLLC: transfer-learning label completion in per-worker embedding spaces (needs features)' },
  { name: 'wslc', kind: 'complete', text: 'WSLC: worker-similarity label completion, fills every cell (needs features)' },
  { name: 'mmlc-df', kind: 'complete', text: "MMLC-df: fill each worker's empty cells with the MMLC worker model (needs features; --threshold, --epochs)" },
  { name: 'g-mv', kind: 'complete', text: 'G_MV: draw fills from MV-estimated worker ability (the MMLC paper baseline)' },
  { name: 'g-irt', kind: 'complete', text: 'G_IRT: draw fills from a fitted item-response model (the MMLC paper baseline)' },
  { name: 'crowding', kind: 'complete', text: "CrowdInG: fill every empty cell with the generator's annotation (needs features; --gan-epochs, --variant)" },
  { name: 'crowdlayer', kind: 'train', text: 'Crowdlayer MW (per-worker matrix)' },
  { name: 'crowdlayer-vw', kind: 'train', text: 'Crowdlayer VW (per-worker vector of weights)' },
  { name: 'crowdlayer-vb', kind: 'train', text: 'Crowdlayer VB (per-worker vector of biases)' },
  { name: 'anno-reg', kind: 'train', text: 'Anno-Reg (confusion matrices with a trace penalty)' },
  { name: 'wdn', kind: 'train', text: 'weighted Doctor Net (per-worker heads, learned weights)' },
  { name: 'doctor-net', kind: 'train', text: 'Doctor Net (per-worker heads, averaged)' },
  { name: 'mmlc-owf', kind: 'train', text: 'MMLC-owf: truth inference by the oracle worker of the MMLC worker model (--centre, --weighting, --out)' },
  { name: 'crowdmeta', kind: 'train', text: 'CrowdMeta: truth inference with a meta-learned item representation (--source, --support, --meta-iters, --out)' },
  { name: 'crowding', kind: 'train', text: 'CrowdInG: generative augmentation around a pretrained Crowdlayer (--gan-epochs, --variant, --lambda, --entropy-threshold, --lca)' },
  { name: 'dasc', kind: 'train', text: 'DASC self-training around a base model (--base, --rounds, --budget)' },
  { name: 'mv-dl', kind: 'train', text: 'majority vote, then a classifier' },
  { name: 'ds-dl', kind: 'train', text: 'Dawid-Skene, then a classifier' },
];

/** Whether `name` is a method of the command `kind`. */
export function isMethod(name: string, kind: MethodKind): boolean {
  return METHODS.some((m) => m.name === name && m.kind === kind);
}

/** The names of the methods of the command `kind`. */
export function methodNames(kind: MethodKind): string[] {
  return METHODS.filter((m) => m.kind === kind).map((m) => m.name);
}

function unknown(name: string, kind: 'aggregate' | 'train'): CrowdError {
  return new CrowdError('INVALID_ARGUMENT', `unknown method ${JSON.stringify(name)}`, { expected: `one of ${methodNames(kind).join(', ')}` });
}

/** The truth-inference methods that train a model (run by `aggregate` and `train`, not in `--aggregate` lists). */
export const TRAINED_AGGREGATORS: readonly string[] = ['mmlc-owf', 'crowdmeta'];

/** Runs an aggregator by its CLI name (`wmv` with `workerWeights`, one per worker). */
export async function runAggregator(
  name: string,
  labels: CrowdLabels,
  features: Features | undefined,
  seed: number,
  workerWeights?: ArrayLike<number>,
): Promise<AggregationResult> {
  if (!isMethod(name, 'aggregate')) throw unknown(name, 'aggregate');
  if (TRAINED_AGGREGATORS.includes(name)) {
    throw new CrowdError('INVALID_ARGUMENT', `${name} trains a model with its own options`, { expected: `\`crowdlearn aggregate --method ${name}\` on its own` });
  }
  if (name === 'wmv') {
    if (workerWeights === undefined) throw new CrowdError('INVALID_ARGUMENT', 'wmv needs worker weights', { expected: '`crowdlearn aggregate --method wmv --weights <worker,weight CSV>`' });
    return weightedMajorityVote(labels, { workerWeights, seed });
  }
  if (name === 'lagnn') {
    const { initBackend } = await import('@crowdlearn/neural');
    await initBackend();
    return lagnn(labels, { seed });
  }
  if ((FEATURE_AGGREGATOR_NAMES as readonly string[]).includes(name)) {
    if (features === undefined) throw new CrowdError('INVALID_ARGUMENT', `${name} needs item features`, { expected: '--features <file> or a --dataset with features' });
    return aggregate(labels, { method: name as FeatureAggregatorName, features, seed });
  }
  if (!(AGGREGATOR_NAMES as readonly string[]).includes(name)) throw unknown(name, 'aggregate');
  return aggregate(labels, { method: name as Exclude<AggregatorName, FeatureAggregatorName>, seed } as never);
}

/** Makes a base model by its CLI name. */
export function makeModel(name: string, options: BaseModelOptions): BaseCrowdModel {
  switch (name) {
    case 'crowdlayer':
      return new Crowdlayer({ ...options, variant: 'MW' });
    case 'crowdlayer-vw':
      return new Crowdlayer({ ...options, variant: 'VW' });
    case 'crowdlayer-vb':
      return new Crowdlayer({ ...options, variant: 'VB' });
    case 'anno-reg':
      return new AnnoReg(options);
    case 'wdn':
      return new DoctorNet({ ...options, weighting: 'learned' });
    case 'doctor-net':
      return new DoctorNet({ ...options, weighting: 'uniform' });
    case 'mv-dl':
      return new AggregateThenTrain({ ...options, aggregator: 'mv' });
    case 'ds-dl':
      return new AggregateThenTrain({ ...options, aggregator: 'ds' });
    default:
      throw unknown(name, 'train');
  }
}
