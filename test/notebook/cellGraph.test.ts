import { describe, expect, it } from 'vitest';
import { CellCycleError, dependentsOf, findCycle, topologicalOrder } from '../../src/notebook/cellGraph.ts';

const graph = (entries: Record<string, string[]>) => new Map(Object.entries(entries));

describe('findCycle(ids, sources)', () => {
  it('is null for no cells, a single cell and a graph without cycles', () => {
    expect(findCycle([], graph({}))).toBeNull();
    expect(findCycle(['a'], graph({}))).toBeNull();
    expect(findCycle(['a', 'b', 'c'], graph({ b: ['a'], c: ['a', 'b'] }))).toBeNull();
  });

  it('returns the path of a two-cell cycle a → b → a', () => {
    expect(findCycle(['a', 'b'], graph({ a: ['b'], b: ['a'] }))).toEqual(['a', 'b', 'a']);
  });

  it('returns a cell taking from itself as [a, a]', () => {
    expect(findCycle(['a'], graph({ a: ['a'] }))).toEqual(['a', 'a']);
  });

  it('returns only the cycle, not the path leading into it', () => {
    expect(findCycle(['x', 'a', 'b', 'c'], graph({ x: ['a'], a: ['b'], b: ['c'], c: ['a'] }))).toEqual([
      'a',
      'b',
      'c',
      'a',
    ]);
  });
});

describe('topologicalOrder(ids, sources)', () => {
  it('keeps the given order when nothing depends on anything', () => {
    expect(topologicalOrder(['c', 'a', 'b'], graph({}))).toEqual(['c', 'a', 'b']);
    expect(topologicalOrder([], graph({}))).toEqual([]);
  });

  it('puts every cell after its sources', () => {
    expect(topologicalOrder(['c', 'b', 'a'], graph({ c: ['b'], b: ['a'] }))).toEqual(['a', 'b', 'c']);
  });

  it('ignores sources that are not among the ids', () => {
    expect(topologicalOrder(['a'], graph({ a: ['missing'] }))).toEqual(['a']);
  });

  it('throws a CellCycleError naming the cycle', () => {
    expect(() => topologicalOrder(['a', 'b'], graph({ a: ['b'], b: ['a'] }))).toThrow(
      new CellCycleError(['a', 'b', 'a']),
    );
    expect(() => topologicalOrder(['a', 'b'], graph({ a: ['b'], b: ['a'] }))).toThrow(
      "the cells' inputs form a cycle: a → b → a",
    );
  });
});

describe('dependentsOf(id, ids, sources)', () => {
  const diamond = graph({ b: ['a'], c: ['a'], d: ['b', 'c'] });

  it('lists direct and transitive dependents in topological order, not the cell itself', () => {
    expect(dependentsOf('a', ['a', 'b', 'c', 'd'], diamond)).toEqual(['b', 'c', 'd']);
    expect(dependentsOf('b', ['a', 'b', 'c', 'd'], diamond)).toEqual(['d']);
  });

  it('is empty for a cell nothing takes from, and for an unknown id', () => {
    expect(dependentsOf('d', ['a', 'b', 'c', 'd'], diamond)).toEqual([]);
    expect(dependentsOf('nope', ['a', 'b', 'c', 'd'], diamond)).toEqual([]);
  });
});
