import { describe, expect, it } from 'vitest';
import { SCALES, chooseStep, fitSteps, overflowSteps, type FitStep } from '../../src/ui/fitSlide.ts';

describe('fitSteps(hasCells)', () => {
  it('tries cells below the text, beside it, beside a wider then a narrower text column, at each scale from the largest', () => {
    const steps = fitSteps(true);
    expect(steps.slice(0, 5)).toEqual([
      { layout: 'stacked', scale: 1 },
      { layout: 'beside', scale: 1 },
      { layout: 'wide', scale: 1 },
      { layout: 'narrow', scale: 1 },
      { layout: 'stacked', scale: SCALES[1] },
    ]);
    expect(steps).toHaveLength(4 * SCALES.length);
    expect(steps.at(-1)).toEqual({ layout: 'narrow', scale: SCALES.at(-1) });
  });

  it('tries text alone in one column, then in two', () => {
    const steps = fitSteps(false);
    expect(steps.slice(0, 2)).toEqual([
      { layout: 'text', scale: 1 },
      { layout: 'columns', scale: 1 },
    ]);
    expect(new Set(steps.map((s) => s.layout))).toEqual(new Set(['text', 'columns']));
  });
});

describe('chooseStep(steps, apply, fits)', () => {
  const steps = fitSteps(true);

  it('keeps the first step that fits, applying each in turn until then', () => {
    const applied: FitStep[] = [];
    let current: FitStep | null = null;
    const chosen = chooseStep(
      steps,
      (s) => {
        applied.push(s);
        current = s;
      },
      () => current!.layout === 'beside' && current!.scale <= 0.9,
    );
    expect(chosen).toEqual({ layout: 'beside', scale: 0.9 });
    expect(applied.map((s) => `${s.layout}@${s.scale}`)).toEqual([
      'stacked@1',
      'beside@1',
      'wide@1',
      'narrow@1',
      'stacked@0.95',
      'beside@0.95',
      'wide@0.95',
      'narrow@0.95',
      'stacked@0.9',
      'beside@0.9',
    ]);
  });

  it('stops at the first step when it fits', () => {
    expect(
      chooseStep(
        steps,
        () => {},
        () => true,
      ),
    ).toEqual(steps[0]);
  });

  it('leaves the last (smallest) step applied when none fits', () => {
    let current: FitStep | null = null;
    const chosen = chooseStep(
      steps,
      (s) => (current = s),
      () => false,
    );
    expect(chosen).toEqual(steps.at(-1));
    expect(current).toEqual(steps.at(-1));
  });

  it('throws on no steps', () => {
    expect(() =>
      chooseStep(
        [],
        () => {},
        () => true,
      ),
    ).toThrow(RangeError);
  });
});

describe('overflowSteps(hasCells)', () => {
  it('are the side-by-side layouts at each scale, largest first: beside, wide or narrow for cells, two columns for text', () => {
    expect(overflowSteps(true)).toEqual(
      SCALES.flatMap((scale) => [
        { layout: 'beside', scale },
        { layout: 'wide', scale },
        { layout: 'narrow', scale },
      ]),
    );
    expect(overflowSteps(false)).toEqual(SCALES.map((scale) => ({ layout: 'columns', scale })));
  });
});
