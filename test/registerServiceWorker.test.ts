import { describe, expect, it, vi } from 'vitest';
import { pageLoaded, registerServiceWorker } from '../src/registerServiceWorker.ts';

const URL_ = new URL('https://lab.test/some/path/sw.js');

/** A stand-in for navigator.serviceWorker: an event target with a controller and a register function. */
function fakeContainer(options: { controlled: boolean; register?: () => Promise<unknown> }) {
  const target = new EventTarget();
  const register = vi.fn(options.register ?? (() => Promise.resolve({ scope: 'https://lab.test/some/path/' })));
  const container = Object.assign(target, { controller: options.controlled ? {} : null, register });
  return { container: container as unknown as ServiceWorkerContainer, register, target };
}

describe('registerServiceWorker({ container, url, loaded, onUpdate })', () => {
  it('returns null and does nothing where the browser has no service worker', async () => {
    await expect(registerServiceWorker({ container: undefined, url: URL_, loaded: Promise.resolve() })).resolves.toBe(
      null,
    );
  });

  it('registers the script only after the page has loaded, and returns the registration', async () => {
    const { container, register } = fakeContainer({ controlled: false });
    let load!: () => void;
    const loaded = new Promise<void>((resolve) => (load = resolve));
    const result = registerServiceWorker({ container, url: URL_, loaded });
    await Promise.resolve();
    expect(register).not.toHaveBeenCalled();
    load();
    await expect(result).resolves.toEqual({ scope: 'https://lab.test/some/path/' });
    expect(register).toHaveBeenCalledExactlyOnceWith(URL_);
  });

  it('a refused registration resolves to null instead of throwing', async () => {
    const { container } = fakeContainer({
      controlled: false,
      register: () => Promise.reject(new DOMException('denied', 'SecurityError')),
    });
    await expect(registerServiceWorker({ container, url: URL_, loaded: Promise.resolve() })).resolves.toBe(null);
  });

  it('tells onUpdate once when a new worker takes over a page an older worker controlled', async () => {
    const { container, target } = fakeContainer({ controlled: true });
    const onUpdate = vi.fn();
    await registerServiceWorker({ container, url: URL_, loaded: Promise.resolve(), onUpdate });
    target.dispatchEvent(new Event('controllerchange'));
    target.dispatchEvent(new Event('controllerchange'));
    expect(onUpdate).toHaveBeenCalledTimes(1);
  });

  it('on the first visit (no controller yet) the worker claiming the page is no update', async () => {
    const { container, target } = fakeContainer({ controlled: false });
    const onUpdate = vi.fn();
    await registerServiceWorker({ container, url: URL_, loaded: Promise.resolve(), onUpdate });
    target.dispatchEvent(new Event('controllerchange'));
    expect(onUpdate).not.toHaveBeenCalled();
  });
});

describe('pageLoaded(window)', () => {
  it('settles at once when the document is complete', async () => {
    const addEventListener = vi.fn();
    const win = { document: { readyState: 'complete' }, addEventListener } as unknown as Window;
    await expect(pageLoaded(win)).resolves.toBeUndefined();
    expect(addEventListener).not.toHaveBeenCalled();
  });

  it('otherwise settles on the load event', async () => {
    const target = new EventTarget();
    const win = Object.assign(target, { document: { readyState: 'interactive' } }) as unknown as Window;
    let settled = false;
    const loaded = pageLoaded(win).then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    target.dispatchEvent(new Event('load'));
    await loaded;
    expect(settled).toBe(true);
  });
});
