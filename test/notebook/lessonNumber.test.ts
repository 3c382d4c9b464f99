import { describe, expect, it } from 'vitest';
import { lessonNumber, numberedTitle } from '../../src/notebook/lessonNumber.ts';

describe('lessonNumber(slug)', () => {
  it('is the two digits the slug starts with, as the file name and the address give them', () => {
    expect(lessonNumber('00-the-lifecycle')).toBe('00');
    expect(lessonNumber('03-labeler-consistency')).toBe('03');
    expect(lessonNumber('11-sizing-the-data-set')).toBe('11');
  });

  it('is null for a slug without a two-digit number and a dash, and for the empty slug', () => {
    expect(lessonNumber('tiny')).toBeNull();
    expect(lessonNumber('3-short')).toBeNull();
    expect(lessonNumber('123-long')).toBeNull();
    expect(lessonNumber('03')).toBeNull();
    expect(lessonNumber('')).toBeNull();
  });
});

describe('numberedTitle(slug, title)', () => {
  it('puts the number before the title, or leaves a title without a number as it is', () => {
    expect(numberedTitle('03-labeler-consistency', 'Measuring labeler consistency')).toBe(
      '03 Measuring labeler consistency',
    );
    expect(numberedTitle('tiny', 'Tiny')).toBe('Tiny');
  });
});
