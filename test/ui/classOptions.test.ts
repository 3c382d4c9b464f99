// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import { classOptions } from '../../src/ui/classOptions.ts';
import { DATASETS } from '../../src/engine/datasets.ts';
import NoiseControls from '../../src/ui/NoiseControls.svelte';
import type { NoiseSpec } from '../../src/engine/noise/spec.ts';

afterEach(cleanup);

describe('classOptions', () => {
  it('the digits read "4", not "4: 4": a class named by its number shows that number once', () => {
    const options = classOptions(DATASETS.digits.classNames);
    expect(options).toHaveLength(10);
    expect(options[4]).toEqual({ value: '4', label: '4' });
    expect(options.map((o) => o.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('a named class shows its name ("T-shirt/top"); the value stays the class number', () => {
    const options = classOptions(DATASETS.fashion.classNames);
    expect(options[0]).toEqual({ value: '0', label: 'T-shirt/top' });
    expect(options.map((o) => o.value)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    for (const option of options) expect(option.label).not.toMatch(/^\d+: /);
  });

  it('a class with no name shows its number', () => {
    expect(classOptions(['cat', '', ' '])).toEqual([
      { value: '0', label: 'cat' },
      { value: '1', label: '1' },
      { value: '2', label: '2' },
    ]);
  });
});

describe('NoiseControls: the systematic convention’s class choices', () => {
  const systematic: NoiseSpec = { kind: 'systematic', rate: 0.5, from: [4], to: 9 };
  const show = (classNames: readonly string[]) =>
    render(NoiseControls, {
      id: 'c',
      noise: systematic,
      classNames,
      exampleOf: () => systematic,
      onchange: () => {},
    });
  const texts = (name: string) =>
    [...(screen.getByRole('combobox', { name }) as HTMLSelectElement).options].map((o) => o.textContent);

  it('digits: the options read "0" … "9" and the chosen one is "4"', () => {
    show(DATASETS.digits.classNames);
    expect(texts('Class that is mislabeled')).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const from = screen.getByRole('combobox', { name: 'Class that is mislabeled' }) as HTMLSelectElement;
    expect(from.selectedOptions[0]?.textContent).toBe('4');
    const to = screen.getByRole('combobox', { name: '…as' }) as HTMLSelectElement;
    expect(to.selectedOptions[0]?.textContent).toBe('9');
  });

  it('fashion: the options are the class names', () => {
    show(DATASETS.fashion.classNames);
    expect(texts('…as')).toEqual([...DATASETS.fashion.classNames]);
    expect(texts('…as')[0]).toBe('T-shirt/top');
  });
});
