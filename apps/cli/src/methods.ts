import { CrowdError, type CrowdLabels, type Features } from '@crowdlearn/core-matrix';
import { aggregate, AGGREGATOR_NAMES, FEATURE_AGGREGATOR_NAMES, type AggregationResult, type AggregatorName, type FeatureAggregatorName } from '@crowdlearn/aggregators';
import { AggregateThenTrain, AnnoReg, Crowdlayer, DoctorNet, lagnn, type BaseCrowdModel, type BaseModelOptions } from '@crowdlearn/neural';

/** One line per method for `crowdlearn methods`. */
export const METHOD_DESCRIPTIONS: Record<string, { kind: 'aggregate' | 'complete' | 'train'; text: string }> = {
  mv: { kind: 'aggregate', text: 'majority vote' },
  wawa: { kind: 'aggregate', text: 'worker agreement with aggregate (crowd-kit)' },
  zbs: { kind: 'aggregate', text: 'zero-based skill (crowd-kit)' },
  ds: { kind: 'aggregate', text: 'Dawid-Skene EM (crowd-kit initialisation and stopping rule)' },
  'one-coin-ds': { kind: 'aggregate', text: 'one-coin Dawid-Skene' },
  zencrowd: { kind: 'aggregate', text: 'ZenCrowd (one reliability per worker, uniform prior)' },
  hds: { kind: 'aggregate', text: 'homogeneous Dawid-Skene (MMLC)' },
  fds: { kind: 'aggregate', text: 'fast (hard-EM) Dawid-Skene' },
  glad: { kind: 'aggregate', text: 'GLAD: worker ability and item difficulty' },
  irt: { kind: 'aggregate', text: 'item-response model (difference link)' },
  mace: { kind: 'aggregate', text: 'MACE: competence and spamming strategy' },
  kos: { kind: 'aggregate', text: 'Karger-Oh-Shah message passing (binary)' },
  gtic: { kind: 'aggregate', text: 'GTIC: clustering of label distributions' },
  dewsmv: { kind: 'aggregate', text: 'differential-evolution weighted soft MV' },
  mnldp: { kind: 'aggregate', text: 'label-distribution propagation over feature neighbours (needs features)' },
  aali: { kind: 'aggregate', text: 'attribute augmentation + classifier (needs features)' },
  lagnn: { kind: 'aggregate', text: 'graph-network aggregator (unsupervised)' },
  tllc: { kind: 'complete', text: 'TLLC: transfer-learning label completion in per-worker embedding spaces (needs features)' },
  wslc: { kind: 'complete', text: 'WSLC: worker-similarity label completion, fills every cell (needs features)' },
  'mmlc-df': { kind: 'complete', text: "MMLC-df: fill each worker's empty cells with the MMLC worker model (needs features; --threshold, --epochs)" },
  'g-mv': { kind: 'complete', text: 'G_MV: draw fills from MV-estimated worker ability (the MMLC paper baseline)' },
  'g-irt': { kind: 'complete', text: 'G_IRT: draw fills from a fitted item-response model (the MMLC paper baseline)' },
  crowdlayer: { kind: 'train', text: 'Crowdlayer MW (per-worker matrix)' },
  'crowdlayer-vw': { kind: 'train', text: 'Crowdlayer VW (per-worker vector of weights)' },
  'crowdlayer-vb': { kind: 'train', text: 'Crowdlayer VB (per-worker vector of biases)' },
  'anno-reg': { kind: 'train', text: 'Anno-Reg (confusion matrices with a trace penalty)' },
  wdn: { kind: 'train', text: 'weighted Doctor Net (per-worker heads, learned weights)' },
  'doctor-net': { kind: 'train', text: 'Doctor Net (per-worker heads, averaged)' },
  'mmlc-owf': { kind: 'train', text: 'MMLC-owf: truth inference by the oracle worker of the MMLC worker model (--centre, --weighting, --out)' },
  crowdmeta: { kind: 'train', text: 'CrowdMeta: truth inference with a meta-learned item representation (--source, --support, --meta-iters, --out)' },
  dasc: { kind: 'train', text: 'DASC self-training around a base model (--base, --rounds, --budget)' },
  'mv-dl': { kind: 'train', text: 'majority vote, then a classifier' },
  'ds-dl': { kind: 'train', text: 'Dawid-Skene, then a classifier' },
};

function unknown(name: string, kind: 'aggregate' | 'train'): CrowdError {
  const names = Object.entries(METHOD_DESCRIPTIONS)
    .filter(([, d]) => d.kind === kind)
    .map(([n]) => n);
  return new CrowdError('INVALID_ARGUMENT', `unknown method ${JSON.stringify(name)}`, { expected: `one of ${names.join(', ')}` });
}

/** Runs an aggregator by its CLI name. */
export async function runAggregator(
  name: string,
  labels: CrowdLabels,
  features: Features | undefined,
  seed: number,
): Promise<AggregationResult> {
  if (METHOD_DESCRIPTIONS[name]?.kind !== 'aggregate') throw unknown(name, 'aggregate');
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
