/**
 * The Adam update as a small WebAssembly SIMD function, four float32 lanes
 * at a time: TF.js's wasm kernels are SIMD, and a scalar JavaScript loop
 * with three divisions and a square root per element is no faster than
 * their dozen passes. The function works in its own module's memory, where
 * {@link AdamSimd} keeps each variable's moments and copies its gradient
 * and values in and the new values out.
 *
 * The module is written out below as WebAssembly text and assembled from
 * named opcodes; its operations are IEEE float32 (no fused multiply-add), in
 * the order of `adamElements` in `fused-adam.ts`, so both give the same bits.
 */

// The function `adam(g, x, m, v, bytes, β1, β2, 1-β1, 1-β2, c1, c2, ε, -lr)`,
// over `bytes` bytes (a multiple of 16) from each of the addresses g, x, m, v:
//   for (i = 0; i < bytes; i += 16) {
//     m[i] = m[i]·β1 + g[i]·(1-β1)
//     v[i] = v[i]·β2 + (g[i]·g[i])·(1-β2)
//     x[i] = ((m[i] / c1) / (sqrt(v[i] / c2) + ε))·(-lr) + x[i]
//   }

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

/** Parameters, then locals: their indices. */
const G = 0, X = 1, M = 2, V = 3, BYTES = 4;
const SCALARS = 5; // β1, β2, 1-β1, 1-β2, c1, c2, ε, -lr: parameters 5-12, splatted into locals 14-21
const NUM_SCALARS = 8;
const I = 13;
const SPLAT = 14;
const [BETA1, BETA2, ONE_MINUS_BETA1, ONE_MINUS_BETA2, C1, C2, EPSILON, STEP] = Array.from({ length: NUM_SCALARS }, (_, j) => SPLAT + j) as [number, number, number, number, number, number, number, number];
const NEW_M = 22, NEW_V = 23, GRAD = 24;

const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (local: number) => [0x20, local],
  set: (local: number) => [0x21, local],
  tee: (local: number) => [0x22, local],
  i32Const: (value: number) => [0x41, ...signedLeb(value)],
  i32Add: [0x6a],
  i32GeU: [0x4f],
  // SIMD instructions: prefix 0xfd, then the opcode as unsigned LEB128
  load: [0xfd, 0x00, 4, 0], // v128.load, alignment 2^4, offset 0
  store: [0xfd, 0x0b, 4, 0],
  splat: [0xfd, 0x13], // f32x4.splat
  sqrt: [0xfd, 0xe3, 0x01],
  add: [0xfd, 0xe4, 0x01],
  mul: [0xfd, 0xe6, 0x01],
  div: [0xfd, 0xe7, 0x01],
};

/** The address of the current 16 bytes of the array whose base is in `local`. */
const at = (local: number) => [...op.get(local), ...op.get(I), ...op.i32Add];

const BODY: number[] = [
  ...Array.from({ length: NUM_SCALARS }, (_, j) => [...op.get(SCALARS + j), ...op.splat, ...op.set(SPLAT + j)]).flat(),
  ...op.block,
  ...op.loop,
  ...op.get(I), ...op.get(BYTES), ...op.i32GeU, ...op.brIf(1),
  // m' = m·β1 + g·(1-β1)
  ...at(M), ...op.load, ...op.get(BETA1), ...op.mul,
  ...at(G), ...op.load, ...op.tee(GRAD), ...op.get(ONE_MINUS_BETA1), ...op.mul,
  ...op.add, ...op.set(NEW_M),
  // v' = v·β2 + (g·g)·(1-β2)
  ...at(V), ...op.load, ...op.get(BETA2), ...op.mul,
  ...op.get(GRAD), ...op.get(GRAD), ...op.mul, ...op.get(ONE_MINUS_BETA2), ...op.mul,
  ...op.add, ...op.set(NEW_V),
  ...at(M), ...op.get(NEW_M), ...op.store,
  ...at(V), ...op.get(NEW_V), ...op.store,
  // x' = ((m' / c1) / (sqrt(v' / c2) + ε))·(-lr) + x
  ...at(X),
  ...op.get(NEW_M), ...op.get(C1), ...op.div,
  ...op.get(NEW_V), ...op.get(C2), ...op.div, ...op.sqrt, ...op.get(EPSILON), ...op.add,
  ...op.div, ...op.get(STEP), ...op.mul,
  ...at(X), ...op.load, ...op.add,
  ...op.store,
  ...op.get(I), ...op.i32Const(16), ...op.i32Add, ...op.set(I),
  ...op.br(0),
  ...op.end,
  ...op.end,
  ...op.end, // function
];

function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function signedLeb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const vector = (items: number[][]) => [...unsignedLeb(items.length), ...items.flat()];
const section = (id: number, content: number[]) => [id, ...unsignedLeb(content.length), ...content];
const name = (text: string) => vector([...text].map((c) => [c.charCodeAt(0)]));

function moduleBytes(): Uint8Array {
  const params = [G, X, M, V, BYTES].map(() => I32).concat(Array.from({ length: NUM_SCALARS }, () => F32));
  const body = [...vector([[1, I32], [11, V128]]), ...BODY]; // locals: i, then 8 splats and 3 temporaries
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, vector([[0x60, ...vector(params.map((t) => [t])), 0]])), // type 0: (params) -> ()
    ...section(3, vector([[0]])), // function 0 has type 0
    ...section(5, vector([[0x00, 1]])), // one memory, at least one 64 KiB page
    ...section(7, vector([[...name('memory'), 0x02, 0], [...name('adam'), 0x00, 0]])),
    ...section(10, vector([[...unsignedLeb(body.length), ...body]])),
  ]);
}

/** The parts of the WebAssembly JavaScript API used here (the project's TypeScript types, Node's, do not declare it). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** A WebAssembly memory: its bytes, and growth by 64 KiB pages (which detaches older views of `buffer`). */
interface WebAssemblyMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

const webAssembly = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is not available. */
function adamModule(): object | null {
  if (compiled === undefined) {
    const bytes = moduleBytes();
    compiled = webAssembly !== undefined && webAssembly.validate(bytes) ? new webAssembly.Module(bytes) : null;
  }
  return compiled;
}

type AdamFunction = (g: number, x: number, m: number, v: number, bytes: number, ...scalars: number[]) => void;

/** Where one variable's arrays are in the module's memory (byte addresses). */
interface Slots {
  gradient: number;
  values: number;
  first: number;
  second: number;
  /** Bytes per array, the element count rounded up to a multiple of 4 elements. */
  bytes: number;
}

/** The scalars of one Adam step, already rounded to float32. */
export interface AdamScalars {
  /** β1. */
  beta1: number;
  /** β2. */
  beta2: number;
  /** 1 - β1. */
  oneMinusBeta1: number;
  /** 1 - β2. */
  oneMinusBeta2: number;
  /** 1 - β1^t. */
  correction1: number;
  /** 1 - β2^t. */
  correction2: number;
  /** ε. */
  epsilon: number;
  /** -learning rate. */
  step: number;
}

/**
 * One optimiser's Adam state in a WebAssembly instance: the moments of every
 * variable it has seen, with room for the gradient and values beside them.
 */
export class AdamSimd {
  readonly #memory: WebAssemblyMemory;
  readonly #adam: AdamFunction;
  readonly #slots = new Map<string, Slots>();
  #end = 0;

  private constructor(instance: { exports: Record<string, unknown> }) {
    this.#memory = instance.exports.memory as WebAssemblyMemory;
    this.#adam = instance.exports.adam as AdamFunction;
  }

  /** A new state, or undefined where WebAssembly SIMD is not available. */
  static create(): AdamSimd | undefined {
    const module = adamModule();
    return module === null || webAssembly === undefined ? undefined : new AdamSimd(new webAssembly.Instance(module, {}));
  }

  /**
   * One step for the variable `name`: reads `gradient` and `values` (of
   * equal length), updates the moments, and returns the new values (a view
   * of the module's memory, valid until the next call).
   */
  step(name: string, gradient: Float32Array, values: Float32Array, s: AdamScalars): Float32Array {
    const slots = this.#slotsFor(name, values.length);
    const heap = new Float32Array(this.#memory.buffer);
    heap.set(gradient, slots.gradient / 4);
    heap.set(values, slots.values / 4);
    this.#adam(slots.gradient, slots.values, slots.first, slots.second, slots.bytes, s.beta1, s.beta2, s.oneMinusBeta1, s.oneMinusBeta2, s.correction1, s.correction2, s.epsilon, s.step);
    return new Float32Array(this.#memory.buffer, slots.values, values.length);
  }

  #slotsFor(name: string, length: number): Slots {
    let slots = this.#slots.get(name);
    if (slots === undefined) {
      const bytes = Math.ceil(length / 4) * 16;
      const base = this.#end;
      this.#end += 4 * bytes;
      const pages = Math.ceil(this.#end / 65536) - this.#memory.buffer.byteLength / 65536;
      if (pages > 0) this.#memory.grow(pages); // new memory is zero: the moments start at 0
      slots = { gradient: base, values: base + bytes, first: base + 2 * bytes, second: base + 3 * bytes, bytes };
      this.#slots.set(name, slots);
    }
    return slots;
  }
}
