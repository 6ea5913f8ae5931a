/**
 * What `initBackend` needs from Node (the package's `#platform` import picks
 * this file everywhere but in browser bundles): the wasm binaries beside the
 * installed `@tensorflow/tfjs-backend-wasm`, the gradient registrations
 * bundled at build, and `CROWDLEARN_BACKEND`.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BackendName } from './backend.js';

/** The backends to try, in order, when none is forced. */
export const BACKEND_ORDER: readonly BackendName[] = ['node', 'wasm', 'cpu'];

/** Where the wasm backend's `.wasm` files are when the caller does not say: the installed package's `dist/`. */
export function defaultWasmPaths(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
}

/**
 * tfjs-core registers no gradient functions, and its ES modules that do cannot
 * be imported by Node (extensionless paths). The build bundles them into
 * `dist/runtime/gradients.js` (scripts/bundle-gradients.mjs), which registers
 * all of them in TF.js's global registry, shared with tfjs-core. The path is
 * the same from `src/runtime` (tests on the source) and `dist/runtime`.
 */
export async function loadGradients(): Promise<void> {
  await import(/* @vite-ignore */ new URL('../../dist/runtime/gradients.js', import.meta.url).href);
}

/** The backend `CROWDLEARN_BACKEND` names, if set. */
export function backendFromEnvironment(): string | undefined {
  return process.env.CROWDLEARN_BACKEND;
}
