import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue, formatShareHash, parseShareHash, shareQuery } from '../../src/state/shareLink.ts';
import { readCurveParams, CURVE_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import { parseRoute } from '../../src/state/route.ts';

describe('formatShareHash(lesson, cells) / parseShareHash(hash)', () => {
  it('writes a readable hash: cell.parameter=value, lists comma-separated, uniform noise as its rate', () => {
    const hash = formatShareHash('01-clean-vs-more-data', {
      curve: { noise: { kind: 'uniform', rate: 0.2 }, sizes: [50, 100, 200], seed: 3 },
    });
    expect(hash).toBe('#/01-clean-vs-more-data?curve.noise=0.2&curve.sizes=50,100,200&curve.seed=3');
  });

  it('a lesson without parameters is its plain route', () => {
    expect(formatShareHash('02-x', {})).toBe('#/02-x');
    expect(formatShareHash('02-x', { curve: {} })).toBe('#/02-x');
  });

  it('round-trips every kind of value through the text and back, shaped like the defaults', () => {
    const params = {
      noise: { kind: 'pairs', rate: 0.4, pairs: [[1, 7]] },
      sizes: [50, 100, 500],
      seeds: 3,
      seed: 11,
      dataset: 'fashion',
      label: 'a label, with “quotes” & symbols?#',
    };
    const defaults = { ...CURVE_DEFAULTS, label: 'x' } as Record<string, unknown>;
    const parsed = parseShareHash(formatShareHash('01-clean', { curve: params }));
    expect(parsed.lesson).toBe('01-clean');
    expect(parsed.problems).toEqual([]);
    const decoded = Object.fromEntries(
      Object.entries(parsed.params.curve!).map(([key, text]) => [key, decodeValue(text, defaults[key])]),
    );
    expect(decoded).toEqual(params);
  });

  it('keeps the route readable by the router (the query does not change the lesson)', () => {
    const hash = formatShareHash('01-clean-vs-more-data', { curve: { seed: 3 } });
    expect(parseRoute(hash)).toEqual({ page: 'lesson', lesson: '01-clean-vs-more-data' });
    expect(shareQuery(hash)).toBe('curve.seed=3');
    expect(shareQuery('#/01-clean-vs-more-data')).toBe('');
  });

  it('entries that do not name a cell and a parameter, or have no value, are reported and ignored', () => {
    const parsed = parseShareHash('#/01?noise=0.2&curve.=1&curve.seed&curve.seeds=2&%E0%A4%A=1');
    expect(parsed.params).toEqual({ curve: { seeds: '2' } });
    expect(parsed.problems).toHaveLength(4);
    expect(parsed.problems[0]).toMatch(/“noise” does not name a cell and a parameter/);
    expect(parsed.problems[2]).toMatch(/“curve\.seed” has no value/);
    expect(parsed.problems[3]).toMatch(/not properly encoded/);
  });
});

describe('decodeValue(text, like)', () => {
  it('a text that cannot take the default’s shape comes back as text, so the cell’s check can quote it', () => {
    expect(decodeValue('abc', 5)).toBe('abc');
    expect(decodeValue('', 5)).toBe('');
    expect(decodeValue('{not json', { kind: 'uniform', rate: 0.1 })).toBe('{not json');
    expect(decodeValue('50,x,200', [1, 2])).toEqual([50, 'x', 200]);
  });

  it('bad values fail the cell’s own checks with a message naming the parameter', () => {
    const raw = { noise: decodeValue('2', CURVE_DEFAULTS.noise), seeds: decodeValue('many', 5) };
    const { problems } = readCurveParams(raw, CURVE_DEFAULTS);
    expect(problems.map((p) => p.key)).toEqual(['noise', 'seeds']);
    expect(problems[0]!.reason).toMatch(/between 0\.01 and 0\.9, got 2/);
    expect(problems[1]!.reason).toMatch(/must be a number, got "many"/);
  });

  it('an unknown key decodes as text and the cell names it as unknown', () => {
    const { problems } = readCurveParams({ nois: decodeValue('0.2', undefined) }, CURVE_DEFAULTS);
    expect(problems).toEqual([{ key: 'nois', reason: expect.stringMatching(/^unknown parameter \(known: /) }]);
  });
});

describe('encodeValue(value)', () => {
  it('writes numbers, strings and lists plainly and other structures as JSON', () => {
    expect(encodeValue(0.25)).toBe('0.25');
    expect(encodeValue('digits')).toBe('digits');
    expect(encodeValue([1, 2])).toBe('1,2');
    expect(encodeValue({ kind: 'boundary', rate: 0.2 })).toBe('{"kind":"boundary","rate":0.2}');
  });
});
