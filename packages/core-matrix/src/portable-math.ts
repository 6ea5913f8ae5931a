/**
 * `exp`, `log` and `log1p` that give the same bits on every JavaScript
 * engine.
 *
 * `Math.exp` and `Math.log` are only required to be approximately right, and
 * engines disagree in the last bit: on 20,000 random arguments, Node 20 and
 * Chromium 156 differ on about 5% of `Math.log` and 9% of `Math.exp` results.
 * An aggregator that iterates EM on them writes different probabilities in
 * Node and in the browser, and on one Node version and the next. These
 * functions use only IEEE-754 double arithmetic (which JavaScript specifies
 * exactly: round to nearest, no extended precision) and the bits of a
 * double, so a seed gives the same output everywhere.
 *
 * They are the algorithms of fdlibm (Sun's freely distributable libm, which
 * V8 used for Node 20's `Math.exp`, `Math.log` and `Math.log1p`): Tang's
 * reduction `x = k ln2 + r` for `exp`, the series in `s = f/(2+f)` for `log`
 * and `log1p`, with their minimax coefficients. On Node 20 they return what
 * `Math` returns, bit for bit (checked on millions of arguments), so results
 * computed there before did not change; elsewhere they return the same bits
 * as on Node 20. Error below one unit in the last place. The price is speed
 * in the methods that call them per label: `bench perf-aggregators --quick`
 * at 1M labels, GLAD 6.8 s against 4.2-4.8 s with `Math`, MACE 17.6 s
 * against 13.8-14.8 s; DS and one-coin DS about the same.
 */

const LN2_HI = 6.93147180369123816490e-1; // ln 2 to 32 bits: k * LN2_HI is exact for |k| < 2^20
const LN2_LO = 1.90821492927058770002e-10; // ln 2 - LN2_HI
const INV_LN2 = 1.44269504088896338700;
const EXP_OVERFLOW = 7.09782712893383973096e2; // above this exp(x) is not a finite double
const EXP_UNDERFLOW = -7.45133219101941108420e2; // below this exp(x) rounds to 0

// minimax coefficients of (r (e^r + 1)/(e^r - 1) - 2) in r^2 on |r| <= ln2/2
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;

// minimax coefficients of (log(1+f) - 2s) / s in s^2, s = f/(2+f), for sqrt(2)/2 <= 1+f < sqrt(2)
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

const TWO54 = 18014398509481984; // 2^54, to lift subnormals into the normal range
const TWO_M1000 = 2 ** -1000; // exact: a power of two is representable on every engine

/** 2^k for k in [-1074, 1023] at index k + 1074, built by exact doubling and halving. */
const POW2 = (() => {
  const table = new Float64Array(1074 + 1024);
  let up = 1;
  let down = 1;
  table[1074] = 1;
  for (let k = 1; k <= 1023; k++) table[1074 + k] = up *= 2;
  for (let k = 1; k <= 1074; k++) table[1074 - k] = down /= 2;
  return table;
})();

/** y * 2^k for k in [-1075, 1024], exactly as one rounding of the product. */
function scaleByPowerOfTwo(y: number, k: number): number {
  if (k > 1023) return y * 2 * (POW2[1074 + 1023] as number);
  if (k < -1022) return y * (POW2[1074 + k + 1000] as number) * TWO_M1000;
  return y * (POW2[1074 + k] as number);
}

/** e^x, the same bits on every engine; within 1 ulp. */
export function portableExp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > EXP_OVERFLOW) return Infinity;
  if (x < EXP_UNDERFLOW) return 0;
  const ax = x < 0 ? -x : x;
  if (ax < 3.725290298461914e-9) return 1 + x; // |x| < 2^-28: e^x rounds to 1 + x
  // x = k ln2 + r, |r| <= ln2/2, with r carried as hi - lo
  const k = ax < 0.34657359027997264 ? 0 : Math.floor(x * INV_LN2 + 0.5);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1 - ((lo - (r * c) / (2 - c)) - hi);
  return k === 0 ? y : scaleByPowerOfTwo(y, k);
}

// the bits of a double: [low word, high word] on little-endian hosts
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The natural logarithm, the same bits on every engine; within 1 ulp. */
export function portableLog(x: number): number {
  // kept small, so that the JIT inlines it into loops: the rare cases are in helpers
  let k = 0;
  if (!(x >= 2.2250738585072014e-308 && x < Infinity)) {
    if (!(x > 0) || x === Infinity) return logOfSpecial(x);
    x *= TWO54; // a subnormal: lift it into the normal range
    k = -54;
  }
  // x = 2^e (1 + f) with sqrt(2)/2 <= 1 + f < sqrt(2): e from the exponent bits, one more when the mantissa >= sqrt(2)
  bits[0] = x;
  let hx = words[HIGH] as number;
  const e = (hx >>> 20) - 1023 + (((hx & 0x000fffff) + 0x95f64) >>> 20); // 0x95f64 + mantissa carries into bit 20 when the mantissa >= sqrt(2)
  hx &= 0x000fffff;
  k += e;
  // 1 + f = x 2^-e exactly (fdlibm writes the exponent bits; a multiplication by a power of two is the same
  // number, and spares the processor a store it cannot forward to the next load)
  const f = x * (POW2[1074 - e] as number) - 1;
  if ((0x000fffff & (2 + hx)) < 3) return logNearPowerOfTwo(f, k);
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const R = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7))) + w * (LG2 + w * (LG4 + w * LG6));
  // (with k = 0 these are fdlibm's k = 0 forms to the bit: 0 - (a - f) rounds as f - a)
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    // 1 + f far from 1: subtract f^2/2 separately, for accuracy
    const hfsq = 0.5 * f * f;
    return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
  }
  return k * LN2_HI - (s * (f - R) - k * LN2_LO - f);
}

/** log of NaN, 0, a negative number or +Infinity. */
function logOfSpecial(x: number): number {
  if (x === 0) return -Infinity;
  return x === Infinity ? x : Number.NaN;
}

/** log(2^k (1 + f)) for |f| < 2^-20: two terms of the series. */
function logNearPowerOfTwo(f: number, k: number): number {
  if (f === 0) return k * LN2_HI + k * LN2_LO;
  const R = f * f * (0.5 - 0.33333333333333333 * f);
  return k * LN2_HI - (R - k * LN2_LO - f);
}

/** log(1 + x), accurate for small x, the same bits on every engine; within 1 ulp. */
export function portableLog1p(x: number): number {
  bits[0] = x;
  const hx = (words[HIGH] as number) | 0; // the high word, signed
  if (hx < 0x3fda827a) {
    // x < sqrt(2) - 1
    const ax = hx & 0x7fffffff;
    if (ax >= 0x3ff00000) return x === -1 ? -Infinity : Number.NaN; // x <= -1
    if (ax < 0x3e200000) return ax < 0x3c900000 ? x : x - x * x * 0.5; // |x| < 2^-29
    if (hx > 0 || hx <= (0xbfd2bec3 | 0)) return log1pSeries(x, 0, 0, 1); // -0.2929 < x < 0.41422: the series in x itself
  }
  if (hx >= 0x7ff00000) return x + x; // +Infinity or NaN
  // 1 + x = 2^k (1 + f), with c the rounding error of 1 + x
  const u = hx < 0x43400000 ? 1 + x : x;
  bits[0] = u;
  let hu = words[HIGH] as number;
  let k = (hu >>> 20) - 1023;
  const c = hx < 0x43400000 ? (k > 0 ? 1 - (u - x) : x - (u - 1)) / u : 0;
  hu &= 0x000fffff;
  if (hu >= 0x6a09e) {
    // the mantissa >= sqrt(2): halve it
    k += 1;
    hu = (0x00100000 - hu) >> 2;
  }
  // u 2^-k exactly, as fdlibm's rewrite of the exponent bits
  return log1pSeries(u * (POW2[1074 - k] as number) - 1, k, c, hu);
}

/** log(2^k (1 + f)) + c, as fdlibm's log1p finishes it; `hu` is 0 when |f| < 2^-20. */
function log1pSeries(f: number, k: number, c: number, hu: number): number {
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + (c + k * LN2_LO);
    const R = hfsq * (1 - 0.66666666666666666 * f);
    return k === 0 ? f - R : k * LN2_HI - (R - (k * LN2_LO + c) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  return k === 0 ? f - (hfsq - s * (hfsq + R)) : k * LN2_HI - (hfsq - (s * (hfsq + R) + (k * LN2_LO + c)) - f);
}
