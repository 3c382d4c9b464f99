import { describe, expect, it } from 'vitest';
import { ratingCounts, toRatings } from '../../../src/engine/agreement/index.ts';

describe('toRatings', () => {
  it('toRatings(labelers) turns R label arrays into items × raters, null becoming −1', () => {
    expect(toRatings([Int32Array.from([0, 1, 2]), [0, 2, 2], [1, null, 2]])).toEqual([
      [0, 0, 1],
      [1, 2, -1],
      [2, 2, 2],
    ]);
  });

  it('toRatings([]) and toRatings([[], []]) are empty', () => {
    expect(toRatings([])).toEqual([]);
    expect(toRatings([[], []])).toEqual([]);
  });

  it('toRatings(labelers of different lengths) throws a RangeError naming both labelers', () => {
    expect(() => toRatings([[0, 1], [0, 1], [0]])).toThrow(
      'toRatings: labeler A gave 2 labels and labeler C gave 1; every labeler must label the same items, in the same order',
    );
  });
});

describe('ratingCounts', () => {
  it('ratingCounts(ratings, K) counts raters per item and class, skipping missing ratings', () => {
    expect(
      Array.from(
        ratingCounts(
          [
            [0, 0, 2],
            [1, null, -1],
          ],
          3,
        ),
      ),
    ).toEqual([2, 0, 1, 0, 1, 0]);
  });

  it('ratingCounts([], K) is empty', () => {
    expect(ratingCounts([], 3)).toEqual(new Int32Array(0));
  });

  it('ratingCounts(ratings, K) throws a RangeError for a rating ≥ K', () => {
    expect(() => ratingCounts([[0, 3]], 3)).toThrow(/ratingCounts: labeler B's rating of item 0 is 3/);
  });
});
