import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { lessonsPlugin } from './scripts/vite-plugin-lessons.ts';

// base './' makes dist/ work from any sub-path: every asset, worker and data URL is relative.
export default defineConfig({
  base: './',
  plugins: [svelte(), lessonsPlugin()],
  optimizeDeps: {
    // Worker-only dependencies found on first load would make Vite re-optimize and reload the page.
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-wasm',
      'comlink',
      'd3',
    ],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
});
