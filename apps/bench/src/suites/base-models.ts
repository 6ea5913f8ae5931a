import type { Dataset } from '@crowdlearn/datasets';
import { DASC_BASES, dascBaseModel } from '@crowdlearn/dasc';
import type { AnnotationLoss, CrowdModel } from '@crowdlearn/neural';

/** The base models the DASC suites compare by default (the DASC paper's Table 2 columns). */
export const BASES = ['crowdlayer', 'anno-reg', 'wdn'] as const;
/** The base models a suite runs only when named: the rest of the DASC package's bases (`crowdlayer-2i` among them). */
export const EXTRA_BASES = Object.keys(DASC_BASES).filter((b) => !(BASES as readonly string[]).includes(b));
/** One of {@link BASES} or {@link EXTRA_BASES}. */
export type Base = string;

/** A DASC base model for the dataset (its preset by name, the DASC specification's settings), with an annotation loss. */
export function makeBase(base: Base, d: Dataset, loss?: AnnotationLoss): CrowdModel {
  return dascBaseModel(base, d.labels, d.meta.name, loss);
}
