import { CrowdError, type CrowdLabels, type Features } from '@crowdlearn/core-matrix';
import { MMLC_PRESETS, MmlcModel, mmlcConfig, mmlcPresetFor, presetCentre, type CentreOptions, type MmlcPresetName } from '@crowdlearn/mmlc';
import { methodEntry, optionValue, requestedPreset } from './methods.js';
import { trainingProgress } from './progress.js';

/** The options of the MMLC methods (`complete --method mmlc-df`, `train --method mmlc-owf`). */
export interface MmlcCliOptions {
  /** `mmlc-df` (complete) or `mmlc-owf` (aggregate, train). */
  method?: string;
  dataset?: string;
  preset?: string;
  epochs?: number;
  seed?: number;
  quiet?: boolean;
  json?: boolean;
}

/** `--preset`, else the bundled dataset's name when MMLC has a preset for it, else `default`. */
export function mmlcPreset(o: MmlcCliOptions): MmlcPresetName {
  const entry = o.method === 'mmlc-df' ? methodEntry('mmlc-df', 'complete') : methodEntry('mmlc-owf', 'aggregate');
  return mmlcPresetFor(requestedPreset(entry, o));
}

/** Trains the MMLC worker model with the preset (and `--epochs`), with a progress bar on a TTY. */
export async function trainMmlc(labels: CrowdLabels, features: Features, o: MmlcCliOptions): Promise<{ model: MmlcModel; preset: MmlcPresetName; epochs: number }> {
  const preset = mmlcPreset(o);
  const epochs = o.epochs === undefined ? MMLC_PRESETS[preset].epochs : Number(o.epochs);
  if (!Number.isInteger(epochs) || epochs < 1) throw new CrowdError('INVALID_ARGUMENT', '--epochs must be a positive integer', { found: String(o.epochs) });
  const model = new MmlcModel(labels.numClasses, labels.numWorkers, mmlcConfig(preset, labels.numWorkers, { epochs }));
  const progress = trainingProgress(o.quiet === true || o.json === true);
  try {
    await model.fit(labels, features, { seed: o.seed ?? 0, ...(progress.onProgress !== undefined ? { onProgress: progress.onProgress } : {}) });
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    progress.stop();
  }
  return { model, preset, epochs };
}

/** The owf centre of `--centre` and `--weighting`, with the preset's KDE bandwidth and grid. */
export function owfCentre(preset: MmlcPresetName, numWorkers: number, centre?: string, weighting?: string): CentreOptions {
  const owf = methodEntry('mmlc-owf', 'aggregate');
  return {
    ...presetCentre(preset, numWorkers),
    centre: optionValue(owf, 'centre', centre) as CentreOptions['centre'] & string,
    weighting: optionValue(owf, 'weighting', weighting) as CentreOptions['weighting'] & string,
  };
}
