/**
 * Teaching mode's "parameters locked": an attachment on a lesson that
 * disables every parameter field of its cells — the inputs, selects and
 * text areas in a cell's `.controls`, outside its `.actions` — while Run,
 * Cancel and the presets stay usable. Cells redraw their fields (a preset, a
 * reset), so a MutationObserver locks the new ones too. Unlocking re-enables
 * only the fields this locked, never one a cell disabled itself.
 */
const FIELDS = '.cell .controls :is(input, select, textarea)';
const MARK = 'data-locked-by-teaching';

function lockAll(root: HTMLElement): void {
  for (const field of root.querySelectorAll<HTMLInputElement>(FIELDS)) {
    if (field.closest('.actions') || field.disabled) continue;
    field.disabled = true;
    field.setAttribute(MARK, '');
  }
}

function unlockAll(root: HTMLElement): void {
  for (const field of root.querySelectorAll<HTMLInputElement>(`[${MARK}]`)) {
    field.disabled = false;
    field.removeAttribute(MARK);
  }
}

export function lockControls(locked: boolean): (root: HTMLElement) => () => void {
  return (root) => {
    if (!locked) {
      unlockAll(root);
      return () => {};
    }
    lockAll(root);
    const observer = new MutationObserver(() => lockAll(root));
    observer.observe(root, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      unlockAll(root);
    };
  };
}
