// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { describeSettings, readFields } from '../../src/ui/settingsSummary.ts';

describe('describeSettings(fields)', () => {
  it('names a select by its option, a range by its label, and labels a typed value', () => {
    expect(
      describeSettings([
        { label: 'Data set', value: 'Handwritten digits (8×8)', kind: 'select' },
        { label: 'Noisy labels: 20%', value: '0.2', kind: 'range' },
        { label: 'Seeds', value: '3', kind: 'text' },
        { label: '', value: 'class A', kind: 'choice' },
      ]),
    ).toBe('Settings: Handwritten digits (8×8) · Noisy labels: 20% · Seeds 3 · class A');
  });

  it('says just "Settings" when there are no fields, and skips empty values', () => {
    expect(describeSettings([])).toBe('Settings');
    expect(describeSettings([{ label: 'Seed', value: '  ', kind: 'text' }])).toBe('Settings');
  });
});

describe('readFields(root)', () => {
  it('reads the form outside its actions: selects, checked choices, ranges and text, with their labels', () => {
    const root = document.createElement('div');
    root.innerHTML = `
      <form class="controls">
        <label>Data set <select><option>Iris</option><option selected>Handwritten digits</option></select></label>
        <label for="n">Seeds</label><input id="n" type="number" value="5" />
        <label>Noisy labels: 10% <input type="range" value="0.1" /></label>
        <label><input type="radio" name="b" /> class A</label>
        <label><input type="radio" name="b" checked /> class B</label>
        <div class="actions"><input type="text" value="not a setting" /></div>
      </form>`;
    document.body.append(root);
    expect(describeSettings(readFields(root))).toBe(
      'Settings: Handwritten digits · Seeds 5 · Noisy labels: 10% · class B',
    );
  });
});
