/**
 * Fields of parameters that come from another cell (`from:` links) are
 * read-only while linked: an attachment on a cell that disables the inputs
 * and selects in its `.controls` named after a linked parameter (`noise`,
 * and its parts such as `noise-kind`). Cells redraw their fields (a preset, a
 * reset), so a MutationObserver catches the new ones. Only fields this
 * disabled are enabled again.
 */
const MARK = 'data-linked';

function fieldsOf(root: HTMLElement, params: readonly string[]): HTMLInputElement[] {
  return [...root.querySelectorAll<HTMLInputElement>('.controls :is(input, select, textarea)')].filter((field) =>
    params.some((param) => field.name === param || field.name.startsWith(`${param}-`)),
  );
}

function lock(root: HTMLElement, params: readonly string[], title: string): void {
  for (const field of fieldsOf(root, params)) {
    if (field.disabled) continue;
    field.disabled = true;
    field.title = title;
    field.setAttribute(MARK, '');
  }
}

/** Locks the fields of `params` (none: nothing to do); `title` says where their values come from. */
export function linkedFields(params: readonly string[], title: string): (root: HTMLElement) => () => void {
  return (root) => {
    if (params.length === 0) return () => {};
    lock(root, params, title);
    const observer = new MutationObserver(() => lock(root, params, title));
    observer.observe(root, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      for (const field of root.querySelectorAll<HTMLInputElement>(`[${MARK}]`)) {
        field.disabled = false;
        field.title = '';
        field.removeAttribute(MARK);
      }
    };
  };
}
