import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../src/index.js';
import { doubleLiteral } from '../src/dialects/dialect.js';

describe('double literals', () => {
  it('every value reads back exactly in DuckDB, negatives parenthesised', async () => {
    const values = [0, 1, -1, 0.1, 1 / 3, -Math.log(3), 1e-10, 1 - 1e-10, 5e-324, 1.7976931348623157e308, -2.5e-7, 123456789.123456789];
    const engine = await DuckDbEngine.open();
    const columns = await engine.query(`SELECT ${values.map((v, j) => `${doubleLiteral(v)} AS v${j}`).join(', ')}`);
    await engine.close();
    values.forEach((v, j) => expect(columns[`v${j}`]?.[0]).toBe(v));
    expect(doubleLiteral(-0.5)).toBe('(-5e-1)');
    expect(() => doubleLiteral(Number.NaN)).toThrow(RangeError);
  });
});
