import { CrowdError } from '@crowdlearn/core-matrix';

/** Options of {@link learnDictionary}. */
export interface KsvdOptions {
  /** Number of atoms. Default 20 (CrowdMKT's code). */
  atoms?: number;
  /** Non-zero coefficients per sample in the OMP coding. Default 2 (10% of 20 atoms, the OMP library default the code relies on). */
  sparsity?: number;
  /** K-SVD iterations at most. Default 1000. */
  maxIterations?: number;
  /** Stop when the reconstruction error changes by less than this fraction. Default 1e-6. */
  tol?: number;
}

/** A learned dictionary. */
export interface Dictionary {
  /** The atoms, unit norm, row-major atoms x d (atom j is row j). */
  atoms: Float64Array;
  /** Number of atoms. */
  size: number;
  /** Sample dimension d. */
  dim: number;
  /** Squared reconstruction error ‖Y − DX‖² after each iteration. */
  error: number[];
}

/**
 * K-SVD dictionary learning (Aharon, Elad, Bruckstein 2006) as CrowdMKT's
 * code uses it: atoms initialised from the top left singular vectors of the
 * data, then alternate OMP sparse coding and one rank-1 update per atom
 * (the atom and its coefficients from the leading singular pair of the
 * residual restricted to the samples that use it; an atom no sample uses
 * is replaced by the worst-represented sample).
 * @param Y - samples, row-major n x d (one sample per row).
 */
export function learnDictionary(Y: ArrayLike<number>, n: number, d: number, options: KsvdOptions = {}): Dictionary {
  const size = options.atoms ?? 20;
  const sparsity = options.sparsity ?? 2;
  if (size < 1 || sparsity < 1 || sparsity > size) throw new CrowdError('INVALID_ARGUMENT', 'K-SVD: need 1 <= sparsity <= atoms', { found: `${sparsity} of ${size}` });
  if (n < 1) throw new CrowdError('INVALID_ARGUMENT', 'K-SVD: no samples');
  if (size > d) throw new CrowdError('INVALID_ARGUMENT', 'K-SVD: more atoms than dimensions (the initial atoms are singular vectors)', { expected: `at most ${d} atoms`, found: String(size) });
  const atoms = topLeftSingularVectors(Y, n, d, size);
  const error: number[] = [];
  const maxIterations = options.maxIterations ?? 1000;
  const tol = options.tol ?? 1e-6;
  for (let it = 0; it < maxIterations; it++) {
    const codes = Array.from({ length: n }, (_, i) => ompCode(atoms, size, d, Y, i * d, sparsity));
    for (let j = 0; j < size; j++) updateAtom(atoms, size, d, Y, codes, j);
    let err = 0;
    for (let i = 0; i < n; i++) err += residualNorm2(atoms, d, Y, i * d, codes[i] as SparseCode);
    error.push(err);
    const prev = error[error.length - 2];
    if (prev !== undefined && Math.abs(prev - err) <= tol * Math.max(prev, 1e-300)) break;
  }
  return { atoms, size, dim: d, error };
}

/** A sparse code: the chosen atoms and their coefficients. */
export interface SparseCode {
  /** Atom indices. */
  index: number[];
  /** Their coefficients. */
  value: number[];
}

/** The sparse codes of samples over a dictionary, as dense rows (n x atoms). */
export function encode(dictionary: Dictionary, Y: ArrayLike<number>, n: number, sparsity = 2): Float64Array {
  const out = new Float64Array(n * dictionary.size);
  for (let i = 0; i < n; i++) {
    const code = ompCode(dictionary.atoms, dictionary.size, dictionary.dim, Y, i * dictionary.dim, sparsity);
    code.index.forEach((j, t) => (out[i * dictionary.size + j] = code.value[t] as number));
  }
  return out;
}

/**
 * Orthogonal matching pursuit: up to `sparsity` atoms, each the one most
 * correlated with the residual, with the coefficients refitted by least
 * squares on the chosen atoms after every pick. Stops early at a zero residual.
 */
export function ompCode(atoms: Float64Array, size: number, d: number, Y: ArrayLike<number>, offset: number, sparsity: number): SparseCode {
  const index: number[] = [];
  let value: number[] = [];
  const residual = Float64Array.from({ length: d }, (_, c) => Y[offset + c] as number);
  for (let s = 0; s < sparsity; s++) {
    let best = -1;
    let bestScore = 1e-12;
    for (let j = 0; j < size; j++) {
      if (index.includes(j)) continue;
      let dot = 0;
      for (let c = 0; c < d; c++) dot += (atoms[j * d + c] as number) * (residual[c] as number);
      if (Math.abs(dot) > bestScore) {
        bestScore = Math.abs(dot);
        best = j;
      }
    }
    if (best < 0) break;
    index.push(best);
    value = leastSquares(atoms, d, Y, offset, index);
    for (let c = 0; c < d; c++) {
      let fit = 0;
      index.forEach((j, t) => (fit += (value[t] as number) * (atoms[j * d + c] as number)));
      residual[c] = (Y[offset + c] as number) - fit;
    }
  }
  return { index, value };
}

/** Least-squares coefficients of one sample on the chosen atoms (normal equations, Gaussian elimination with partial pivoting). */
function leastSquares(atoms: Float64Array, d: number, Y: ArrayLike<number>, offset: number, index: number[]): number[] {
  const m = index.length;
  const A = Array.from({ length: m }, (_, a) => {
    const row = new Array<number>(m + 1).fill(0);
    for (let b = 0; b < m; b++) for (let c = 0; c < d; c++) row[b]! += (atoms[(index[a] as number) * d + c] as number) * (atoms[(index[b] as number) * d + c] as number);
    for (let c = 0; c < d; c++) row[m]! += (atoms[(index[a] as number) * d + c] as number) * (Y[offset + c] as number);
    return row;
  });
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(A[r]![col]!) > Math.abs(A[pivot]![col]!)) pivot = r;
    [A[col], A[pivot]] = [A[pivot]!, A[col]!];
    const p = A[col]![col]!;
    if (Math.abs(p) < 1e-300) continue;
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const f = A[r]![col]! / p;
      for (let c = col; c <= m; c++) A[r]![c]! -= f * A[col]![c]!;
    }
  }
  return A.map((row, a) => (Math.abs(row[a]!) < 1e-300 ? 0 : row[m]! / row[a]!));
}

/** K-SVD's update of atom j: the leading singular pair of the residual without atom j, over the samples that use it. */
function updateAtom(atoms: Float64Array, size: number, d: number, Y: ArrayLike<number>, codes: SparseCode[], j: number): void {
  const users = codes.flatMap((code, i) => (code.index.includes(j) ? [i] : []));
  if (users.length === 0) {
    replaceUnusedAtom(atoms, d, Y, codes, j);
    return;
  }
  // E (d x |users|): each user's sample minus its reconstruction by the other atoms
  const E = new Float64Array(d * users.length);
  users.forEach((i, u) => {
    const code = codes[i] as SparseCode;
    for (let c = 0; c < d; c++) {
      let fit = 0;
      code.index.forEach((l, t) => {
        if (l !== j) fit += (code.value[t] as number) * (atoms[l * d + c] as number);
      });
      E[c * users.length + u] = (Y[i * d + c] as number) - fit;
    }
  });
  // power iteration on E Eᵀ from the current atom
  let u: Float64Array = Float64Array.from({ length: d }, (_, c) => atoms[j * d + c] as number);
  const v = new Float64Array(users.length);
  let sigma = 0;
  for (let it = 0; it < 30; it++) {
    for (let k = 0; k < users.length; k++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += (E[c * users.length + k] as number) * (u[c] as number);
      v[k] = s;
    }
    const next = new Float64Array(d);
    for (let c = 0; c < d; c++) for (let k = 0; k < users.length; k++) next[c]! += (E[c * users.length + k] as number) * (v[k] as number);
    const norm = Math.hypot(...next);
    if (norm === 0) return;
    u = next.map((x) => x / norm);
  }
  for (let k = 0; k < users.length; k++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += (E[c * users.length + k] as number) * (u[c] as number);
    v[k] = s;
    sigma += s * s;
  }
  if (sigma === 0) return;
  atoms.set(u, j * d);
  users.forEach((i, k) => {
    const code = codes[i] as SparseCode;
    code.value[code.index.indexOf(j)] = v[k] as number;
  });
}

/** An atom no sample uses becomes the (normalised) sample worst represented now, the usual K-SVD remedy. */
function replaceUnusedAtom(atoms: Float64Array, d: number, Y: ArrayLike<number>, codes: SparseCode[], j: number): void {
  let worst = -1;
  let worstError = 0;
  codes.forEach((code, i) => {
    const e = residualNorm2(atoms, d, Y, i * d, code);
    if (e > worstError) {
      worstError = e;
      worst = i;
    }
  });
  if (worst < 0) return;
  const norm = Math.hypot(...Array.from({ length: d }, (_, c) => Y[worst * d + c] as number));
  if (norm === 0) return;
  for (let c = 0; c < d; c++) atoms[j * d + c] = (Y[worst * d + c] as number) / norm;
}

function residualNorm2(atoms: Float64Array, d: number, Y: ArrayLike<number>, offset: number, code: SparseCode): number {
  let s = 0;
  for (let c = 0; c < d; c++) {
    let fit = 0;
    code.index.forEach((l, t) => (fit += (code.value[t] as number) * (atoms[l * d + c] as number)));
    s += ((Y[offset + c] as number) - fit) ** 2;
  }
  return s;
}

/**
 * The top `k` left singular vectors of the d x n data matrix whose columns
 * are the samples (eigenvectors of YᵀY's d x d counterpart Σ_i y_i y_iᵀ) by
 * subspace iteration with Gram-Schmidt, as unit rows (k x d). When k exceeds
 * d or the rank, the remaining rows are unit basis vectors not yet spanned.
 */
function topLeftSingularVectors(Y: ArrayLike<number>, n: number, d: number, k: number): Float64Array {
  const C = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const ya = Y[i * d + a] as number;
      if (ya === 0) continue;
      for (let b = 0; b < d; b++) C[a * d + b]! += ya * (Y[i * d + b] as number);
    }
  }
  let Q: Float64Array[] = Array.from({ length: k }, (_, j) => Float64Array.from({ length: d }, (_, c) => (c === j % d ? 1 : 0) + 1e-3 * Math.sin(7 * j + c + 1)));
  Q = orthonormalise(Q, d);
  for (let it = 0; it < 100; it++) {
    const Z = Q.map((q) => {
      const z = new Float64Array(d);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) z[a]! += (C[a * d + b] as number) * (q[b] as number);
      return z;
    });
    Q = orthonormalise(Z, d);
  }
  const out = new Float64Array(k * d);
  Q.forEach((q, j) => out.set(q, j * d));
  return out;
}

/** Gram-Schmidt; a vector that vanishes is replaced by the first unit basis vector not yet spanned. */
function orthonormalise(vectors: Float64Array[], d: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (const v0 of vectors) {
    let v = Float64Array.from(v0);
    for (let attempt = 0; attempt <= d; attempt++) {
      for (const u of out) {
        const dot = v.reduce((s, x, c) => s + x * (u[c] as number), 0);
        for (let c = 0; c < d; c++) v[c]! -= dot * (u[c] as number);
      }
      const norm = Math.hypot(...v);
      if (norm > 1e-10) {
        out.push(v.map((x) => x / norm));
        break;
      }
      v = Float64Array.from({ length: d }, (_, c) => (c === attempt % d ? 1 : 0));
    }
  }
  return out;
}
