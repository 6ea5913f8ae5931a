import { describe, expect, it } from 'vitest';
import { accuracy, type CrowdLabels } from '@crowdlearn/core-matrix';
import { loadDataset } from '@crowdlearn/datasets';
import {
  dawidSkene,
  glad,
  kos,
  mace,
  majorityVote,
  oneCoinDawidSkene,
  wawa,
  zeroBasedSkill,
  type AggregationResult,
} from '../src/index.js';

// Accuracy (%) measured with crowd-kit at commit 35f06615 on these machines, with its default parameters
// (../shared/datasets/reference-accuracies.md). Columns: MV, Wawa, ZBS, DS, one-coin DS, GLAD, MACE, KOS.
const REFERENCE: Record<string, (number | null)[]> = {
  'weather-cf': [90.0, 89.33, 89.33, 83.0, 88.67, 88.0, 89.0, null],
  'weather-amt': [84.67, 85.67, 85.67, 84.0, 86.0, 85.33, 86.67, null],
  music: [71.14, 79.71, 80.0, 76.86, 79.29, 78.86, 79.43, null],
  'sentiment-popularity': [94.4, 94.4, 94.6, 94.4, 94.6, 94.6, 94.4, 94.2],
  'barzan-mozafari': [69.6, 69.6, 69.6, 70.9, 66.8, 69.4, 69.3, 65.8],
  'leaves-alder': [91.41, 91.15, 91.15, 90.1, 91.41, 90.89, 90.62, 91.15],
  'leaves-eucalyptus': [90.62, 90.62, 90.62, 90.36, 90.62, 91.15, 91.15, 91.41],
  'leaves-maple': [99.48, 99.74, 99.74, 99.74, 99.74, 99.74, 99.74, 99.22],
  'leaves-oak': [87.24, 87.5, 87.5, 85.94, 87.76, 86.98, 87.5, 87.24],
};

const lowest = { tieBreak: 'lowest' as const };
// Tolerances from the aggregators issue: 0.5 points for the deterministic methods with crowd-kit's
// initialisation and stopping rule; 1.5 for GLAD (our conjugate gradient is not SciPy's, so the M-step
// stops at a slightly different point) and MACE (same start as crowd-kit, but float summation order differs).
const METHODS: { name: string; column: number; tolerance: number; run: (l: CrowdLabels) => AggregationResult }[] = [
  { name: 'MV', column: 0, tolerance: 0.5, run: (l) => majorityVote(l, lowest) },
  { name: 'Wawa', column: 1, tolerance: 0.5, run: (l) => wawa(l, lowest) },
  { name: 'ZBS', column: 2, tolerance: 0.5, run: (l) => zeroBasedSkill(l, lowest) },
  { name: 'DS', column: 3, tolerance: 0.5, run: (l) => dawidSkene(l, lowest) },
  { name: 'one-coin DS', column: 4, tolerance: 0.5, run: (l) => oneCoinDawidSkene(l, lowest) },
  { name: 'GLAD', column: 5, tolerance: 1.5, run: (l) => glad(l, lowest) },
  { name: 'MACE', column: 6, tolerance: 1.5, run: (l) => mace(l, { ...lowest, init: 'crowdkit' }) },
];

// Where crowd-kit itself deviates from its model, and by how much (measured, see the method's doc).
const KNOWN_DEVIATIONS: Record<string, { tolerance: number; why: string }> = {
  'MACE/barzan-mozafari': {
    tolerance: 3.0,
    why:
      "crowd-kit's E-step sorts the strategy counts by worker name and applies them by position to workers kept " +
      'in first-appearance order, so workers get each other\'s strategies; reproducing that misalignment gives ' +
      "crowd-kit's 69.30 exactly, while the correct model scores 72.20",
  },
};

describe('parity with crowd-kit on the bundled datasets', () => {
  for (const [name, reference] of Object.entries(REFERENCE)) {
    describe(name, () => {
      const d = loadDataset(name);
      const gold = d.gold;
      if (gold === undefined) throw new Error(`${name} has no gold`);
      for (const m of METHODS) {
        const tolerance = KNOWN_DEVIATIONS[`${m.name}/${name}`]?.tolerance ?? m.tolerance;
        it(`${m.name} within ${tolerance} points of ${reference[m.column]}`, () => {
          const got = 100 * accuracy(m.run(d.labels).labels, gold);
          expect(Math.abs(got - (reference[m.column] as number))).toBeLessThanOrEqual(tolerance + 1e-9);
        });
      }
      // KOS's messages start from random draws and grow without bound; crowd-kit's draws cannot be
      // reproduced, so KOS is held to 2 points, averaged over 5 seeds.
      if (reference[7] !== null) {
        it(`KOS averaged over 5 seeds within 2 points of ${reference[7]}`, () => {
          let sum = 0;
          for (let seed = 0; seed < 5; seed++) sum += 100 * accuracy(kos(d.labels, { ...lowest, seed }).labels, gold);
          expect(Math.abs(sum / 5 - (reference[7] as number))).toBeLessThanOrEqual(2);
        });
      }
    });
  }
});
