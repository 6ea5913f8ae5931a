import { CrowdError, minMaxColumns, type Features } from '@crowdlearn/core-matrix';
import { encode, learnDictionary, type Dictionary, type KsvdOptions } from './ksvd.js';

/** Item representations from a dictionary: the target items' sparse codes. */
export interface TransferRepresentation {
  /** v_i, row-major N x atoms. */
  V: Float64Array;
  /** D, the number of atoms. */
  dim: number;
  /** The dictionary the codes are over. */
  dictionary: Dictionary;
}

/**
 * CrowdMKT's representation (specs/crowdmeta.md §4, the code's
 * `transfer.py`): source and target features stacked and min-max normalised
 * per column, a K-SVD dictionary (20 atoms, OMP with 2 non-zeros) learned on
 * the stack, and the target items' sparse codes as v_i. Use with
 * {@link inferWithExpertise} (the code: hard EM, at most 50 rounds, tolerance 0.1).
 */
export function crowdMktRepresentation(source: Features, target: Features, options: KsvdOptions = {}): TransferRepresentation {
  return dictionaryCodes(source, target, 'stack', options);
}

/**
 * CrowdTrU's representation as the spec reconstructs it (self-taught
 * transfer): the same pipeline, but the dictionary is learned on the source
 * features alone and the target items are then coded over it.
 */
export function crowdTruRepresentation(source: Features, target: Features, options: KsvdOptions = {}): TransferRepresentation {
  return dictionaryCodes(source, target, 'source', options);
}

function dictionaryCodes(source: Features, target: Features, learnOn: 'stack' | 'source', options: KsvdOptions): TransferRepresentation {
  const d = target.numCols;
  if (source.numCols !== d) throw new CrowdError('SHAPE_MISMATCH', 'the source features differ in width from the target features', { expected: String(d), found: String(source.numCols) });
  const n = source.numRows + target.numRows;
  const stacked = new Float64Array(n * d);
  stacked.set(source.data, 0);
  stacked.set(target.data, source.data.length);
  minMaxColumns(stacked, n, d);
  const sourceRows = source.numRows;
  const training = learnOn === 'stack' ? stacked : stacked.subarray(0, sourceRows * d);
  const dictionary = learnDictionary(training, learnOn === 'stack' ? n : sourceRows, d, options);
  const V = encode(dictionary, stacked.subarray(sourceRows * d), target.numRows, options.sparsity ?? 2);
  return { V, dim: dictionary.size, dictionary };
}
