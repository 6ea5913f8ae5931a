import { defineConfig } from 'vite';

// A static single-page app: `dist/` works from any folder of any static server (relative base),
// and everything it loads is its own (no CDN, no fonts, no analytics).
export default defineConfig({
  base: './',
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  worker: { format: 'es' },
});
