// Measures streaming long-CSV reading: writes a CSV of N lines (question,worker,answer; 10 labels
// per item, 10,000 workers, 5 classes) to a temporary file, then reads it with readLongLabelsFile.
//
//   pnpm --filter @crowdlearn/datasets build
//   node packages/datasets/scripts/stream-speed.mjs [lines, default 100000000] [path]
//
// Prints the file size, read time, labels per second and peak RSS. The file is deleted afterwards.
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLongLabelsFile } from '../dist/index.js';

const lines = Number(process.argv[2] ?? 100_000_000);
const path = process.argv[3] ?? join(tmpdir(), `crowdlearn-stream-${process.pid}.csv`);
const out = createWriteStream(path);
out.write('question,worker,answer\n');
let chunk = '';
for (let e = 0; e < lines; e++) {
  const item = Math.floor(e / 10);
  // 10 distinct workers per item: a stride that never repeats within an item
  chunk += `q${item},w${(item * 7 + (e % 10) * 1000) % 10000},${(item + e) % 5}\n`;
  if (chunk.length > 1 << 20) {
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  }
}
out.end(chunk);
await once(out, 'finish');
const bytes = statSync(path).size;
const t0 = performance.now();
const { labels } = await readLongLabelsFile(path);
const seconds = (performance.now() - t0) / 1000;
rmSync(path);
console.log(`lines         ${lines.toLocaleString('en')}, file ${(bytes / 2 ** 30).toFixed(2)} GiB`);
console.log(`labels        ${labels.numLabels.toLocaleString('en')} (${labels.numItems.toLocaleString('en')} items, ${labels.numWorkers} workers)`);
console.log(`read time     ${seconds.toFixed(1)} s = ${(labels.numLabels / seconds / 1e6).toFixed(2)} M labels/s`);
console.log(`peak RSS      ${(process.resourceUsage().maxRSS / 2 ** 20).toFixed(2)} GiB`);
