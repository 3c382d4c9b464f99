/**
 * Teaching mode's "parameters locked": an attachment on a lesson that disables
 * everything in its cells that changes what a cell computes — every field, the
 * presets, Reset, the code editor, a label fix (the playground's buttons and
 * clicks on its chart, the review list's keys, revising instructions) — while
 * running stays possible: Run, Cancel/Stop, train and retrain, and what only
 * shows or saves (a disclosure, "show more", copy link, downloads).
 *
 * Cells redraw their controls (a preset, a reset), so a MutationObserver locks
 * the new ones too. Unlocking re-enables only what this locked, never a control
 * a cell disabled itself. The root carries `data-controls-locked` while locked,
 * for the styles that grey the locked controls.
 */
const CONTROLS = '.cell :is(input, select, textarea, button)';
/** What stays usable when locked: running, stopping, and what only shows, copies or saves. */
export const KEEP_UNLOCKED = [
  '[data-action="run"]',
  '[data-action="run-linked"]',
  '[data-action="cancel"]',
  '[data-action="stop"]',
  '[data-action="stop-slow"]',
  '[data-action="train"]',
  '[data-action="retrain"]',
  // An instructor gathers a class's label files, and trains on them, while the lesson is locked.
  '[data-action="add-label-files"]',
  '[data-action="train-class"]',
  '[data-action="cancel-class"]',
  '[data-action="budget"]',
  '[data-action="retry"]',
  '[data-action="more"]',
  '[data-action="copy-link"]',
  '[data-action="copy-labels-link"]',
  '[data-action^="download"]',
  '[data-format]',
  '[aria-expanded]',
  '.settings-toggle',
].join(', ');
const MARK = 'data-locked-by-teaching';
export const LOCKED_ATTR = 'data-controls-locked';
/** Keys that only move around a list (the review list); every other key there decides a label. */
const MOVING_KEYS = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Tab',
]);

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement;

/** Whether a control is one that locking disables. */
export function isLockable(control: Element): boolean {
  return !control.matches(KEEP_UNLOCKED);
}

function lockAll(root: HTMLElement): void {
  for (const control of root.querySelectorAll<Control>(CONTROLS)) {
    if (!isLockable(control)) continue;
    // A cell that enables a control it had disabled (Reset once something changed) gets it locked again.
    if (control.hasAttribute(MARK)) {
      if (!control.disabled) control.disabled = true;
      continue;
    }
    if (control.disabled) continue;
    control.disabled = true;
    control.setAttribute(MARK, '');
  }
}

function unlockAll(root: HTMLElement): void {
  for (const control of root.querySelectorAll<Control>(`[${MARK}]`)) {
    control.disabled = false;
    control.removeAttribute(MARK);
  }
}

/** A click on a chart (the playground relabels a point) changes the data: swallowed while locked. */
function blockChartClick(event: Event): void {
  const target = event.target as Element | null;
  if (target?.closest?.('.cell .plot')) {
    event.stopPropagation();
    event.preventDefault();
  }
}

/** The review list's decision keys (accept, keep, relabel…) are swallowed while locked; moving keys pass. */
function blockDecisionKey(event: KeyboardEvent): void {
  const target = event.target as Element | null;
  if (!target?.closest?.('.cell [role="grid"]') || MOVING_KEYS.has(event.key)) return;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  event.stopPropagation();
  event.preventDefault();
}

export function lockControls(locked: boolean): (root: HTMLElement) => () => void {
  return (root) => {
    if (!locked) {
      unlockAll(root);
      root.removeAttribute(LOCKED_ATTR);
      return () => {};
    }
    root.setAttribute(LOCKED_ATTR, '');
    lockAll(root);
    const observer = new MutationObserver(() => lockAll(root));
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
    root.addEventListener('click', blockChartClick, true);
    root.addEventListener('keydown', blockDecisionKey, true);
    return () => {
      observer.disconnect();
      root.removeEventListener('click', blockChartClick, true);
      root.removeEventListener('keydown', blockDecisionKey, true);
      unlockAll(root);
      root.removeAttribute(LOCKED_ATTR);
    };
  };
}
