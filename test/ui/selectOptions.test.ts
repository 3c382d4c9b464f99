// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { selectOptions } from '../../src/ui/selectOptions.ts';

describe('selectOptions', () => {
  it('selectOptions(options, selected)(select) fills the select with the options and selects one', () => {
    const select = document.createElement('select');
    selectOptions(
      [
        { value: '0', label: 'size' },
        { value: '1', label: 'a <b>name</b> & more' },
        { value: '2', label: 'label' },
      ],
      '2',
    )(select);
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['0', 'size'],
      ['1', 'a <b>name</b> & more'],
      ['2', 'label'],
    ]);
    expect(select.value).toBe('2');
  });

  it('run again, it replaces the options rather than adding to them; no options leaves it empty', () => {
    const select = document.createElement('select');
    selectOptions([{ value: '0', label: 'x' }], '0')(select);
    selectOptions(
      [
        { value: '0', label: 'x' },
        { value: '1', label: 'y' },
      ],
      '1',
    )(select);
    expect(select.options).toHaveLength(2);
    expect(select.value).toBe('1');
    selectOptions([], '')(select);
    expect(select.options).toHaveLength(0);
  });
});
