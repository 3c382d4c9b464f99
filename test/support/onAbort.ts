/**
 * `signal`'s abort runs `listener` — through one listener per signal, as the
 * worker pool does, so fakes holding many requests on one signal do not trip
 * Node's MaxListenersExceededWarning. Returns a function that unregisters it.
 */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

export function onAbort(signal: AbortSignal | undefined, listener: () => void): () => void {
  if (!signal) return () => {};
  let set = waiting.get(signal);
  if (!set) {
    const fresh = new Set<() => void>();
    waiting.set(signal, fresh);
    signal.addEventListener('abort', () => [...fresh].forEach((run) => run()), { once: true });
    set = fresh;
  }
  set.add(listener);
  const registered = set;
  return () => void registered.delete(listener);
}
