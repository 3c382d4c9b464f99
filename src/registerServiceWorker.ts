/**
 * Registers the service worker that keeps the built app working offline after the first visit (sw.js, written
 * by vite-plugin-pwa at build time; see vite.config.ts). The environment is passed in, so this runs the same in a
 * test. Registration waits for the page's load event, so precaching never competes with the first load, and a
 * failure is silent: without a service worker the app works as before, online only.
 */
export interface ServiceWorkerOptions {
  /** navigator.serviceWorker; undefined where the browser has none (or the page is not a secure context). */
  readonly container: ServiceWorkerContainer | undefined;
  /** The worker script, resolved against the page's base URL; its folder becomes the worker's scope. */
  readonly url: URL;
  /** Settles once the page has loaded (see pageLoaded). */
  readonly loaded: Promise<void>;
  /** Told when a new build's worker takes over a page that an older build's worker served. */
  readonly onUpdate?: () => void;
}

/** The registration, or null where there is no service worker or the browser refused it. */
export async function registerServiceWorker(options: ServiceWorkerOptions): Promise<ServiceWorkerRegistration | null> {
  const { container, url, loaded, onUpdate } = options;
  if (!container) return null;
  // On the first visit the page has no controller and the new worker claims it: that is no update.
  if (container.controller && onUpdate)
    container.addEventListener('controllerchange', () => onUpdate(), { once: true });
  await loaded;
  try {
    return await container.register(url);
  } catch {
    return null;
  }
}

/** Settles on the window's load event, or at once if the page has loaded already. */
export function pageLoaded(window: Pick<Window, 'addEventListener' | 'document'>): Promise<void> {
  if (window.document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => window.addEventListener('load', () => resolve(), { once: true }));
}
