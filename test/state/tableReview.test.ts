import { describe, expect, it } from 'vitest';
import { TableReview } from '../../src/state/tableReview.svelte.ts';
import { labelEditList } from '../../src/engine/table/labelEdits.ts';

describe('TableReview', () => {
  it('records a decision per spreadsheet row, replaces it, and takes it back with null', () => {
    let changes = 0;
    const review = new TableReview({ onChange: () => changes++ });
    review.decide(12, { kind: 'relabel', label: 'dog' });
    review.decide(7, { kind: 'remove' });
    review.decide(12, { kind: 'keep' });
    expect(labelEditList(review.edits)).toEqual([
      [7, { kind: 'remove' }],
      [12, { kind: 'keep' }],
    ]);
    expect(review.tally).toEqual({ reviewed: 2, relabelled: 0, kept: 1, removed: 1 });
    review.decide(7, null);
    expect(review.edits.has(7)).toBe(false);
    expect(changes).toBe(4);
  });

  it('the same decision again changes nothing and adds no undo step', () => {
    let changes = 0;
    const review = new TableReview({ onChange: () => changes++ });
    review.decide(3, { kind: 'relabel', label: 'b' });
    review.decide(3, { kind: 'relabel', label: 'b' });
    expect(changes).toBe(1);
    review.decide(3, { kind: 'relabel', label: 'c' });
    expect(changes).toBe(2);
    expect(review.undo()).toBe(3);
    expect(review.edits.get(3)).toEqual({ kind: 'relabel', label: 'b' });
    expect(review.undo()).toBe(3);
    expect(review.edits.size).toBe(0);
    expect(review.undo()).toBeNull();
    expect(review.canUndo).toBe(false);
  });

  it('with the rows’ given labels, a relabel to the row’s own label is recorded and counted as a keep', () => {
    const given = new Map([
      [2, 'a'],
      [3, 'b'],
    ]);
    let changes = 0;
    const review = new TableReview({ onChange: () => changes++, given: () => given });
    review.decide(2, { kind: 'relabel', label: 'b' });
    expect(review.tally).toEqual({ reviewed: 1, relabelled: 1, kept: 0, removed: 0 });
    review.decide(2, { kind: 'relabel', label: 'a' }); // back to the given label: not a change
    expect(review.edits.get(2)).toEqual({ kind: 'keep' });
    expect(review.tally).toEqual({ reviewed: 1, relabelled: 0, kept: 1, removed: 0 });
    review.decide(2, { kind: 'keep' }); // the same decision: no undo step
    expect(changes).toBe(2);
    expect(review.undo()).toBe(2);
    expect(review.edits.get(2)).toEqual({ kind: 'relabel', label: 'b' });
    // Decisions restored from an older save are counted the same way.
    review.restore(new Map([[3, { kind: 'relabel', label: 'b' }]]));
    expect(review.tally).toEqual({ reviewed: 1, relabelled: 0, kept: 1, removed: 0 });
  });

  it('restore() replaces the decisions without an undo history; reset() clears them', () => {
    const review = new TableReview();
    review.decide(1, { kind: 'remove' });
    review.restore(new Map([[5, { kind: 'keep' }]]));
    expect(review.canUndo).toBe(false);
    expect([...review.edits.keys()]).toEqual([5]);
    review.reset();
    expect(review.edits.size).toBe(0);
    expect(() => review.decide(1.5, { kind: 'keep' })).toThrow(/integer/);
  });
});
