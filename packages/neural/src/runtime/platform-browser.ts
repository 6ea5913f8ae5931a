/**
 * What `initBackend` needs from a browser (the package's `#platform` import
 * picks this file in bundles built for browsers): no native backend, the
 * wasm binaries where the page serves them (`initBackend({ wasmPaths })`:
 * never a CDN, so nothing leaves the page's origin), and tfjs-core's gradient
 * registrations, which a bundler resolves.
 */
import { CrowdError } from '@crowdlearn/core-matrix';
import type { BackendName } from './backend.js';

/** The backends to try, in order, when none is forced. */
export const BACKEND_ORDER: readonly BackendName[] = ['wasm', 'cpu'];

/** A browser has no default place for the wasm files: the page says where it serves them. */
export function defaultWasmPaths(): string {
  throw new CrowdError('INVALID_ARGUMENT', 'in a browser, initBackend needs wasmPaths: where the page serves the .wasm files of @tensorflow/tfjs-backend-wasm', {
    expected: "initBackend({ wasmPaths: '/tfjs/' }) with tfjs-backend-wasm-simd.wasm and tfjs-backend-wasm.wasm there",
  });
}

/** tfjs-core's gradient registrations, bundled with the page. */
export async function loadGradients(): Promise<void> {
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
}

/** A browser has no environment variables. */
export function backendFromEnvironment(): string | undefined {
  return undefined;
}
