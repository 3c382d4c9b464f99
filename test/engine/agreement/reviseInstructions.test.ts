import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/engine/random.ts';
import {
  cohenKappa,
  reviseInstructions,
  simulateAnnotator,
  type AnnotatorSpec,
} from '../../../src/engine/agreement/index.ts';

const FASHION: AnnotatorSpec = {
  accuracy: 0.92,
  classes: 10,
  ambiguity: [
    { from: 6, to: [0, 2, 4], rate: 0.35 },
    { from: 4, to: [2], rate: 0.2 },
  ],
};

describe('reviseInstructions', () => {
  it('reviseInstructions(spec, [6]) drops the entry for class 6 and keeps the rest', () => {
    expect(reviseInstructions(FASHION, [6])).toEqual({
      accuracy: 0.92,
      classes: 10,
      ambiguity: [{ from: 4, to: [2], rate: 0.2 }],
    });
  });

  it('reviseInstructions(spec, [0]) removes class 0 as a destination, keeping each other destination’s rate', () => {
    const revised = reviseInstructions(FASHION, [0]);
    expect(revised.ambiguity).toEqual([
      { from: 6, to: [2, 4], rate: expect.closeTo(0.35 * (2 / 3), 12) },
      { from: 4, to: [2], rate: 0.2 },
    ]);
  });

  it('reviseInstructions(spec, [2]) drops an entry left with no destinations', () => {
    expect(reviseInstructions(FASHION, [2]).ambiguity).toEqual([
      { from: 6, to: [0, 4], rate: expect.closeTo(0.35 * (2 / 3), 12) },
    ]);
  });

  it('reviseInstructions(spec, []) returns an equal spec; the input is not modified', () => {
    const before = JSON.stringify(FASHION);
    expect(reviseInstructions(FASHION, [])).toEqual(FASHION);
    reviseInstructions(FASHION, [6, 4, 0]);
    expect(JSON.stringify(FASHION)).toBe(before);
  });

  it('reviseInstructions(spec without ambiguity, [3]) gives an empty ambiguity list', () => {
    expect(reviseInstructions({ accuracy: 0.8, classes: 4 }, [3])).toEqual({
      accuracy: 0.8,
      classes: 4,
      ambiguity: [],
    });
  });

  it('reviseInstructions(spec, [6, 4]) removes all ambiguity', () => {
    expect(reviseInstructions(FASHION, [6, 4]).ambiguity).toEqual([]);
  });

  it('reviseInstructions(spec, [10]) throws a RangeError naming the class', () => {
    expect(() => reviseInstructions(FASHION, [10])).toThrow(RangeError);
    expect(() => reviseInstructions(FASHION, [10])).toThrow(/10 is not one of the annotator's 10 classes 0…9/);
    expect(() => reviseInstructions(FASHION, [1.5])).toThrow(RangeError);
  });

  it('simulateAnnotator(truth, revised spec) with the same seed changes only the revised class, and raises kappa', () => {
    const truth = Int32Array.from({ length: 3000 }, (_, i) => i % 10);
    const revised = reviseInstructions(FASHION, [6]);
    const before = [1, 2].map((s) => simulateAnnotator(truth, { ...FASHION, random: createRandom(s) }));
    const after = [1, 2].map((s) => simulateAnnotator(truth, { ...revised, random: createRandom(s) }));
    for (let i = 0; i < truth.length; i++) {
      if (truth[i] !== 6) expect(after[0]![i]).toBe(before[0]![i]);
      else if (before[0]![i] === 6) expect(after[0]![i]).toBe(6);
    }
    const kappa = (pair: Int32Array[]) => {
      const result = cohenKappa(pair[0]!, pair[1]!);
      if (!result.defined) throw new Error(result.reason);
      return result.kappa;
    };
    expect(kappa(after)).toBeGreaterThan(kappa(before));
  });
});
