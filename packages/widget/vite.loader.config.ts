import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The loader customers paste into their pages (`/widget.js`): one small self-contained script, no imports.
export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: false,
    target: 'es2018',
    lib: {
      entry: fileURLToPath(new URL('./src/loader/index.ts', import.meta.url)),
      formats: ['iife'],
      name: 'KefuLoader',
      fileName: () => 'widget.js',
    },
  },
});
