import { describe, expect, it } from 'vitest';

/**
 * Two copies of core-matrix in one process (as when an install holds two
 * versions, or a bundler duplicates it): each is a separate module instance
 * with its own classes. Errors, generators and matrices made by one must be
 * recognised by the other.
 */
async function twoCopies() {
  const { cpSync, mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { fileURLToPath, pathToFileURL } = await import('node:url');
  // the built package, copied twice: two folders are two module graphs with their own classes
  const dist = fileURLToPath(new URL('../dist', import.meta.url));
  const copy = async (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), `core-matrix-${name}-`));
    cpSync(dist, join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    return (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'dist', 'index.js')).href)) as typeof import('../src/index.js');
  };
  return { a: await copy('a'), b: await copy('b') };
}

describe('two copies of core-matrix interoperate', () => {
  it('are two module instances (the test would prove nothing otherwise)', async () => {
    const { a, b } = await twoCopies();
    expect(a.CrowdError).not.toBe(b.CrowdError);
    expect(a.Rng).not.toBe(b.Rng);
  });

  it("errors of one copy are the other's CrowdError, with their code", async () => {
    const { a, b } = await twoCopies();
    const err = new a.CrowdError('PARSE_ERROR', 'bad row', { source: 'x.csv', line: 3 });
    expect(err instanceof b.CrowdError).toBe(true);
    expect(b.isCrowdError(err, 'PARSE_ERROR')).toBe(true);
    expect(b.isCrowdError(err, 'IO_ERROR')).toBe(false);
    expect(b.isCrowdError(new Error('plain'))).toBe(false);
  });

  it('a generator of one copy is accepted as a seed by the other and draws the same stream', async () => {
    const { a, b } = await twoCopies();
    const fromA = new a.Rng(42);
    const same = new b.Rng(42);
    const taken = b.toRng(fromA);
    expect(taken).toBe(fromA);
    expect(Array.from({ length: 5 }, () => taken.nextUint32())).toEqual(Array.from({ length: 5 }, () => same.nextUint32()));
  });

  it('label matrices, gold and features of one copy pass the checks of the other', async () => {
    const { a, b } = await twoCopies();
    const labels = a.CrowdLabels.fromObservations([
      { item: 'i1', worker: 'w1', label: 'x' },
      { item: 'i1', worker: 'w2', label: 'y' },
      { item: 'i2', worker: 'w1', label: 'y' },
    ]);
    expect(labels instanceof b.CrowdLabels).toBe(true);
    const gold = b.GoldLabels.fromObservations(labels, [{ item: 'i1', label: 'x' }]);
    expect(gold instanceof a.GoldLabels).toBe(true);
    expect(b.accuracy(Int32Array.from([0, 1]), gold)).toBe(1);
    const features = new a.Features(Float32Array.from([1, 2, 3, 4]), 2, 2);
    expect(features instanceof b.Features).toBe(true);
    expect(new Date() instanceof b.CrowdLabels).toBe(false);
  });
});
