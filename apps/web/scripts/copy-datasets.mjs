// Copies the datasets package's bundled crowds (labels and gold, compact JSON, gzipped) and their
// license terms into public/datasets/, so that the built app serves them from its own origin.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const from = join(dirname(require.resolve('@crowdlearn/datasets/package.json')), 'data');
const licenses = join(dirname(require.resolve('@crowdlearn/datasets/package.json')), 'LICENSES.md');
const to = fileURLToPath(new URL('../public/datasets/', import.meta.url));
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
let copied = 0;
for (const name of readdirSync(from)) {
  // the features files are for models; the page runs label-only aggregators
  if (name === 'index.json' || name.endsWith('.json.gz')) {
    copyFileSync(join(from, name), join(to, name));
    copied += 1;
  }
}
copyFileSync(licenses, join(to, 'LICENSES.md'));
console.log(`copied ${copied} files of the bundled datasets to public/datasets/`);
