import { CrowdError } from '../errors.js';

/** Throws INVALID_ARGUMENT unless `value` is an integer in `[min, max]`. */
export function assertInteger(name: string, value: number, min = 0, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CrowdError('INVALID_ARGUMENT', `${name} is out of range`, {
      expected: `an integer in [${min}, ${max}]`,
      found: String(value),
    });
  }
}

/** Throws INVALID_ARGUMENT unless `value` is a finite number in `[min, max]`. */
export function assertFraction(name: string, value: number, min = 0, max = 1): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new CrowdError('INVALID_ARGUMENT', `${name} is out of range`, {
      expected: `a number in [${min}, ${max}]`,
      found: String(value),
    });
  }
}
