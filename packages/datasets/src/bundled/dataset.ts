import type { CrowdLabels, Features, GoldLabels } from '@crowdlearn/core-matrix';

/** Items outside the crowd-labelled set (a validation or test split): gold, and features or text. */
export interface HeldOutSplit {
  /** External ids of the split's items. */
  items: (string | number)[];
  /** Features of the split's items (same columns as the crowd items'), when the dataset has features. */
  features?: Features;
  /** Text of the split's items, when the dataset keeps text. */
  texts?: string[];
  /** Gold of the split's items. */
  gold: GoldLabels;
}

/** How a dataset's repeated (item, worker) rows were resolved. */
export interface DuplicateResolution {
  /** `'none'` when the source has no repeated rows. */
  policy: 'keepFirst' | 'keepLast' | 'none';
  /** Rows dropped. */
  dropped: number;
}

/** Number of items in each split. */
export interface DatasetSplits {
  /** Crowd-labelled (training) items. */
  train: number;
  /** Held-out validation items. */
  valid?: number;
  /** Held-out test items. */
  test?: number;
}

/**
 * What a dataset's license allows, in one word: `permissive` (MIT, Apache,
 * BSD), `copyleft` (GPL-3.0: redistributing it or work that includes it
 * carries the GPL's terms), `non-commercial` (CC BY-NC: research and other
 * non-commercial use only) or `unstated` (the source gives no license for
 * the data: ask its authors before more than research use).
 */
export type LicenseTerms = 'permissive' | 'copyleft' | 'non-commercial' | 'unstated';

/** The record kept beside every bundled dataset. */
export interface DatasetMeta {
  /** Name used by `loadDataset`. */
  name: string;
  /** One sentence on what the data is. */
  description: string;
  /** What the workers were asked. */
  task: string;
  /** Crowd-labelled items N. */
  items: number;
  /** Workers R. */
  workers: number;
  /** Labels after the duplicate policy. */
  labels: number;
  /** Classes K. */
  classes: number;
  /** Feature dimension d (0 for label-only data). */
  featureDim: number;
  /** Sizes of the splits. */
  splits: DatasetSplits;
  /** Number of crowd items with gold. */
  goldItems: number;
  /** How repeated (item, worker) rows in the source were resolved, and how many were dropped. */
  duplicates: DuplicateResolution;
  /** Where the files came from (repository, commit, paths). */
  source: string;
  /** The license of the source. */
  license: string;
  /** What the license allows, in one word ({@link licenseTerms}): check it before using the data. */
  terms: LicenseTerms;
  /** What to cite. */
  citation: string;
  /** Anything a user should know (class mapping, caveats). */
  notes?: string;
}

/** A loaded dataset. */
export interface Dataset {
  /** Its metadata record. */
  meta: DatasetMeta;
  /** The crowd labels. */
  labels: CrowdLabels;
  /** Gold for the crowd items that have it. */
  gold?: GoldLabels;
  /** Features of the crowd items, aligned to `labels.items`. */
  features?: Features;
  /** Text of each crowd item (sentences, premise and hypothesis, ...), aligned to `labels.items`. */
  texts?: string[];
  /** A validation split, when the source has one. */
  valid?: HeldOutSplit;
  /** A test split, when the source has one. */
  test?: HeldOutSplit;
}
