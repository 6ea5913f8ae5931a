import type { Dataset } from '@crowdlearn/datasets';
import { AnnoReg, Crowdlayer, DoctorNet, type AnnotationLoss, type CrowdModel, type PresetName } from '@crowdlearn/neural';

/** The neural package's crowd base models the suites compare. */
export const BASES = ['crowdlayer', 'anno-reg', 'wdn'] as const;
/** One of {@link BASES}. */
export type Base = (typeof BASES)[number];

/** A base model with the dataset's preset (music, labelme, else default) and the settings the DASC spec's prototype used (§11). */
export function makeBase(base: Base, d: Dataset, loss?: AnnotationLoss): CrowdModel {
  const preset = (d.meta.name === 'music' || d.meta.name === 'labelme' ? d.meta.name : 'default') as PresetName;
  const common = { numClasses: d.labels.numClasses, numWorkers: d.labels.numWorkers, preset, ...(loss === undefined ? {} : { loss }) };
  switch (base) {
    case 'crowdlayer':
      return new Crowdlayer({ ...common, variant: 'MW' });
    case 'anno-reg':
      // specs/dasc.md §11: a diagonal of 2 and λ 0.1 (a diagonal of 6 leaves Music at 55%)
      return new AnnoReg({ ...common, initDiagonal: 2, traceWeight: 0.1 });
    case 'wdn':
      return new DoctorNet({ ...common, weighting: 'learned' });
  }
}
