import { describe, expect, it } from 'vitest';
import { NO_TEACHING, parseTeachingFlags, withTeachingFlags } from '../../src/state/teachingFlags.ts';
import { Presentation } from '../../src/state/presentation.svelte.ts';

const key = (k: string, extra: Record<string, unknown> = {}) =>
  ({ key: k, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, target: null, ...extra }) as never;

describe('teaching flags in the query string', () => {
  it('parses ?present and ?controls=locked|hidden; anything else is the default', () => {
    expect(parseTeachingFlags('')).toEqual(NO_TEACHING);
    expect(parseTeachingFlags('?present')).toEqual({ present: true, controls: 'shown' });
    expect(parseTeachingFlags('?present=1&controls=LOCKED')).toEqual({ present: true, controls: 'locked' });
    expect(parseTeachingFlags('?controls=hidden&x=1')).toEqual({ present: false, controls: 'hidden' });
    expect(parseTeachingFlags('?present=false&controls=sideways')).toEqual(NO_TEACHING);
  });

  it('writes them back, keeping other parameters, and round-trips', () => {
    expect(withTeachingFlags('', { present: true, controls: 'locked' })).toBe('?present&controls=locked');
    expect(withTeachingFlags('?backend=cpu&present', NO_TEACHING)).toBe('?backend=cpu');
    expect(withTeachingFlags('?present', NO_TEACHING)).toBe('');
    for (const flags of [
      { present: true, controls: 'hidden' },
      { present: false, controls: 'locked' },
    ] as const) {
      expect(parseTeachingFlags(withTeachingFlags('?workers=2', flags))).toEqual(flags);
    }
  });
});

describe('Presentation', () => {
  it('steps through the sections with the keys, clamped at both ends', () => {
    const p = new Presentation(3);
    expect([p.index, p.atStart, p.atEnd]).toEqual([0, true, false]);
    expect(p.handleKey(key('ArrowRight'))).toBe(true);
    expect(p.handleKey(key(' '))).toBe(true);
    expect([p.index, p.atEnd]).toEqual([2, true]);
    p.handleKey(key('PageDown'));
    expect(p.index).toBe(2);
    p.handleKey(key(' ', { shiftKey: true }));
    expect(p.index).toBe(1);
    p.handleKey(key('Home'));
    expect(p.index).toBe(0);
    p.handleKey(key('End'));
    expect(p.index).toBe(2);
    p.handleKey(key('ArrowLeft'));
    expect(p.index).toBe(1);
  });

  it('leaves keys to fields, buttons and shortcuts; fewer sections clamp the position', () => {
    const p = new Presentation(4, 2);
    expect(p.handleKey(key('ArrowRight', { target: { tagName: 'INPUT' } }))).toBe(false);
    expect(p.handleKey(key(' ', { target: { tagName: 'BUTTON' } }))).toBe(false);
    expect(p.handleKey(key('ArrowRight', { ctrlKey: true }))).toBe(false);
    expect(p.handleKey(key('x'))).toBe(false);
    expect(p.index).toBe(2);
    p.setCount(2);
    expect(p.index).toBe(1);
    expect(() => p.setCount(-1)).toThrow(RangeError);
  });
});
