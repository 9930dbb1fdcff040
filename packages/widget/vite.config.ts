import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The chat app that runs inside the widget's iframe, served by the Kefu server under /widget/frame/.
// Relative base: the same build works wherever the server is mounted.
export default defineConfig({
  root: fileURLToPath(new URL('./src/frame', import.meta.url)),
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('./dist/frame', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
  },
});
