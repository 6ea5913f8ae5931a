import { CrowdError, Features } from '@crowdlearn/core-matrix';

/** Element types the NPY reader understands. */
export type NpyDtype = 'float32' | 'float64' | 'int32' | 'int64';

/** A parsed NPY array. int64 values are returned as float64 (exact up to 2^53; larger is an error). */
export interface NpyArray {
  /** Element type in the file. */
  dtype: NpyDtype;
  /** Shape, C order. */
  shape: number[];
  /** The values, row-major. */
  data: Float32Array | Float64Array | Int32Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const DTYPES: Record<string, { dtype: NpyDtype; bytes: number }> = {
  f4: { dtype: 'float32', bytes: 4 },
  f8: { dtype: 'float64', bytes: 8 },
  i4: { dtype: 'int32', bytes: 4 },
  i8: { dtype: 'int64', bytes: 8 },
};

/**
 * Reads a NumPy `.npy` file (format versions 1-3; float32, float64, int32,
 * int64; little- or big-endian; C order). Anything else, and truncated
 * files, are typed errors naming the source.
 */
export function readNpy(bytes: Uint8Array, source = 'array.npy'): NpyArray {
  const fail = (message: string, expected?: string, found?: string): never => {
    throw new CrowdError('PARSE_ERROR', message, {
      source,
      ...(expected !== undefined ? { expected } : {}),
      ...(found !== undefined ? { found } : {}),
    });
  };
  if (bytes.length < 10 || MAGIC.some((b, j) => bytes[j] !== b)) fail('not an NPY file', 'the magic string \\x93NUMPY');
  const major = bytes[6] as number;
  if (major < 1 || major > 3) fail('unsupported NPY version', '1, 2 or 3', String(major));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerStart = major === 1 ? 10 : 12;
  if (bytes.length < headerStart) fail('truncated NPY header', `${headerStart} bytes before the header`, `${bytes.length}`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (bytes.length < headerStart + headerLength) fail('truncated NPY header', `${headerStart + headerLength} bytes`, `${bytes.length}`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr'\s*:\s*'([<>|=]?)([a-z]\d+)'/.exec(header);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header);
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header);
  if (descr === null || fortran === null || shapeText === null) fail('malformed NPY header', "'descr', 'fortran_order' and 'shape'", header.trim());
  const type = DTYPES[(descr as RegExpExecArray)[2] as string];
  if (type === undefined) fail('unsupported NPY dtype', 'f4, f8, i4 or i8', (descr as RegExpExecArray)[2]);
  if ((fortran as RegExpExecArray)[1] === 'True') fail('Fortran-order arrays are not supported', 'C order', 'fortran_order True');
  const shape = ((shapeText as RegExpExecArray)[1] as string)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) fail('malformed NPY shape', 'non-negative integers', (shapeText as RegExpExecArray)[1]);
  const { dtype, bytes: width } = type as { dtype: NpyDtype; bytes: number };
  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = headerStart + headerLength;
  if (bytes.length - dataStart < count * width) {
    fail('truncated NPY data', `${count * width} bytes for shape (${shape.join(', ')})`, `${bytes.length - dataStart}`);
  }
  const little = (descr as RegExpExecArray)[1] !== '>';
  let data: Float32Array | Float64Array | Int32Array;
  if (dtype === 'float32') {
    data = new Float32Array(count);
    for (let j = 0; j < count; j++) data[j] = view.getFloat32(dataStart + 4 * j, little);
  } else if (dtype === 'float64') {
    data = new Float64Array(count);
    for (let j = 0; j < count; j++) data[j] = view.getFloat64(dataStart + 8 * j, little);
  } else if (dtype === 'int32') {
    data = new Int32Array(count);
    for (let j = 0; j < count; j++) data[j] = view.getInt32(dataStart + 4 * j, little);
  } else {
    data = new Float64Array(count);
    for (let j = 0; j < count; j++) {
      const v = view.getBigInt64(dataStart + 8 * j, little);
      if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
        fail(`int64 value at index ${j} does not fit a double exactly`, '|value| <= 2^53', v.toString());
      }
      data[j] = Number(v);
    }
  }
  return { dtype, shape, data };
}

/** Writes a float32/float64/int32 array as NPY version 1 (little-endian, C order). */
export function writeNpy(array: { shape: readonly number[]; data: Float32Array | Float64Array | Int32Array }): Uint8Array {
  const code = array.data instanceof Float32Array ? '<f4' : array.data instanceof Float64Array ? '<f8' : '<i4';
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  let header = `{'descr': '${code}', 'fortran_order': False, 'shape': ${shape}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + array.data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let j = 0; j < header.length; j++) out[10 + j] = header.charCodeAt(j);
  const view = new DataView(out.buffer, 10 + header.length);
  const d = array.data;
  for (let j = 0; j < d.length; j++) {
    if (d instanceof Float32Array) view.setFloat32(4 * j, d[j] as number, true);
    else if (d instanceof Float64Array) view.setFloat64(8 * j, d[j] as number, true);
    else view.setInt32(4 * j, d[j] as number, true);
  }
  return out;
}

/** The widest feature matrix the readers accept (far beyond any real feature vector; a guard against a header that declares billions). */
export const MAX_FEATURE_COLUMNS = 1 << 20;

/**
 * A 2-D NPY array as {@link Features} (converted to float32). NaN and
 * infinite values are errors naming their row and column.
 */
export function npyToFeatures(array: NpyArray, source = 'array.npy', columnNames?: readonly string[]): Features {
  if (array.shape.length !== 2) {
    throw new CrowdError('SHAPE_MISMATCH', 'features must be a 2-D array', {
      source,
      expected: '(rows, columns)',
      found: `(${array.shape.join(', ')})`,
    });
  }
  const [rows, cols] = array.shape as [number, number];
  // checked before anything is built for the columns (a 233-byte file can declare 10^9 of them)
  if (cols > MAX_FEATURE_COLUMNS) {
    throw new CrowdError('SHAPE_MISMATCH', 'too many feature columns', { source, expected: `at most ${MAX_FEATURE_COLUMNS}`, found: String(cols) });
  }
  const data = array.data instanceof Float32Array ? array.data : Float32Array.from(array.data);
  for (let j = 0; j < data.length; j++) {
    if (!Number.isFinite(data[j] as number)) {
      throw new CrowdError('PARSE_ERROR', `a feature value is ${data[j]}`, { source, expected: 'finite numbers', found: `row ${Math.floor(j / cols) + 1}, column ${(j % cols) + 1}` });
    }
  }
  return new Features(data, rows, cols, columnNames);
}
