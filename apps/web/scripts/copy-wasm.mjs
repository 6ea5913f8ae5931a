// Copies the TF.js wasm backend's binaries into public/tfjs/, so that the built app serves them
// from its own origin (TF.js's default would fetch them from a CDN). Only the page's worker loads
// them, and only when a neural model is trained. The threaded build is left out: it needs a
// cross-origin-isolated page, which a plain static host does not give.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const from = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
const to = fileURLToPath(new URL('../public/tfjs/', import.meta.url));
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) copyFileSync(join(from, name), join(to, name));
console.log('copied the TF.js wasm binaries to public/tfjs/');
