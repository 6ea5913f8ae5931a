import { GoldLabels, type CrowdLabels } from '@crowdlearn/core-matrix';
import {
  catd,
  dawidSkene,
  dewsmv,
  gtic,
  fastDawidSkene,
  glad,
  goldMajorityVote,
  hds,
  irt,
  mace,
  majorityVote,
  mMsr,
  ibcc,
  lfc,
  oneCoinDawidSkene,
  viMf,
  minimaxEntropy,
  cbcc,
  pmCrh,
  wawa,
  zenCrowd,
  zeroBasedSkill,
  type AggregationResult,
  type CommonOptions,
} from '../src/index.js';

/** Every general-purpose method, for tests that apply to all of them. */
export const ALL_METHODS: Record<string, (l: CrowdLabels, o?: CommonOptions) => AggregationResult> = {
  mv: majorityVote,
  wawa,
  zbs: zeroBasedSkill,
  ds: dawidSkene,
  'ds-mmlc': (l, o) => dawidSkene(l, { ...o, preset: 'mmlc' }),
  'one-coin-ds': oneCoinDawidSkene,
  zencrowd: zenCrowd,
  hds,
  'hds-one-coin': (l, o) => hds(l, { ...o, variant: 'oneCoin' }),
  fds: fastDawidSkene,
  gtic,
  dewsmv: (l, o) => dewsmv(l, { ...o, generations: 20 }),
  glad,
  irt,
  'irt-product': (l, o) => irt(l, { ...o, form: 'product' }),
  mace: (l, o) => mace(l, { ...o, restarts: 2 }),
  'm-msr': mMsr,
  catd,
  'pm-crh': pmCrh,
  lfc,
  ibcc,
  'vi-mf': viMf,
  minimax: minimaxEntropy,
  cbcc,
  // known classes for every other item: its majority label (ties to the lowest class)
  'gold-mv': (l, o) => goldMajorityVote(l, everyOtherItemKnown(l), o),
  'ds-known': (l, o) => dawidSkene(l, { ...o, trueLabels: everyOtherItemKnown(l) }),
};

/** The even items' majority labels (ties to the lowest class) as known classes: a gold set any crowd has. */
export function everyOtherItemKnown(l: CrowdLabels): GoldLabels {
  const mv = majorityVote(l, { tieBreak: 'lowest' }).labels;
  const items = Array.from({ length: Math.ceil(l.numItems / 2) }, (_, j) => 2 * j).filter((i) => l.itemDegree(i) > 0);
  return GoldLabels.fromPairs(l.numItems, l.numClasses, items, items.map((i) => mv[i] as number));
}

/** EM methods whose reported objective is a marginal log-likelihood that EM cannot decrease. */
export const LIKELIHOOD_METHODS = ['ds', 'ds-mmlc', 'one-coin-ds', 'zencrowd', 'hds', 'hds-one-coin'] as const;
