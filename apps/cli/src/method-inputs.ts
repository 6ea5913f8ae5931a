import { CrowdError, type Features, type GoldLabels } from '@crowdlearn/core-matrix';
import { readFeatureTable, readGold, type LoadedInput } from './input.js';
import { readWorkerWeights } from './weights.js';
import type { AnyEntry } from './methods.js';

/** The flags that give a method's extra inputs (its catalogue's `capabilities.inputs`), by input field. */
const INPUT_FLAGS: Readonly<Record<string, { flag: string; what: string }>> = {
  source: { flag: '--source', what: '--source <csv> (id, features..., label: instances of other classes)' },
  support: { flag: '--support', what: '--support <csv> (id, features..., label: a few labelled instances of the crowd classes)' },
  workerWeights: { flag: '--weights', what: '--weights <csv> (worker,weight rows, one weight per worker)' },
  trueLabels: { flag: '--true-labels', what: '--true-labels <csv> (item,label rows: the items whose class is known)' },
};

/** The files the extra-input flags name. */
export interface InputFlags {
  source?: string;
  support?: string;
  weights?: string;
  /** Items whose class is known (gold-mv; ds clamps them). */
  trueLabels?: string;
  /** A test set file (`train --test`), monitored by the methods that record a learning curve. */
  test?: string;
}

/** A labelled feature table as a method reads it: features and the class index of every row. */
interface LabelledFeatures {
  features: Features;
  classes: Int32Array;
}

/**
 * Reads a labelled feature file (CSV `id, f1..fd, label`) of the width of
 * the crowd's features. `classNames` maps labels to the crowd's classes (a
 * label the crowd never used is an error naming the row); without it, the
 * file's own classes are numbered in order of appearance.
 */
export function readLabelledFeatures(path: string, width: number, classNames?: readonly string[]): LabelledFeatures {
  const table = readFeatureTable(path, true);
  if (table.features.numCols !== width) {
    throw new CrowdError('SHAPE_MISMATCH', 'the features differ in width from the crowd items', { source: path, expected: String(width), found: String(table.features.numCols) });
  }
  const names = classNames ?? [...new Set(table.labels ?? [])];
  const classes = Int32Array.from(table.labels ?? [], (name, j) => {
    const k = names.indexOf(name);
    if (k < 0) throw new CrowdError('UNKNOWN_CLASS', `a class the crowd never used, row ${j + 1}`, { source: path, expected: names.join(', '), found: JSON.stringify(name) });
    return k;
  });
  return { features: table.features, classes };
}

/**
 * The extra inputs of `entry` from the command's flags and the loaded
 * input: exactly those its catalogue entry reads. A flag for an input the
 * method does not read is an error naming the flag; a required one missing
 * is an error naming the flag to give.
 */
export function methodInputs(
  entry: AnyEntry,
  o: InputFlags,
  input: LoadedInput,
  test?: { features: Features; gold: GoldLabels },
): Record<string, unknown> {
  const reads = entry.capabilities.inputs ?? {};
  const given: Record<string, string | undefined> = { source: o.source, support: o.support, workerWeights: o.weights, trueLabels: o.trueLabels };
  for (const [field, { flag }] of Object.entries(INPUT_FLAGS)) {
    if (given[field] !== undefined && reads[field] === undefined) throw new CrowdError('INVALID_ARGUMENT', `${flag} does not apply to ${entry.name}`, { expected: `no ${flag}` });
  }
  const missing = Object.entries(reads).filter(([field, need]) => need === 'required' && INPUT_FLAGS[field] !== undefined && given[field] === undefined);
  if (missing.length > 0) {
    throw new CrowdError('INVALID_ARGUMENT', `${entry.name} needs ${missing.map(([field]) => INPUT_FLAGS[field]?.flag).join(' and ')}`, { expected: missing.map(([field]) => INPUT_FLAGS[field]?.what).join(' and ') });
  }
  const extra: Record<string, unknown> = {};
  const width = input.features?.numCols ?? 0;
  if (reads.source !== undefined && o.source !== undefined) extra.source = readLabelledFeatures(o.source, width);
  if (reads.support !== undefined && o.support !== undefined) extra.support = readLabelledFeatures(o.support, width, input.labels.classes.ids().map(String));
  if (reads.workerWeights !== undefined && o.weights !== undefined) extra.workerWeights = readWorkerWeights(o.weights, input.labels);
  if (reads.trueLabels !== undefined && o.trueLabels !== undefined) extra.trueLabels = readGold(o.trueLabels, input.labels, 'long');
  // a bundled dataset's validation split, and the test items, for the methods whose validated protocol uses them
  if (reads.validation !== undefined && input.valid?.features !== undefined) extra.validation = { features: input.valid.features, gold: input.valid.gold };
  if (reads.monitor !== undefined && test !== undefined) extra.monitor = test;
  return extra;
}
