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

/**
 * Memoizes an async function by a key the caller computes (a spec hash,
 * say), keeping the `limit` most recently used results. A rejected promise
 * is forgotten, so a later call retries.
 */
export function boundedMemo<T>(limit: number): (key: string, compute: () => Promise<T>) => Promise<T> {
  if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError(`limit must be a whole number ≥ 1, got ${limit}`);
  const cache = new Map<string, Promise<T>>();
  return (key, compute) => {
    let p = cache.get(key);
    if (p) {
      cache.delete(key); // most recently used last
    } else {
      p = compute();
      p.catch(() => {
        if (cache.get(key) === p) cache.delete(key);
      });
    }
    cache.set(key, p);
    if (cache.size > limit) cache.delete(cache.keys().next().value!);
    return p;
  };
}
