import { logGamma, regularizedGammaQ } from '@crowdlearn/core-matrix';
import { averageRanks } from './ranks.js';

/** The Friedman test on N datasets x k methods, with the Iman-Davenport correction (Demšar 2006, §3.2.2). */
export interface FriedmanResult {
  /** Average rank per method (1 is best). */
  ranks: number[];
  /** Friedman's chi-square with k - 1 degrees of freedom. */
  chiSquare: number;
  /** Its p-value. */
  pChiSquare: number;
  /** Iman and Davenport's F with (k - 1, (k - 1)(N - 1)) degrees of freedom. */
  f: number;
  /** Its p-value. */
  pF: number;
  /** Datasets N. */
  n: number;
  /** Methods k. */
  k: number;
}

/** Friedman and Iman-Davenport statistics for a table of scores (rows: datasets, columns: methods). */
export function friedman(table: readonly (readonly number[])[], higherIsBetter = true): FriedmanResult {
  return friedmanFromRanks(averageRanks(table, higherIsBetter), table.length);
}

/** The same statistics from the methods' average ranks over `n` datasets. */
export function friedmanFromRanks(ranks: number[], n: number): FriedmanResult {
  const k = ranks.length;
  const sumSq = ranks.reduce((s, r) => s + r * r, 0);
  const chiSquare = ((12 * n) / (k * (k + 1))) * (sumSq - (k * (k + 1) ** 2) / 4);
  const f = ((n - 1) * chiSquare) / (n * (k - 1) - chiSquare);
  return {
    ranks,
    chiSquare,
    pChiSquare: chiSquareSurvival(chiSquare, k - 1),
    f,
    pF: fSurvival(f, k - 1, (k - 1) * (n - 1)),
    n,
    k,
  };
}

/**
 * Critical values q_α of the Nemenyi test, the Studentized range q(k, ∞)
 * divided by sqrt 2: k = 2..10 at α = 0.05 and 0.10 from Demšar 2006, Table
 * 5(a); k = 11..20 at 0.05 from the Studentized range table.
 */
const NEMENYI_Q: Record<'0.05' | '0.10', number[]> = {
  '0.05': [1.96, 2.343, 2.569, 2.728, 2.85, 2.949, 3.031, 3.102, 3.164, 3.219, 3.268, 3.313, 3.354, 3.391, 3.426, 3.458, 3.489, 3.517, 3.544],
  '0.10': [1.645, 2.052, 2.291, 2.459, 2.589, 2.693, 2.78, 2.855, 2.92],
};

/**
 * The Nemenyi critical difference `CD = q_α sqrt(k (k + 1) / (6 N))`: two
 * methods differ significantly when their average ranks differ by at least CD.
 * Defined for 2 <= k <= 20 at 0.05 and k <= 10 at 0.10; undefined beyond.
 */
export function nemenyiCriticalDifference(k: number, n: number, alpha: '0.05' | '0.10' = '0.05'): number | undefined {
  const q = NEMENYI_Q[alpha][k - 2];
  if (q === undefined || n < 1) return undefined;
  return q * Math.sqrt((k * (k + 1)) / (6 * n));
}

/** P(X >= x) for a chi-square variable with `df` degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(x > 0)) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}

/** P(X >= x) for an F variable with (d1, d2) degrees of freedom. */
export function fSurvival(x: number, d1: number, d2: number): number {
  if (!(x > 0)) return 1;
  return incompleteBetaRatio(d2 / 2, d1 / 2, d2 / (d2 + d1 * x));
}

/** I_x(a, b), the regularised incomplete beta function (Lentz's continued fraction). */
function incompleteBetaRatio(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBetaRatio(b, a, 1 - x);
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < 1e-300) d = 1e-300;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 500; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = 1 + num / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    h *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = 1 + num / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return (front * h) / a;
}
