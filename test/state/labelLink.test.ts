/**
 * Labels in a link: round trips, length, URL safety, and a clear refusal of
 * a link for another batch or an edited one — never a throw.
 */
import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/engine/datasets.ts';
import { createRandom } from '../../src/engine/random.ts';
import { batchCheck, decodeLabels, encodeLabels } from '../../src/state/labelLink.ts';
import type { BatchContext, ImportOutcome } from '../../src/state/labelImport.ts';

const classNames = DATASETS.fashion.classNames;
const rows = Int32Array.from({ length: 40 }, (_, i) => 50_000 + 13 * i);
const batch: BatchContext = { dataset: 'fashion', classNames, rows, seed: 7, items: 40 };
const all = new Map(Array.from(rows, (row, i) => [row, (i * 3) % 10] as [number, number]));

function accepted(outcome: ImportOutcome) {
  if (!outcome.ok) throw new Error(`refused: ${outcome.message}`);
  return outcome;
}
function refused(outcome: ImportOutcome): string {
  if (outcome.ok) throw new Error('expected a refusal, the link was accepted');
  return outcome.message;
}

describe('encodeLabels / decodeLabels', () => {
  it('round-trips every label, in batch order, with the name; about 60 characters for 40 items', () => {
    const text = encodeLabels(rows, all, 'Ana', 7);
    expect(text.length).toBeLessThanOrEqual(62);
    expect(encodeURIComponent(text)).toBe(text);
    const { value, notes } = accepted(decodeLabels(text, batch));
    expect([...value.labels]).toEqual([...all]);
    expect(value.name).toBe('Ana');
    expect(value.fileName).toBe('link');
    expect(notes).toEqual([]);
  });

  it('gaps as "-", with a note of how many items the link covers; labels outside the batch left out', () => {
    const some = new Map(all);
    some.delete(rows[0]!);
    some.delete(rows[39]!);
    some.set(12, 4);
    const text = encodeLabels(rows, some, 'Bo', 7);
    expect(text).toContain('.-369');
    const { value, notes } = accepted(decodeLabels(text, batch));
    expect(value.labels.size).toBe(38);
    expect(value.labels.has(rows[0]!)).toBe(false);
    expect(value.labels.has(12)).toBe(false);
    expect(notes.join(' ')).toContain('covers 38 of the 40 items');
  });

  it('names with spaces, accents, dots and emoji survive, and the text stays URL-safe', () => {
    for (const name of ['Ana María', 'j.o.e', 'Zoë 🐱', "O'Brien ~ (x)", '']) {
      const text = encodeLabels(rows, all, name, 7);
      expect(encodeURIComponent(text)).toBe(text);
      expect(accepted(decodeLabels(text, batch)).value.name).toBe(name.trim() || 'partner');
    }
    expect(accepted(decodeLabels(encodeLabels(rows, all, 'you', 7), batch)).value.name).toBe('partner');
  });

  it('reads the text inside a whole URL, or percent-encoded', () => {
    const text = encodeLabels(rows, all, 'Ana María', 7);
    const url = `https://lab.example/#/03-agreement?labels=${encodeURIComponent(text)}&x=1`;
    expect(accepted(decodeLabels(url, batch)).value.name).toBe('Ana María');
    expect(accepted(decodeLabels(encodeURIComponent(encodeURIComponent(text)), batch)).ok).toBe(true);
  });

  it('works without a seed: the row check still tells batches apart', () => {
    const text = encodeLabels(rows, all, 'Ana');
    expect(accepted(decodeLabels(text, batch)).value.labels.size).toBe(40);
    const other = { ...batch, rows: rows.map((r) => r + 1) };
    expect(refused(decodeLabels(text, other))).toMatch(/made for other images than this cell’s batch/);
  });

  it('writes classes 0–35 only', () => {
    expect(() => encodeLabels(rows, new Map([[rows[0]!, 36]]), 'x', 7)).toThrow(/class 36/);
  });
});

describe('decodeLabels refuses, saying what is wrong', () => {
  const good = encodeLabels(rows, all, 'Ana', 7);

  it('a link for another seed, size or set of images', () => {
    expect(refused(decodeLabels(encodeLabels(rows, all, 'Ana', 8), batch))).toMatch(
      /made for batch seed 8, 40 items; this cell’s batch is seed 7, 40 items — the partner must use the same lesson settings/,
    );
    const shorter = rows.slice(0, 30);
    expect(refused(decodeLabels(encodeLabels(shorter, all, 'Ana', 7), batch))).toMatch(
      /carries 30 labels, but this cell’s batch has 40 items/,
    );
    const otherImages = { ...batch, rows: Int32Array.from(rows).reverse() };
    expect(refused(decodeLabels(good, otherImages))).toMatch(
      /other images than this cell’s batch \(seed 7, 40 items\)/,
    );
  });

  it('an empty link, another kind of text, a newer version, a cut link', () => {
    expect(refused(decodeLabels('  ', batch))).toMatch(/is empty/);
    expect(refused(decodeLabels('hello', batch))).toMatch(/not a labels link \(it should start with "L1\."\)/);
    expect(refused(decodeLabels(good.replace('L1.', 'L2.'), batch))).toMatch(/newer or unknown kind \(L2\)/);
    expect(refused(decodeLabels(good.split('.').slice(0, 4).join('.'), batch))).toMatch(
      /cut or edited \(it has 4 parts/,
    );
    expect(refused(decodeLabels('L1.7.%zz', batch))).toMatch(/broken %-escape/);
  });

  it('an edited label: the item and the character', () => {
    const parts = good.split('.');
    const edit = (labels: string) => [parts[0], parts[1], parts[2], labels, parts[4]].join('.');
    expect(refused(decodeLabels(edit(`a${parts[3]!.slice(1)}`), batch))).toMatch(
      /has "a" for item 1, not a class of this cell \(0–9 for classes 0–9, "-" for not labelled\)/,
    );
    expect(refused(decodeLabels(edit(`${parts[3]!.slice(0, 5)}?${parts[3]!.slice(6)}`), batch))).toMatch(
      /"\?" for item 6/,
    );
    expect(refused(decodeLabels(edit('-'.repeat(40)), batch))).toMatch(/carries no labels at all/);
  });

  it('a garbled name, a garbled seed or check, the data set’s labels', () => {
    const parts = good.split('.');
    const join = (i: number, value: string) => parts.map((p, j) => (j === i ? value : p)).join('.');
    expect(refused(decodeLabels(join(4, 'A~zz'), batch))).toMatch(/name "A~zz" is garbled/);
    expect(refused(decodeLabels(join(4, '~c3'), batch))).toMatch(/garbled/);
    expect(refused(decodeLabels(join(1, 'x!'), batch))).toMatch(/seed "x!" is not readable/);
    expect(refused(decodeLabels(join(2, 'zzzzzzzz'), batch))).toMatch(/other images/);
    expect(refused(decodeLabels(encodeLabels(rows, all, 'data set', 7), batch))).toMatch(/data set’s own labels/);
  });

  it('never throws on random or mangled text', () => {
    const random = createRandom(15, 2);
    const alphabet = 'L1.-0123456789abcz~%_?&=#';
    for (let t = 0; t < 500; t++) {
      const at = Math.floor(random() * good.length);
      const char = alphabet[Math.floor(random() * alphabet.length)]!;
      const text =
        t % 2 === 0
          ? good.slice(0, at) + char + good.slice(at + 1)
          : Array.from(
              { length: Math.floor(random() * 70) },
              () => alphabet[Math.floor(random() * alphabet.length)],
            ).join('');
      const outcome = decodeLabels(text, batch);
      if (!outcome.ok) expect(outcome.message.length).toBeGreaterThan(20);
    }
    expect(decodeLabels(null as unknown as string, batch).ok).toBe(false);
  });
});

describe('batchCheck', () => {
  it('differs for other rows, another order or another length', () => {
    const base = batchCheck(rows);
    expect(batchCheck(Array.from(rows))).toBe(base);
    expect(batchCheck(rows.slice(0, 39))).not.toBe(base);
    expect(batchCheck(Int32Array.from(rows).reverse())).not.toBe(base);
    expect(batchCheck(rows.map((r, i) => (i === 20 ? r + 1 : r)))).not.toBe(base);
    expect(base).toBeGreaterThanOrEqual(0);
    expect(base).toBeLessThan(2 ** 32);
  });
});
