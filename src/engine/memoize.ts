/**
 * Memoizes an async function of a string key. A rejected promise is
 * forgotten, so a later call retries (a failed download, say).
 */
export function memoizeAsync<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    let p = cache.get(key);
    if (!p) {
      p = load(key);
      p.catch(() => cache.delete(key));
      cache.set(key, p);
    }
    return p;
  };
}
