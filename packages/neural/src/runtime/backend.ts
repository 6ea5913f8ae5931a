import * as tf from '@tensorflow/tfjs-core';
import { CrowdError } from '@crowdlearn/core-matrix';
// Node's or the browser's: the package.json "imports" field picks by the "browser" condition
import { BACKEND_ORDER, backendFromEnvironment, defaultWasmPaths, loadGradients } from '#platform';
import { patchWasmBatchMatMul } from './wasm-matmul-fix.js';
import { patchWasmIdentity } from './wasm-identity-fix.js';
import { patchWasmGather } from './wasm-gather-fix.js';
import { patchWasmSlice } from './wasm-slice-fix.js';
import { registerWasmSegmentSum } from './wasm-segment-sum.js';

/** A TensorFlow.js backend crowdlearn can run on: `node` (tfjs-node, native), `wasm`, or `cpu` (pure JS). */
export type BackendName = 'node' | 'wasm' | 'cpu';

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /**
   * Force a backend. Default: the `CROWDLEARN_BACKEND` environment variable
   * if set, else the first that loads of `node`, `wasm`, `cpu`.
   */
  backend?: BackendName;
  /**
   * Skip the wasm kernel fixes (BatchMatMul, Slice, Gather and Identity), to
   * measure the stock kernels' speed. Default false.
   */
  skipWasmKernelFixes?: boolean;
  /**
   * Where the wasm backend's `.wasm` files are: a URL or folder prefix ending
   * in `/`. Default in Node: the installed `@tensorflow/tfjs-backend-wasm`.
   * Required in a browser (the page serves the files itself; TF.js's own
   * default would fetch them from a CDN).
   */
  wasmPaths?: string;
}

/** A backend that could not be used. */
export interface SkippedBackend {
  /** The backend. */
  name: BackendName;
  /** Why it was not used (the first line of the error). */
  reason: string;
}

/** What {@link initBackend} chose. */
export interface BackendInfo {
  /** The backend in use. */
  name: BackendName;
  /** Backends tried before it, with why each was not used. */
  skipped: SkippedBackend[];
  /** Whether the wasm kernel fixes (BatchMatMul, Slice, Gather, Identity) are active. */
  wasmMatMulFix: boolean;
}

let current: BackendInfo | undefined;

/**
 * Chooses and initialises the TensorFlow.js backend, once per process (a
 * second call with another forced backend switches). `@tensorflow/tfjs-node`
 * is optional: it is imported dynamically and skipped when it cannot load
 * (it cannot be installed on machines without its native binary). The wasm
 * backend (the default where tfjs-node is absent) gets the BatchMatMul,
 * Slice, Gather and Identity fixes and the UnsortedSegmentSum kernel it lacks
 * (`gather`'s gradient).
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const forced = options.backend ?? parseEnv(backendFromEnvironment());
  if (current !== undefined && (forced === undefined || forced === current.name)) return current;
  await registerGradients();
  const candidates = forced !== undefined ? [forced] : BACKEND_ORDER;
  const skipped: BackendInfo['skipped'] = [];
  for (const name of candidates) {
    const reason = await tryBackend(name, options.skipWasmKernelFixes === true, options.wasmPaths);
    if (reason === undefined) {
      current = { name, skipped, wasmMatMulFix: name === 'wasm' && options.skipWasmKernelFixes !== true };
      return current;
    }
    skipped.push({ name, reason });
  }
  throw new CrowdError('UNSUPPORTED', 'no TensorFlow.js backend could be initialised', {
    found: skipped.map((s) => `${s.name}: ${s.reason}`).join('; '),
  });
}

/** The backend chosen by the last {@link initBackend}, if any. */
export function currentBackend(): BackendInfo | undefined {
  return current;
}

let gradientsRegistered = false;

/** Registers tfjs-core's gradient functions once (the platform knows how to load them). */
async function registerGradients(): Promise<void> {
  if (gradientsRegistered) return;
  await loadGradients();
  gradientsRegistered = true;
}

function parseEnv(value: string | undefined): BackendName | undefined {
  if (value === undefined || value === '') return undefined;
  if ((BACKEND_ORDER as readonly string[]).includes(value)) return value as BackendName;
  throw new CrowdError('INVALID_ARGUMENT', 'CROWDLEARN_BACKEND names an unknown backend', {
    expected: BACKEND_ORDER.join(', '),
    found: value,
  });
}

async function tryBackend(name: BackendName, naive: boolean, wasmPaths: string | undefined): Promise<string | undefined> {
  try {
    if (name === 'node') {
      // Optional accelerator: a missing package or native binary makes this throw, and we move on.
      const moduleName = '@tensorflow/tfjs-node';
      await import(moduleName);
      if (!(await tf.setBackend('tensorflow'))) return 'tfjs-node loaded but its backend did not initialise';
    } else if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(wasmPaths ?? defaultWasmPaths());
      registerWasmSegmentSum();
      if (!naive) {
        patchWasmSlice();
        patchWasmGather();
        patchWasmBatchMatMul();
        patchWasmIdentity();
      }
      if (!(await tf.setBackend('wasm'))) return 'the wasm backend did not initialise';
    } else {
      await import('@tensorflow/tfjs-backend-cpu');
      if (!(await tf.setBackend('cpu'))) return 'the cpu backend did not initialise';
    }
    await tf.ready();
    return undefined;
  } catch (err) {
    return (err as Error).message.split('\n')[0] ?? String(err);
  }
}
