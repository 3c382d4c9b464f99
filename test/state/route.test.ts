import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../src/state/route.ts';

describe('parseRoute(hash)', () => {
  it('reads a lesson slug', () => {
    expect(parseRoute('#/01-clean-vs-more-data')).toEqual({ page: 'lesson', lesson: '01-clean-vs-more-data' });
  });

  it('reads "#/data" as the Your own data page, with or without a trailing part', () => {
    expect(parseRoute('#/data')).toEqual({ page: 'data' });
    expect(parseRoute('#/data/')).toEqual({ page: 'data' });
    expect(parseRoute('#data')).toEqual({ page: 'data' });
  });

  it('an empty or malformed hash is the default lesson', () => {
    expect(parseRoute('')).toEqual({ page: 'lesson', lesson: null });
    expect(parseRoute('#/')).toEqual({ page: 'lesson', lesson: null });
    expect(parseRoute('#/<script>')).toEqual({ page: 'lesson', lesson: null });
  });

  it('a slug that only starts with "data" is a lesson', () => {
    expect(parseRoute('#/data-drift')).toEqual({ page: 'lesson', lesson: 'data-drift' });
  });
});

describe('formatRoute(route)', () => {
  it('round-trips through parseRoute', () => {
    for (const hash of ['#/', '#/01-clean-vs-more-data', '#/data']) expect(formatRoute(parseRoute(hash))).toBe(hash);
  });
});
