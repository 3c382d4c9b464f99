import { describe, expect, it } from 'vitest';
import { lockDown } from '../../src/workers/lockDown.ts';

describe('lockDown(scope, names): network and storage out of reach', () => {
  it('removes own and inherited properties, and shadows the ones it cannot delete', () => {
    const proto = { fetch: () => 'inherited' };
    const scope = Object.create(proto) as Record<string, unknown>;
    scope.indexedDB = {};
    Object.defineProperty(scope, 'caches', { value: {}, configurable: false, writable: true });
    expect(lockDown(scope, ['fetch', 'indexedDB', 'caches'])).toEqual([]);
    expect([scope.fetch, scope.indexedDB, scope.caches]).toEqual([undefined, undefined, undefined]);
    expect(scope.fetch).toBeUndefined();
  });

  it('reports a name it could not remove', () => {
    const scope = {};
    Object.defineProperty(scope, 'fetch', { value: () => 1, configurable: false, writable: false });
    expect(lockDown(scope, ['fetch'])).toEqual(['fetch']);
  });
});
