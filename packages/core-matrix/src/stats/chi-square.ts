import { portableExp, portableLog } from '../portable-math.js';

// Lanczos approximation (g = 7, n = 9): |error| < 1e-13 relative for x > 0
const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

/** log Γ(x) for x > 0. */
export function logGamma(x: number): number {
  // Γ(x) = Γ(x + 1) / x keeps the argument where the approximation holds (no engine-dependent sin)
  if (x < 0.5) return logGamma(x + 1) - portableLog(x);
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + 7.5;
  for (let j = 1; j < 9; j++) a += (LANCZOS[j] as number) / (z + j);
  return 0.5 * portableLog(2 * Math.PI) + (z + 0.5) * portableLog(t) - t + portableLog(a);
}

/** The series of P(a, x) (for x < a + 1), without its prefactor. */
function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 10000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
  }
  return sum;
}

/** Lentz's continued fraction of Q(a, x) (for x >= a + 1), without its prefactor. */
function gammaContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < 10000; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** x^a e^-x / Γ(a), the prefactor of both expansions. */
const gammaPrefactor = (a: number, x: number) => portableExp(-x + a * portableLog(x) - logGamma(a));

/** The regularized lower incomplete gamma function P(a, x): a series below a + 1, a continued fraction above (Numerical Recipes' split). */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) * gammaPrefactor(a, x) : 1 - gammaContinuedFraction(a, x) * gammaPrefactor(a, x);
}

/** The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x), computed directly where it is small (tail p-values keep their digits). */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) * gammaPrefactor(a, x) : gammaContinuedFraction(a, x) * gammaPrefactor(a, x);
}

/**
 * The p-quantile of the chi-square distribution with `df` degrees of
 * freedom: the x with P(X <= x) = p (bisection on the regularized gamma
 * function to full double precision).
 */
export function chiSquareQuantile(p: number, df: number): number {
  if (!(p > 0)) return 0;
  if (!(p < 1)) return Infinity;
  let lo = 0;
  let hi = Math.max(1, df);
  while (regularizedGammaP(df / 2, hi / 2) < p) hi *= 2;
  for (let step = 0; step < 200 && hi - lo > 1e-15 * hi; step++) {
    const mid = (lo + hi) / 2;
    if (regularizedGammaP(df / 2, mid / 2) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
