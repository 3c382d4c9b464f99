/**
 * Golden test: the two-labeler statistics against scikit-learn 1.2.1 on the
 * label pairs in test/fixtures/agreement-sklearn.json (made by
 * scripts/reference-agreement.py): cohen_kappa_score to 1e-9,
 * confusion_matrix exactly, accuracy_score to 1e-12.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cohenKappa, disagreementMatrix, percentAgreement } from '../../../src/engine/agreement/index.ts';

interface SklearnCase {
  readonly name: string;
  readonly classes: number;
  readonly a: number[];
  readonly b: number[];
  readonly kappa: number | null;
  readonly confusion: number[][];
  readonly accuracy: number;
}

const FIXTURE = JSON.parse(readFileSync(new URL('../../fixtures/agreement-sklearn.json', import.meta.url), 'utf8')) as {
  sklearn: string;
  cases: SklearnCase[];
};

describe('agreement statistics vs scikit-learn (test/fixtures/agreement-sklearn.json)', () => {
  it('the fixture holds the cases the script writes, from scikit-learn 1.2.1', () => {
    expect(FIXTURE.sklearn).toBe('1.2.1');
    expect(FIXTURE.cases.length).toBeGreaterThanOrEqual(15);
    expect(FIXTURE.cases.some((c) => c.kappa === null)).toBe(true);
    expect(FIXTURE.cases.some((c) => c.kappa === -1)).toBe(true);
  });

  it.each(FIXTURE.cases.map((c) => [c.name, c] as const))(
    'cohenKappa(a, b) equals cohen_kappa_score to 1e-9: %s',
    (_, c) => {
      const result = cohenKappa(c.a, c.b, { classes: c.classes });
      if (c.kappa === null) {
        expect(result.defined).toBe(false);
      } else {
        expect(result.defined).toBe(true);
        if (result.defined) expect(Math.abs(result.kappa - c.kappa)).toBeLessThanOrEqual(1e-9);
      }
      expect(cohenKappa(c.a, c.b)).toEqual(result);
    },
  );

  it.each(FIXTURE.cases.map((c) => [c.name, c] as const))(
    'disagreementMatrix(a, b, K) equals confusion_matrix and percentAgreement equals accuracy_score: %s',
    (_, c) => {
      expect(Array.from(disagreementMatrix(c.a, c.b, c.classes))).toEqual(c.confusion.flat());
      expect(percentAgreement(c.a, c.b)).toBeCloseTo(c.accuracy, 12);
    },
  );
});
