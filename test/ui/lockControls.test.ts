// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { LOCKED_ATTR, isLockable, lockControls } from '../../src/ui/lockControls.ts';

/** A lesson with a curve-like cell (presets, form, Run/Cancel/Reset), a code cell and a review grid. */
function lesson(): HTMLElement {
  const root = document.createElement('article');
  root.innerHTML = `
    <section class="cell" data-cell-id="curve">
      <div class="presets"><button type="button" class="preset">Quick look</button></div>
      <form class="controls">
        <select name="dataset"><option>digits</option></select>
        <input name="seeds" type="number" value="3" />
        <input name="noise" type="range" value="0.1" />
        <div class="actions">
          <button type="submit" data-action="run">Run</button>
          <button type="button" data-action="cancel" disabled>Cancel</button>
          <button type="button" data-action="reset">Reset</button>
        </div>
      </form>
      <div class="plot"><svg></svg></div>
      <div class="save"><button type="button" data-format="svg">SVG</button></div>
      <button type="button" class="settings-toggle" aria-expanded="false">Settings</button>
    </section>
    <section class="cell" data-cell-id="code">
      <div class="editor"><textarea>return 1;</textarea></div>
      <div class="actions">
        <button type="button" data-action="run">Run</button>
        <button type="button" data-action="stop" disabled>Stop</button>
        <button type="button" data-action="reset">Reset code</button>
      </div>
    </section>
    <section class="cell" data-cell-id="review">
      <div role="grid" tabindex="-1"><button type="button" data-action="accept">Accept</button></div>
      <button type="button" data-action="retrain">Retrain</button>
      <button type="button" data-action="more">Show more</button>
    </section>
    <p class="outside"><input name="answer" /></p>`;
  document.body.append(root);
  return root;
}

const enabled = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLInputElement>('.cell :is(input, select, textarea, button)')]
    .filter((c) => !c.disabled)
    .map((c) => c.getAttribute('data-action') ?? c.getAttribute('data-format') ?? c.className ?? c.tagName);

afterEach(() => document.body.replaceChildren());

describe('lockControls(locked)(root)', () => {
  it('disables every field, preset, Reset and the code editor; Run, Cancel, Stop, retrain, show-more, save and the settings toggle stay', () => {
    const root = lesson();
    lockControls(true)(root);
    expect(enabled(root)).toEqual(['run', 'svg', 'settings-toggle', 'run', 'retrain', 'more']);
    expect(root.hasAttribute(LOCKED_ATTR)).toBe(true);
    // Outside the cells (a self-check's answer) nothing is locked.
    expect(root.querySelector<HTMLInputElement>('.outside input')!.disabled).toBe(false);
  });

  it('unlocking re-enables what it locked, never a control the cell had disabled itself', () => {
    const root = lesson();
    const stop = lockControls(true)(root);
    stop();
    expect(root.querySelector<HTMLButtonElement>('[data-action="reset"]')!.disabled).toBe(false);
    expect(root.querySelector<HTMLButtonElement>('[data-action="cancel"]')!.disabled).toBe(true);
    expect(root.querySelector<HTMLButtonElement>('[data-action="stop"]')!.disabled).toBe(true);
    expect(root.hasAttribute(LOCKED_ATTR)).toBe(false);
    expect(root.querySelectorAll('[data-locked-by-teaching]').length).toBe(0);
  });

  it('locks controls a cell draws later (a preset redrawing its form) and ones a cell enables again', async () => {
    const root = lesson();
    lockControls(true)(root);
    const form = root.querySelector('form')!;
    form.insertAdjacentHTML('afterbegin', '<input name="n0" type="number" value="200" />');
    const reset = root.querySelector<HTMLButtonElement>('[data-action="reset"]')!;
    reset.disabled = false; // the cell re-enables it (something changed)
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(root.querySelector<HTMLInputElement>('[name="n0"]')!.disabled).toBe(true);
    expect(reset.disabled).toBe(true);
  });

  it('swallows a click on a chart and the review list decision keys, but lets moving keys through', () => {
    const root = lesson();
    const seen: string[] = [];
    root.querySelector('.plot')!.addEventListener('click', () => seen.push('click'));
    const grid = root.querySelector<HTMLElement>('[role="grid"]')!;
    grid.addEventListener('keydown', (e) => seen.push(e.key));
    const stop = lockControls(true)(root);
    root.querySelector('.plot svg')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    for (const key of ['a', 'ArrowDown', 'Delete', 'End'])
      grid.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    expect(seen).toEqual(['ArrowDown', 'End']);
    stop();
    grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    expect(seen).toEqual(['ArrowDown', 'End', 'a']);
  });

  it('lockControls(false) leaves everything usable', () => {
    const root = lesson();
    lockControls(false)(root);
    expect(root.querySelectorAll('[data-locked-by-teaching]').length).toBe(0);
    expect(root.querySelector<HTMLTextAreaElement>('textarea')!.disabled).toBe(false);
  });
});

describe('isLockable(control)', () => {
  it('is false for running and showing controls, true for the rest', () => {
    const make = (html: string) => {
      const div = document.createElement('div');
      div.innerHTML = html;
      return div.firstElementChild!;
    };
    expect(isLockable(make('<button data-action="run"></button>'))).toBe(false);
    expect(isLockable(make('<button data-action="download-csv"></button>'))).toBe(false);
    expect(isLockable(make('<button aria-expanded="false"></button>'))).toBe(false);
    expect(isLockable(make('<button data-action="clean"></button>'))).toBe(true);
    expect(isLockable(make('<button class="preset"></button>'))).toBe(true);
    expect(isLockable(make('<textarea></textarea>'))).toBe(true);
  });
});
