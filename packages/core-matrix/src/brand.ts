/**
 * A mark on the instances of a core-matrix class that every copy of the
 * package recognises: `Symbol.for` gives all copies the same symbol, so when
 * an install holds two copies of core-matrix (two versions, or one bundled
 * twice), `instanceof` and the `is*` checks still accept each other's errors,
 * generators and matrices.
 */
export function brand(name: string): symbol {
  return Symbol.for(`@crowdlearn/core-matrix/${name}`);
}

/** Whether `value` carries `mark` (an instance of the branded class from any copy of the package). */
export function hasBrand(value: unknown, mark: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[mark] === true;
}
