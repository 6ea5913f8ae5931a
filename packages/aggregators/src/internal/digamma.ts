import { portableLog } from '@crowdlearn/core-matrix';
/**
 * The digamma function ψ(x) for x > 0: upward recurrence to x >= 6, then the
 * asymptotic series (absolute error below 1e-12 there).
 */
export function digamma(x: number): number {
  let result = 0;
  while (x < 6) {
    result -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return (
    result +
    portableLog(x) -
    0.5 / x -
    f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132)))))
  );
}
