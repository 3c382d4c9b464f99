import { describe, expect, it } from 'vitest';
import {
  applyReviewDecisions,
  tallyReviewDecisions,
  type ReviewDecision,
  NO_DECISIONS,
  withDecision,
} from '../../../src/engine/confident/reviewDecisions.ts';
import { referenceFoldSplits, REFERENCE_FOLDS } from '../../../src/engine/confident/referenceFolds.ts';

const rows = Int32Array.from([10, 11, 12, 13, 14]);
const given = Int32Array.from([0, 1, 2, 1, 0]);
// Positions 1 and 3 are wrong (truly 2 and 0).
const truth = Int32Array.from([0, 2, 2, 0, 0]);
const decisions = (entries: [number, ReviewDecision][]) => new Map<number, ReviewDecision>(entries);

describe('applyReviewDecisions(rows, given, decisions)', () => {
  it('drops removed positions and relabels the relabelled ones, keeping the order', () => {
    const out = applyReviewDecisions(
      rows,
      given,
      decisions([
        [1, { kind: 'relabel', label: 2 }],
        [2, { kind: 'keep' }],
        [3, { kind: 'remove' }],
      ]),
    );
    expect(Array.from(out.rows)).toEqual([10, 11, 12, 14]);
    expect(Array.from(out.labels)).toEqual([0, 2, 2, 0]);
  });

  it('with no decisions returns the training set unchanged', () => {
    const out = applyReviewDecisions(rows, given, new Map());
    expect(Array.from(out.rows)).toEqual(Array.from(rows));
    expect(Array.from(out.labels)).toEqual(Array.from(given));
  });

  it('can remove everything, and rejects a position outside the training set', () => {
    const all = decisions([0, 1, 2, 3, 4].map((i) => [i, { kind: 'remove' }]));
    expect(applyReviewDecisions(rows, given, all).rows.length).toBe(0);
    expect(() => applyReviewDecisions(rows, given, decisions([[5, { kind: 'keep' }]]))).toThrow(
      /position 5, outside the training set \[0, 5\)/,
    );
  });
});

describe('tallyReviewDecisions(decisions, given, truth)', () => {
  it('counts each kind of decision and checks each against the truth', () => {
    const tally = tallyReviewDecisions(
      decisions([
        [1, { kind: 'relabel', label: 2 }], // wrong → corrected
        [3, { kind: 'keep' }], // wrong → still wrong
        [0, { kind: 'relabel', label: 1 }], // right → an error introduced
        [4, { kind: 'remove' }], // right, removed
      ]),
      given,
      truth,
    );
    expect(tally).toEqual({
      reviewed: 4,
      relabelled: 2,
      kept: 1,
      removed: 1,
      trulyWrong: 2,
      corrected: 1,
      removedWrong: 0,
      stillWrong: 1,
      introduced: 1,
    });
  });

  it('a wrong label relabelled to another wrong class is still wrong; a wrong one removed is counted', () => {
    const tally = tallyReviewDecisions(
      decisions([
        [1, { kind: 'relabel', label: 0 }],
        [3, { kind: 'remove' }],
      ]),
      given,
      truth,
    );
    expect(tally).toMatchObject({ trulyWrong: 2, corrected: 0, stillWrong: 1, removedWrong: 1, introduced: 0 });
  });

  it('of no decisions is all zeros', () => {
    expect(Object.values(tallyReviewDecisions(new Map(), given, truth)).every((v) => v === 0)).toBe(true);
  });
});

describe('referenceFoldSplits(labels)', () => {
  it('makes REFERENCE_FOLDS stratified folds covering every row once, the same on every call', () => {
    const labels = Int32Array.from({ length: 40 }, (_, i) => i % 4);
    const splits = referenceFoldSplits(labels);
    expect(splits.length).toBe(REFERENCE_FOLDS);
    const held = splits.flatMap((s) => Array.from(s.holdout)).sort((a, b) => a - b);
    expect(held).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(splits.map((s) => Array.from(s.holdout))).toEqual(
      referenceFoldSplits(labels).map((s) => Array.from(s.holdout)),
    );
  });
});

describe('withDecision', () => {
  it('withDecision(decisions, position, decision) returns a new map with it set, leaving the old one as it was', () => {
    const first = withDecision(NO_DECISIONS, 3, { kind: 'remove' });
    const second = withDecision(first, 3, { kind: 'relabel', label: 2 });
    expect([...first]).toEqual([[3, { kind: 'remove' }]]);
    expect([...second]).toEqual([[3, { kind: 'relabel', label: 2 }]]);
    expect(NO_DECISIONS.size).toBe(0);
  });

  it('withDecision(decisions, position, null) takes the decision out; an absent position changes nothing', () => {
    const some = withDecision(withDecision(NO_DECISIONS, 1, { kind: 'keep' }), 4, { kind: 'remove' });
    expect([...withDecision(some, 1, null).keys()]).toEqual([4]);
    expect([...withDecision(some, 9, null).keys()]).toEqual([1, 4]);
  });
});
