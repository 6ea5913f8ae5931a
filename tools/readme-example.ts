import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

/**
 * Runs the first ```ts block of a package's README against the package's
 * source (imports of `@crowdlearn/<pkg>` are pointed at `src/index.ts`;
 * other workspace packages resolve through the source condition) and returns
 * what it printed with console.log, one string per call. Test helper: it
 * keeps every README example runnable.
 */
export async function runReadmeExample(packageDir: URL, packageName: string): Promise<string[]> {
  const readme = readFileSync(new URL('README.md', packageDir), 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (example === undefined) throw new Error(`${packageName}: README has no ts example`);
  // the example must run from the README's own install line (the release's adoption test runs both)
  const install = /^npm install (.+)$/m.exec(readme)?.[1]?.split(/\s+/) ?? [];
  const missing = [...example.matchAll(/from '(@crowdlearn\/[a-z-]+)'/g)].map((m) => m[1] as string).filter((name) => !install.includes(name));
  if (missing.length > 0) throw new Error(`${packageName}: the README example imports ${missing.join(', ')}, which its install line does not install`);
  const src = fileURLToPath(new URL('src/index.ts', packageDir));
  // Inside the package, so that its dependencies resolve as they would for a user.
  const dir = mkdtempSync(join(fileURLToPath(packageDir), '.readme-example-'));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    const file = join(dir, 'example.ts');
    writeFileSync(file, example.replaceAll(`'${packageName}'`, JSON.stringify(src)));
    await import(/* @vite-ignore */ file);
    return log.mock.calls.map((c) => c.map(String).join(' '));
  } finally {
    log.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  }
}
