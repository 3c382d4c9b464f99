import { describe, expect, it } from 'vitest';
import { secondsLeft } from '../../src/state/timeLeft.ts';

describe('secondsLeft', () => {
  it('paces by fits when the progress gives no rows', () => {
    expect(secondsLeft(10, { done: 5, total: 20 })).toBeCloseTo(30, 10);
    expect(secondsLeft(10, { done: 0, total: 20 })).toBeNull();
    expect(secondsLeft(10, { done: 20, total: 20 })).toBe(0);
  });

  it('paces by training rows when it can: the same 5 of 20 fits, a tenth of the rows', () => {
    expect(secondsLeft(10, { done: 5, total: 20, work: 100, totalWork: 1000 })).toBeCloseTo(90, 10);
    expect(secondsLeft(10, { done: 1, total: 20, work: 0, totalWork: 1000 })).toBeNull();
    // A plan that was too small never gives a negative time.
    expect(secondsLeft(10, { done: 19, total: 20, work: 1200, totalWork: 1000 })).toBe(0);
  });
});
