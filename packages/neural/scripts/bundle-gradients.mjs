// Builds dist/runtime/gradients.js: tfjs-core's gradient registrations as one ES module.
// tfjs-core ships them only as ES modules with extensionless imports, which Node cannot load,
// and its Node bundle registers none; the full @tensorflow/tfjs package (layers, converter,
// data, webgl: about 200 MB installed) registered them before. The bundle inlines the ops the
// gradients call; they run on the one engine and registries tfjs-core keeps on globalThis, so
// the gradients land in the registry of the tfjs-core the backends use.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const core = dirname(require.resolve('@tensorflow/tfjs-core/package.json'));
await build({
  entryPoints: [join(core, 'dist', 'register_all_gradients.js')],
  outfile: join(here, '..', 'dist', 'runtime', 'gradients.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'eof',
  logLevel: 'error',
  banner: { js: '// tfjs-core 4.22.0 gradient registrations (Apache-2.0), bundled by scripts/bundle-gradients.mjs' },
});
