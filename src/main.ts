/**
 * Composition root: the only place that creates workers, reads the
 * environment and mounts the app.
 */
import { mount } from 'svelte';
import lessons from 'virtual:lessons';
import App from './ui/App.svelte';
import { Lab } from './state/lab.svelte.ts';
import { Router } from './state/router.svelte.ts';
import { TrainerPool, defaultPoolSize } from './workers/pool.ts';
import { fetchDataset } from './workers/fetchDataset.ts';
import { fetchBytes } from './workers/fetchBytes.ts';
import { createTableClient } from './workers/tableClient.ts';
import { createCodeClient } from './workers/codeClient.ts';
import { YourData } from './state/yourData.svelte.ts';
import { createIndexedDbStore } from './state/tableStore.ts';
import { createIndexedDbNotebookStore } from './state/notebookStore.ts';
import { createIndexedDbProgressStore } from './state/progressStore.ts';
import { pageLoaded, registerServiceWorker } from './registerServiceWorker.ts';
import type { BackendName, TrainerApi } from './workers/protocol.ts';
import { decideBackend, probeGpu, type GpuProbe } from './state/backendChoice.ts';
import * as Comlink from 'comlink';
import './ui/app.css';

const query = new URLSearchParams(location.search);

/** Settles with `promise`, or with `fallback` after `ms`. */
const within = <T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> =>
  Promise.race([promise, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms))]);

const createTrainerWorker = () =>
  new Worker(new URL('./workers/trainer.worker.ts', import.meta.url), { type: 'module', name: 'trainer' });

/** The self-timing runs in a worker of its own, ended afterwards (only on machines with a real GPU). */
async function timeInWorker(backends: readonly BackendName[]) {
  const worker = createTrainerWorker();
  const remote = Comlink.wrap<TrainerApi>(worker);
  try {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('it took over 20 s')), 20_000));
    return await Promise.race([remote.timeBackends(backends), timeout]);
  } finally {
    remote[Comlink.releaseProxy]();
    worker.terminate();
  }
}

/** Decides the backend, then starts the workers and mounts the app (a function: top-level await would pull lazy chunks into the entry). */
async function start(): Promise<void> {
  const noGpu: GpuProbe = { webgl: null, webgpu: null };
  // One backend for every worker of the page, decided before any starts (state/backendChoice.ts).
  const decision = await decideBackend({
    param: query.get('backend'),
    probe: () => within(probeGpu(), 3000, noGpu),
    time: timeInWorker,
    browser: navigator.userAgent,
    store: {
      get: () => localStorage.getItem('dcl.backend'),
      set: (value) => localStorage.setItem('dcl.backend', value),
    },
  });
  const backend = decision.backend;
  // ?workers=N overrides the count from the cores, within the same bounds (1 to 8).
  const workers = defaultPoolSize(Number(query.get('workers')) || navigator.hardwareConcurrency);

  let lab: Lab | null = null;
  const dataUrl = new URL('data/', document.baseURI).href;
  const pool = new TrainerPool({
    size: workers,
    init: { backend, dataUrl },
    createWorker: createTrainerWorker,
    onWorkerReady: (info, index) => lab?.workerReady(info, index),
    onWorkerLost: (reason, index) =>
      lab?.notice(`Training worker ${index + 1} stopped (${reason}); a fresh one replaced it.`),
  });
  // The table worker starts on the first import (or worth cell run): most visits never need it.
  const tableImporter = createTableClient(
    () => new Worker(new URL('./workers/table.worker.ts', import.meta.url), { type: 'module', name: 'table' }),
  );
  const loadFile = (file: string) => fetchBytes(new URL(file, dataUrl));
  // Each code cell starts its own code worker on its first run (workers/codeClient.ts).
  const createCodeRunner = () =>
    createCodeClient(
      () => new Worker(new URL('./workers/code.worker.ts', import.meta.url), { type: 'module', name: 'code' }),
      { backend, dataUrl },
    );
  lab = new Lab(
    pool,
    lessons,
    (name) => fetchDataset(name, dataUrl),
    { importer: tableImporter, loadFile },
    createCodeRunner,
  );
  lab.useBackend(decision);
  if (decision.problem) lab.notice(decision.problem);
  // Lessons keep their cells and finished trials in this browser (when it allows), and copy sharing links.
  lab.useNotebook({
    ...(typeof indexedDB === 'undefined' ? {} : { store: createIndexedDbNotebookStore() }),
    ...(navigator.clipboard ? { copyText: (text: string) => navigator.clipboard.writeText(text) } : {}),
  });
  // The sidebar's progress (cells run, self-checks answered right) is kept in this browser when it allows.
  if (typeof indexedDB !== 'undefined') void lab.progress.useStore(createIndexedDbProgressStore());
  const yourData = new YourData({
    importer: tableImporter,
    loadExample: loadFile,
    analyser: pool,
    // The database opens on first use; if the browser refuses it (private mode), the page says so and keeps nothing.
    ...(typeof indexedDB === 'undefined'
      ? { storeUnavailable: 'This browser offers no storage for the lab; your data will not survive a reload.' }
      : { store: createIndexedDbStore() }),
  });

  const target = document.getElementById('app');
  if (!target) throw new Error('index.html has no #app element');
  mount(App, { target, props: { lab, router: new Router(window), yourData } });
  // Offline after the first visit: the built app registers its service worker; the dev server and tests do not.
  if (import.meta.env.PROD) {
    void registerServiceWorker({
      container: navigator.serviceWorker,
      url: new URL('sw.js', document.baseURI),
      loaded: pageLoaded(window),
      onUpdate: () => lab?.notice('A new version of the lab is installed: reload the page to use it.'),
    });
  }
}

start().catch((error: unknown) => {
  // Nothing else can show it: the app did not mount.
  const message = error instanceof Error ? error.message : String(error);
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.textContent = `The lab could not start (${message}). Reload the page; if this stays, try another browser or add ?backend=cpu to the address.`;
  (document.getElementById('app') ?? document.body).replaceChildren(note);
});
