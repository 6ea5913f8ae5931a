/**
 * portableExp, portableLog and portableLog1p give the same bits on every engine: they are
 * checked here against exact values, IEEE special cases, a digest of their bits on fixed
 * arguments (the same digest in Node and in Chromium: the web app's browser test compares
 * its downloads with the CLI's byte for byte), and against Math.* to within one ulp.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { portableExp, portableLog, portableLog1p } from '../src/index.js';

const scratch = new Float64Array(1);
const asBits = new BigInt64Array(scratch.buffer);
function ulpsApart(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  scratch[0] = a;
  const x = asBits[0] as bigint;
  scratch[0] = b;
  const y = asBits[0] as bigint;
  return Number(x > y ? x - y : y - x);
}

/** Arguments spread over many binades, from a fixed linear congruential sequence. */
function spread(n: number, map: (u: number) => number): number[] {
  let s = 12345;
  return Array.from({ length: n }, () => map((s = (s * 16807) % 2147483647) / 2147483647));
}

/** A 64-bit FNV-1a digest of the results' bits. */
function digest(values: number[]): string {
  let h = 0xcbf29ce484222325n;
  for (const v of values) {
    scratch[0] = v;
    h = ((h ^ BigInt.asUintN(64, asBits[0] as bigint)) * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16);
}

describe('portable math', () => {
  it('is exact where the answer is exact, and follows IEEE-754 at the edges', () => {
    expect(portableExp(0)).toBe(1);
    expect(portableLog(1)).toBe(0);
    expect(portableLog1p(0)).toBe(0);
    expect(Object.is(portableLog1p(-0), -0)).toBe(true);
    expect(portableLog(2)).toBe(0.6931471805599453);
    expect(portableLog(8)).toBe(3 * 0.6931471805599453);
    expect(portableExp(1)).toBe(2.7182818284590455);
    expect(portableExp(-Infinity)).toBe(0);
    expect(portableExp(Infinity)).toBe(Infinity);
    expect(portableExp(710)).toBe(Infinity);
    expect(portableExp(-746)).toBe(0);
    expect(portableExp(-745)).toBe(5e-324);
    expect(portableLog(0)).toBe(-Infinity);
    expect(portableLog(-1)).toBeNaN();
    expect(portableLog(Infinity)).toBe(Infinity);
    expect(portableLog(Number.MIN_VALUE)).toBe(-744.4400719213812);
    expect(portableLog1p(-1)).toBe(-Infinity);
    expect(portableLog1p(-2)).toBeNaN();
    expect(portableLog1p(1e-300)).toBe(1e-300);
    for (const f of [portableExp, portableLog, portableLog1p]) expect(f(Number.NaN)).toBeNaN();
  });

  it('stays within one ulp of Math.exp, Math.log and Math.log1p', () => {
    const cases: [string, (x: number) => number, (x: number) => number, number[]][] = [
      ['exp', portableExp, Math.exp, spread(20_000, (u) => (u - 0.5) * 1490)],
      ['log', portableLog, Math.log, spread(20_000, (u) => Math.exp((u - 0.5) * 1400))],
      ['log near 1', portableLog, Math.log, spread(20_000, (u) => 1 + (u - 0.5) * 0.01)],
      ['log1p', portableLog1p, Math.log1p, spread(20_000, (u) => Math.exp((u - 0.5) * 80) - 0.999)],
      ['log1p in (-1, 0)', portableLog1p, Math.log1p, spread(20_000, (u) => -u)],
    ];
    for (const [name, mine, reference, xs] of cases) {
      const worst = Math.max(...xs.map((x) => ulpsApart(mine(x), reference(x))));
      expect(worst, name).toBeLessThanOrEqual(1);
    }
  });

  it('gives the same bits on every engine (a digest over fixed arguments)', () => {
    // computed once in Node 20 and checked in Chromium 156; every engine must reproduce them
    expect(digest(spread(50_000, (u) => portableExp((u - 0.5) * 1490)))).toBe('8727b9680c3709b2');
    expect(digest(spread(50_000, (u) => portableLog(portableExp((u - 0.5) * 1400) * (1 + u))))).toBe('f857b18a74658aee');
    expect(digest(spread(50_000, (u) => portableLog1p((u - 0.6) * 3)))).toBe('958acaea6c84ac4a');
  });

  it('is what core-matrix uses: no Math.exp, Math.log or Math.log1p in its sources', () => {
    const root = fileURLToPath(new URL('../src/', import.meta.url));
    const offenders = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts') && !name.endsWith('portable-math.ts'))
      .flatMap((name) =>
        readFileSync(join(root, name), 'utf8')
          .split('\n')
          .flatMap((line, i) => (/Math\.(exp|log|log1p|expm1|pow)\b/.test(line) && !/^\s*(\*|\/\/)/.test(line) ? [`${name}:${i + 1}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
