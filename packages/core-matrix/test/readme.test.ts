import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it, vi } from 'vitest';

// The README's example must run as written (against the source of this package).
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
const dir = mkdtempSync(join(tmpdir(), 'core-matrix-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('runs the README example', async () => {
  const src = fileURLToPath(new URL('../src/index.ts', import.meta.url));
  const file = join(dir, 'example.ts');
  writeFileSync(file, example.replaceAll("'@crowdlearn/core-matrix'", JSON.stringify(src)));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  await import(/* @vite-ignore */ file);
  const printed = log.mock.calls.map((c) => c.join(' '));
  log.mockRestore();
  expect(example.length).toBeGreaterThan(100);
  expect(printed).toContain('img1 alice cat');
  expect(printed).toContain('1');
});
