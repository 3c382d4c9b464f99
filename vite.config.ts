import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { lessonsPlugin } from './scripts/vite-plugin-lessons.ts';

/**
 * Offline: `vite build` writes a Workbox service worker (sw.js) that precaches everything in dist/ — the app
 * shell, the JS/CSS chunks, the worker scripts, the TF.js wasm binaries and the lesson data (a few MB).
 * Every entry carries a content revision, so a new build's worker takes over at once and drops what the old build
 * cached. src/registerServiceWorker.ts registers it in production builds only; the dev server has none.
 */
const offline = VitePWA({
  injectRegister: false,
  manifest: false,
  workbox: {
    globPatterns: ['**/*.{html,js,css,wasm,json,gz,csv,md}'],
    // Workbox leaves out, with only a build warning, any file over 2 MiB by default; fashion.dcl.gz is 1.9 MB.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    // Query strings such as ?backend=cpu or ?workers=2 still open the cached page.
    navigateFallback: 'index.html',
    skipWaiting: true,
    clientsClaim: true,
    cleanupOutdatedCaches: true,
    // The Workbox runtime goes inside sw.js: one file, nothing else to fetch.
    inlineWorkboxRuntime: true,
  },
});

// base './' makes dist/ work from any sub-path: every asset, worker and data URL is relative.
export default defineConfig({
  base: './',
  plugins: [svelte(), lessonsPlugin(), offline],
  optimizeDeps: {
    // Worker-only dependencies found on first load would make Vite re-optimize and reload the page.
    include: [
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-webgpu',
      'comlink',
      'd3',
    ],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
});
