import type { CrowdLabels } from '@crowdlearn/core-matrix';
import {
  dawidSkene,
  dewsmv,
  gtic,
  fastDawidSkene,
  glad,
  hds,
  irt,
  mace,
  majorityVote,
  oneCoinDawidSkene,
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
};

/** EM methods whose reported objective is a marginal log-likelihood that EM cannot decrease. */
export const LIKELIHOOD_METHODS = ['ds', 'ds-mmlc', 'one-coin-ds', 'zencrowd', 'hds', 'hds-one-coin'] as const;
