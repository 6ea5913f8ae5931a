import type { Dataset } from '@crowdlearn/datasets';
import { AnnoReg, Crowdlayer, DoctorNet, type AnnotationLoss, type CrowdModel, type PresetName } from '@crowdlearn/neural';

/** The neural package's crowd base models the suites compare. */
export const BASES = ['crowdlayer', 'anno-reg', 'wdn'] as const;
/**
 * Base models a suite runs only when named: Crowdlayer MW initialised at 2I
 * (the CrowdInG code's `mwInitScale`), which on LabelMe avoids the runs the
 * identity start loses (measured, seeds 0-9: 5 of 10 end near 77% from I,
 * none from 2I).
 */
export const EXTRA_BASES = ['crowdlayer-2i'] as const;
/** One of {@link BASES} or {@link EXTRA_BASES}. */
export type Base = (typeof BASES)[number] | (typeof EXTRA_BASES)[number];

/** A base model with the dataset's preset (music, labelme, else default) and the settings the DASC spec's prototype used (§11). */
export function makeBase(base: Base, d: Dataset, loss?: AnnotationLoss): CrowdModel {
  const preset = (d.meta.name === 'music' || d.meta.name === 'labelme' ? d.meta.name : 'default') as PresetName;
  const common = { numClasses: d.labels.numClasses, numWorkers: d.labels.numWorkers, preset, ...(loss === undefined ? {} : { loss }) };
  switch (base) {
    case 'crowdlayer':
      return new Crowdlayer({ ...common, variant: 'MW' });
    case 'crowdlayer-2i':
      return new Crowdlayer({ ...common, variant: 'MW', mwInitScale: 2 });
    case 'anno-reg':
      // specs/dasc.md §11: a diagonal of 2 and λ 0.1 (a diagonal of 6 leaves Music at 55%)
      return new AnnoReg({ ...common, initDiagonal: 2, traceWeight: 0.1 });
    case 'wdn':
      return new DoctorNet({ ...common, weighting: 'learned' });
  }
}
