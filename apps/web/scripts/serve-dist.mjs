// Serves a folder (the built app, dist/, by default) as plain static files on 127.0.0.1, as any
// static host would: `node scripts/serve-dist.mjs [folder] [port]` prints the URL and serves until
// stopped. The browser test and the bench's perf-web suite import serveStatic.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
};

/**
 * Serves `root` on 127.0.0.1 (port 0: one the system picks); resolves to its URL and the server.
 * @param {string} root
 * @param {number} [port]
 * @returns {Promise<{ url: string; server: import('node:http').Server }>}
 */
export async function serveStatic(root, port = 0) {
  const server = createServer((req, res) => {
    // a path that climbs out of root is cut back to it
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((done) => server.listen(port, '127.0.0.1', () => done(undefined)));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no port');
  return { url: `http://127.0.0.1:${address.port}/`, server };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? fileURLToPath(new URL('../dist/', import.meta.url)));
  const { url } = await serveStatic(root, Number(process.argv[3] ?? 0));
  console.log(`serving ${root} at ${url} (Ctrl-C stops)`);
}
