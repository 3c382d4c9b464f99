import { describe, expect, it } from 'vitest';
import { classKeys, matchClassKey } from '../../src/ui/reviewList.ts';

describe('classKeys(names, scheme)', () => {
  it('classes named by distinct single digits are pressed by their name, whatever the scheme', () => {
    expect(classKeys(['0', '1'], 'ordinal')).toEqual(['0', '1']);
    expect(classKeys(['1', '2', '3'], 'ordinal')).toEqual(['1', '2', '3']);
    expect(classKeys(['3', '4', '8'], 'index')).toEqual(['3', '4', '8']);
  });

  it("'ordinal': 1–9 for the first nine classes, 0 for the tenth", () => {
    expect(classKeys(['benign', 'malignant'], 'ordinal')).toEqual(['1', '2']);
    const ten = Array.from({ length: 10 }, (_, i) => `c${i}`);
    expect(classKeys(ten, 'ordinal')).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
    // Numbers that are not all single digits are names like any other.
    expect(classKeys(['10', '20'], 'ordinal')).toEqual(['1', '2']);
  });

  it("'index': the class number 0–9 (the lessons' classes)", () => {
    expect(classKeys(['zero', 'one', 'two'], 'index')).toEqual(['0', '1', '2']);
  });

  it('11 to 99 classes get two-digit codes in list order; more get none', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `c${i}`);
    expect(classKeys(twelve, 'ordinal')).toEqual(twelve.map((_, i) => String(i + 1).padStart(2, '0')));
    expect(classKeys(twelve, 'index').at(-1)).toBe('12');
    expect(
      classKeys(
        Array.from({ length: 100 }, (_, i) => `c${i}`),
        'ordinal',
      ).every((c) => c === null),
    ).toBe(true);
  });

  it('no classes, no keys; repeated digit names fall back to positions', () => {
    expect(classKeys([], 'ordinal')).toEqual([]);
    expect(classKeys(['1', '1'], 'ordinal')).toEqual(['1', '2']);
  });
});

describe('matchClassKey(codes, typed)', () => {
  const two = ['01', '02', '12', null];
  it('a whole code picks its class; the start of one waits for more; anything else is nothing', () => {
    expect(matchClassKey(['1', '2', '0'], '0')).toEqual({ kind: 'class', index: 2 });
    expect(matchClassKey(two, '1')).toEqual({ kind: 'prefix' });
    expect(matchClassKey(two, '12')).toEqual({ kind: 'class', index: 2 });
    expect(matchClassKey(two, '13')).toEqual({ kind: 'none' });
    expect(matchClassKey(two, '5')).toEqual({ kind: 'none' });
    expect(matchClassKey(two, '')).toEqual({ kind: 'none' });
    expect(matchClassKey([], '1')).toEqual({ kind: 'none' });
  });
});
