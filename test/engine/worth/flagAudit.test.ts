import { describe, expect, it } from 'vitest';
import { auditOrder, flagAudit, wilsonInterval, type AuditVerdict } from '../../../src/engine/worth/flagAudit.ts';

describe('wilsonInterval', () => {
  // References: scipy.stats.binomtest(s, n).proportion_ci(confidence_level=0.9, method='wilson') (Debian's python3-scipy).
  const SCIPY: [number, number, number, number][] = [
    [5, 20, 0.12737716852035774, 0.4322017501601245],
    [0, 12, 0.0, 0.18398119474747693],
    [12, 12, 0.816018805252523, 1.0],
    [7, 30, 0.13176024453803759, 0.379026053128682],
  ];
  it.each(SCIPY)('%i of %i from a large population: scipy’s Wilson interval', (s, n, low, high) => {
    const interval = wilsonInterval(s, n, 1e9, 0.9);
    expect(interval.estimate).toBeCloseTo(s / n, 12);
    expect(interval.low).toBeCloseTo(low, 6);
    expect(interval.high).toBeCloseTo(high, 6);
  });

  it('a sample that is most of the flags is surer (finite population); all of them is exact', () => {
    const wide = wilsonInterval(5, 20, 1e9, 0.9);
    const narrow = wilsonInterval(5, 20, 25, 0.9);
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
    expect(wilsonInterval(5, 20, 20, 0.9)).toEqual({ estimate: 0.25, low: 0.25, high: 0.25 });
  });

  it('refuses impossible counts, naming them', () => {
    expect(() => wilsonInterval(3, 0, 10, 0.9)).toThrow(/sample size/);
    expect(() => wilsonInterval(4, 3, 10, 0.9)).toThrow(/successes must be a whole number from 0 to 3/);
    expect(() => wilsonInterval(1, 5, 4, 0.9)).toThrow(/population \(4\) must be at least the sample \(5\)/);
  });
});

describe('auditOrder', () => {
  const flags = [40, 7, 19, 3, 88, 61, 25, 12, 70, 54];
  it('is a permutation of the flags, fixed by the seed and not by how the flags were listed', () => {
    const order = auditOrder(flags, 5);
    expect([...order].sort((a, b) => a - b)).toEqual([...flags].sort((a, b) => a - b));
    expect(auditOrder([...flags].reverse(), 5)).toEqual(order);
    expect(auditOrder(flags, 6)).not.toEqual(order);
  });
  it('is not the list order (the point of an audit): over 20 seeds the first row is each of several flags', () => {
    const firsts = new Set(Array.from({ length: 20 }, (_, seed) => auditOrder(flags, seed)[0]));
    expect(firsts.size).toBeGreaterThanOrEqual(5);
  });
});

describe('flagAudit', () => {
  const order = [10, 20, 30, 40, 50, 60, 70, 80];
  const decide = (verdicts: Record<number, AuditVerdict>) => (row: number) => verdicts[row] ?? null;

  it('nothing decided: no share, no rate', () => {
    const audit = flagAudit(order, () => null, 100);
    expect(audit).toMatchObject({ flagged: 8, rows: 100, sampled: 0, wrong: 0, right: 0, share: null, rate: null });
  });

  it('counts the decided rows from the top of the order down to the first undecided one; rows decided below are only reported', () => {
    const audit = flagAudit(order, decide({ 10: 'wrong', 20: 'right', 30: 'wrong', 50: 'wrong', 80: 'right' }), 100);
    expect(audit).toMatchObject({ sampled: 3, wrong: 2, right: 1, decidedBelow: 2 });
    expect(audit.share!.estimate).toBeCloseTo(2 / 3, 12);
    // The share of the table: the flags are 8 of 100 rows.
    expect(audit.rate!.estimate).toBeCloseTo((2 / 3) * 0.08, 12);
    expect(audit.rate!.low).toBeCloseTo(audit.share!.low * 0.08, 12);
    expect(audit.rate!.high).toBeCloseTo(audit.share!.high * 0.08, 12);
    expect(audit.share!.low).toBeLessThan(2 / 3);
    expect(audit.share!.high).toBeGreaterThan(2 / 3);
  });

  it('every flag decided: the share is exact', () => {
    const all = Object.fromEntries(order.map((row, i) => [row, i < 2 ? 'wrong' : 'right'])) as Record<
      number,
      AuditVerdict
    >;
    const audit = flagAudit(order, decide(all), 40);
    expect(audit.share).toEqual({ estimate: 0.25, low: 0.25, high: 0.25 });
    expect(audit.rate!.estimate).toBeCloseTo(0.05, 12);
  });

  it('an oracle reviewer on a random sample recovers the share of wrong labels among many flags (20 seeds)', () => {
    // 400 flags of which 120 are really wrong; the reviewer decides the first 40 of each seed's order.
    const flags = Array.from({ length: 400 }, (_, i) => i);
    const wrongRows = new Set(flags.filter((i) => (i * 7919) % 400 < 120));
    let covered = 0;
    for (let seed = 0; seed < 20; seed++) {
      const o = auditOrder(flags, seed);
      const sample = new Set(o.slice(0, 40));
      const audit = flagAudit(o, (row) => (sample.has(row) ? (wrongRows.has(row) ? 'wrong' : 'right') : null), 4000);
      expect(audit.sampled).toBe(40);
      if (audit.share!.low <= 0.3 && 0.3 <= audit.share!.high) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(16); // a 90% interval: about 18 of 20
  });

  it('refuses a table smaller than its flags', () => {
    expect(() => flagAudit(order, () => null, 5)).toThrow(/rows must be a whole number ≥ the 8 flagged, got 5/);
  });
});
