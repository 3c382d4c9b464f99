// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import SelfCheck from '../../src/ui/SelfCheck.svelte';
import type { CheckSpec } from '../../src/notebook/checkSpec.ts';

afterEach(cleanup);

const value: CheckSpec = {
  kind: 'value',
  line: 7,
  question: 'What accuracy did clean labels reach?',
  answer: { cell: 'curve', key: 'cleanAtN0' },
  tolerance: 0.5,
};
const when: CheckSpec = {
  kind: 'when',
  line: 9,
  question: 'More than twice?',
  choices: [
    { text: 'Yes', when: { left: { ref: { cell: 'curve', key: 'factor' } }, op: '>', right: { number: 2 } } },
    { text: 'No', when: { left: { ref: { cell: 'curve', key: 'factor' } }, op: '<=', right: { number: 2 } } },
  ],
};

describe('<SelfCheck>', () => {
  it('before the cell has run: asks to run it first, and Check is disabled', () => {
    render(SelfCheck, { check: value, outputs: { curve: { cleanAtN0: null } }, titles: { curve: 'The digits curve' } });
    expect(screen.getByTestId('check-verdict').textContent).toMatch(
      /Run the cell “The digits curve” above first: the answer comes from your own run/,
    );
    expect((screen.getByRole('button', { name: 'Check' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('self-check').dataset.verdict).toBe('pending');
  });

  it('a typed answer is checked against the run: right within the tolerance, wrong outside, with the answer on request', async () => {
    const rights: number[] = [];
    render(SelfCheck, {
      check: value,
      outputs: { curve: { cleanAtN0: 0.935 } },
      onright: () => rights.push(1),
    });
    const input = screen.getByRole('textbox', { name: /Your answer/ });
    await fireEvent.input(input, { target: { value: '90' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByTestId('self-check').dataset.verdict).toBe('wrong');
    expect(screen.getByTestId('check-verdict').textContent).not.toMatch(/93\.5%/);
    await fireEvent.click(screen.getByRole('button', { name: 'show the answer' }));
    expect(screen.getByTestId('check-verdict').textContent).toMatch(/Your run gave 93\.5%/);
    expect(rights).toEqual([]);
    await fireEvent.input(input, { target: { value: '93.4' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByTestId('self-check').dataset.verdict).toBe('right');
    expect(screen.getByTestId('check-verdict').textContent).toMatch(/Right: your run gave 93\.5%/);
    expect(rights).toEqual([1]);
  });

  it('choices: the one that holds for the run is right', async () => {
    render(SelfCheck, { check: when, outputs: { curve: { factor: 3.1 } } });
    await fireEvent.click(screen.getByRole('radio', { name: 'No' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByTestId('self-check').dataset.verdict).toBe('wrong');
    await fireEvent.click(screen.getByRole('radio', { name: 'Yes' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByTestId('self-check').dataset.verdict).toBe('right');
  });
});
