/**
 * The aggregators' numbers do not depend on the JavaScript engine: their transcendental
 * functions are core-matrix's portable ones, never Math.exp / Math.log / Math.log1p / Math.pow,
 * which Node and Chromium round differently in the last bit (the web app's downloads are
 * compared with the CLI's files byte for byte).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('no source file calls an engine-dependent Math function', () => {
  const root = fileURLToPath(new URL('../src/', import.meta.url));
  const offenders = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .flatMap((name) =>
      readFileSync(join(root, name), 'utf8')
        .split('\n')
        .flatMap((line, i) => (/Math\.(exp|log|log1p|expm1|pow)\b/.test(line) && !/^\s*(\*|\/\/)/.test(line) ? [`${name}:${i + 1}`] : [])),
    );
  expect(offenders).toEqual([]);
});
