import type { CentreOptions } from './centre.js';

/** The MMLC network and its training (specs/mmlc.md §3). */
export interface MmlcConfig {
  /** Number of experts E. */
  experts: number;
  /** Hidden sizes of each expert MLP; ReLU after every layer, the last is the expert output size H. */
  expertHidden: number[];
  /** Hidden size of the gate's first layer (h_g; the code uses R). */
  gateHidden: number;
  /** Tower layers before the K-way softmax. */
  tower: number[];
  /** Activation of the tower layers (Music's tower is linear). */
  towerActivation: 'relu' | 'linear';
  /** Epochs. */
  epochs: number;
  /** Rows (observed annotations) per minibatch. */
  batchSize: number;
  /** Adam step size. */
  learningRate: number;
  /** λ of Eq. 7: Frobenius norms (not squared) of the kernels. Default 0, as the code. */
  l2: number;
  /** Reshuffle the rows every epoch; the code shuffles once before training (false). */
  shuffleEachEpoch: boolean;
  /** Z-score the features with the training items' statistics. */
  standardize: boolean;
}

/** The presets' names. */
export type MmlcPresetName = 'labelme' | 'music' | 'default';

/** The owf settings that come with a preset (the code's KDE bandwidth and grid). */
export interface OwfPreset {
  /** KDE bandwidth h; undefined for Silverman's rule. */
  bandwidth?: number;
  /** Grid points T; `'workers'` for T = R. */
  grid: number | 'workers';
}

/** A preset: the network and training settings (the gate's hidden size aside) and the owf settings. */
export interface MmlcPreset extends Omit<MmlcConfig, 'gateHidden'> {
  /** The reference code's KDE settings for MMLC-owf on this dataset. */
  owf: OwfPreset;
}

/**
 * Per-dataset settings from the paper and the reference code
 * (`Crowds24/MMLC`). `labelme` follows `Image/train.py` (16 experts d → 500
 * → 128 → 32, gate hidden R, tower 32-32, Adam 1e-3, 150 epochs of 32);
 * `music` follows `Music/` (10 experts d → 128 → 16, a linear 16-unit tower,
 * Adam 5e-3, 15,000 epochs of 2,042 rows: two batches per epoch); `default`
 * is the spec's choice for other data. The gate's hidden size is the number
 * of workers (filled in by {@link mmlcConfig}).
 */
export const MMLC_PRESETS: Readonly<Record<MmlcPresetName, MmlcPreset>> = {
  labelme: {
    experts: 16,
    expertHidden: [500, 128, 32],
    tower: [32, 32],
    towerActivation: 'relu',
    epochs: 150,
    batchSize: 32,
    learningRate: 1e-3,
    l2: 0,
    shuffleEachEpoch: false,
    standardize: false,
    owf: { bandwidth: 0.05, grid: 'workers' },
  },
  music: {
    experts: 10,
    expertHidden: [128, 16],
    tower: [16],
    towerActivation: 'linear',
    epochs: 15_000,
    batchSize: 2042,
    learningRate: 5e-3,
    l2: 0,
    shuffleEachEpoch: false,
    standardize: true,
    owf: { bandwidth: 1.0, grid: 'workers' },
  },
  default: {
    experts: 10,
    expertHidden: [128, 32],
    tower: [32],
    towerActivation: 'relu',
    epochs: 300,
    batchSize: 256,
    learningRate: 1e-3,
    l2: 0,
    shuffleEachEpoch: false,
    standardize: true,
    owf: { grid: 100 },
  },
};

/** A preset's network for R workers, with overrides. */
export function mmlcConfig(preset: MmlcPresetName, numWorkers: number, overrides: Partial<MmlcConfig> = {}): MmlcConfig {
  const { owf: _owf, ...base } = MMLC_PRESETS[preset];
  return { ...base, gateHidden: numWorkers, ...overrides };
}

/** The KDE centre of MMLC-owf with a preset's bandwidth and grid (T = R where the code uses the number of workers). */
export function presetCentre(preset: MmlcPresetName, numWorkers: number): CentreOptions {
  const owf = MMLC_PRESETS[preset].owf;
  return { centre: 'kde', grid: owf.grid === 'workers' ? numWorkers : owf.grid, ...(owf.bandwidth === undefined ? {} : { bandwidth: owf.bandwidth }) };
}
