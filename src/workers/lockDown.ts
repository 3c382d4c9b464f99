/**
 * Takes network and storage away from a worker's global scope, so the
 * reader's code in a code cell can reach neither: no request leaves the page
 * and the tables a user stored in IndexedDB stay out of its reach. The worker
 * keeps what it needs (a fetch bound before this runs) in module scope, where
 * the reader's code cannot see it.
 *
 * Not a sandbox: dynamic import() cannot be removed from a worker, so the
 * code worker also refuses code containing import() (codeCompile.ts).
 */
export const LOCKED_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'indexedDB',
  'caches',
  'importScripts',
  'Worker',
  'SharedWorker',
  'BroadcastChannel',
  'Request',
] as const;

/** Removes each of `names` from `scope` and its prototypes; returns the names still reachable afterwards. */
export function lockDown(scope: object, names: readonly string[] = LOCKED_GLOBALS): string[] {
  for (const name of names) {
    for (
      let target: object | null = scope;
      target && target !== Object.prototype;
      target = Object.getPrototypeOf(target)
    ) {
      if (!Object.getOwnPropertyDescriptor(target, name)) continue;
      try {
        delete (target as Record<string, unknown>)[name];
      } catch {
        // not configurable: shadowed below
      }
    }
    if ((scope as Record<string, unknown>)[name] !== undefined) {
      try {
        Object.defineProperty(scope, name, { value: undefined, configurable: false, writable: false });
      } catch {
        // reported below
      }
    }
  }
  return names.filter((name) => (scope as Record<string, unknown>)[name] !== undefined);
}
