import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { samplingReference, TABLES } from '../../scripts/worthAccuracy.ts';
import { FRESH_GENERATED, generateTable } from '../../scripts/worthTables.ts';

describe('the Worth check keeps its table groups apart (docs/worth-accuracy.md)', () => {
  it('no table is in two groups, by name or by file', () => {
    const names = TABLES.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    const files = TABLES.filter((t) => t.file).map((t) => t.file!.pathname.split('/').at(-1));
    expect(new Set(files).size).toBe(files.length);
    const generated = TABLES.filter((t) => t.generated).map((t) => `${t.generated!.kind}:${t.generated!.seed}`);
    expect(new Set(generated).size).toBe(generated.length);
  });

  it('the second held-out set has eight files and three generated tables, each file listed with its label', () => {
    const fresh = TABLES.filter((t) => t.group === 'fresh');
    expect(fresh.filter((t) => t.file)).toHaveLength(8);
    expect(fresh.filter((t) => t.generated).map((t) => t.name)).toEqual(FRESH_GENERATED.map((g) => g.name));
    const index = JSON.parse(readFileSync(new URL('../../scripts/data/worth/tables.json', import.meta.url), 'utf8'));
    for (const t of fresh.filter((t) => t.file)) {
      expect(index.fresh[t.name], t.name).toMatchObject({ label: t.label, file: `fresh/${t.name}.csv` });
      // Committed files (the MIT ones) are here; the others are written on demand (GPL-2 package).
      if (index.fresh[t.name].committed) expect(existsSync(t.file!), t.name).toBe(true);
    }
  });

  it('its generated tables have the stated Bayes errors: 14%, 22% and a label the features do not predict', () => {
    const errors = FRESH_GENERATED.map((g) => generateTable(g).bayesError);
    expect(errors[0]).toBeCloseTo(0.14, 1);
    expect(errors[1]).toBeCloseTo(0.22, 1);
    expect(errors[2]).toBeGreaterThan(0.45);
  });

  it('the sampling reference: 1 on a clean table, two-thirds at 30% noise on 500 rows (a 3.1-point standard error)', () => {
    expect(samplingReference(500, 0)).toBe(1);
    // m = 150 of 500, r = 0.3: se = √(0.21 · (1/150 − 1/500)) = 0.0313; P(|Z| < 0.03 / 0.0313) = 0.662.
    expect(samplingReference(500, 0.3)).toBeCloseTo(0.662, 2);
    expect(samplingReference(2000, 0.3)).toBeGreaterThan(samplingReference(500, 0.3));
    expect(samplingReference(500, 0.1)).toBeGreaterThan(samplingReference(500, 0.3));
  });
});
