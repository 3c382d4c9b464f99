/**
 * The keys of a label cell: a number key per class, and — for classes named
 * by words — a letter, the first letter of the name where it is free.
 *
 * Number keys: class names that are single digits ("0"…"9") keep their own
 * digit; otherwise class c gets key c + 1, the tenth 0 (as on a keyboard's
 * top row). Letters go in two passes: first every class tries the first
 * letter of its name, the confusable classes before the others (so a clash
 * such as Shirt / Sandal / Sneaker goes to Shirt); then each class still
 * without one takes the next letter of its name that is free. Backspace (or
 * Ctrl/⌘+Z) undoes, Space skips.
 */

export interface ClassKey {
  readonly class: number;
  /** The number key, "1"…"9", "0"; null past the tenth class. */
  readonly digit: string | null;
  /** Lower-case letter; null when the name has no free letter (or is a digit). */
  readonly letter: string | null;
  /** Where the letter sits in the class name (to underline it); −1 when none. */
  readonly at: number;
}

export type KeyAction =
  { readonly kind: 'label'; readonly class: number } | { readonly kind: 'undo' } | { readonly kind: 'skip' };

/** Keys for each class, indexed by class. */
export function classKeys(classNames: readonly string[], confusable: readonly number[] = []): ClassKey[] {
  const digitNames = classNames.every((name) => /^\d$/.test(name));
  const digit = (c: number) => (digitNames ? classNames[c]! : c < 9 ? String(c + 1) : c === 9 ? '0' : null);
  const letters: (string | null)[] = classNames.map(() => null);
  const at: number[] = classNames.map(() => -1);
  if (!digitNames) {
    const used = new Set<string>();
    const order = [
      ...confusable.filter((c) => c >= 0 && c < classNames.length),
      ...classNames.map((_, c) => c).filter((c) => !confusable.includes(c)),
    ];
    const isLetter = (ch: string) => /^[a-z]$/.test(ch);
    for (const c of order) {
      const name = classNames[c]!.toLowerCase();
      const i = [...name].findIndex(isLetter);
      if (i >= 0 && !used.has(name[i]!)) {
        used.add(name[i]!);
        letters[c] = name[i]!;
        at[c] = i;
      }
    }
    for (const c of order) {
      if (letters[c] !== null) continue;
      const name = classNames[c]!.toLowerCase();
      const i = [...name].findIndex((ch) => isLetter(ch) && !used.has(ch));
      if (i >= 0) {
        used.add(name[i]!);
        letters[c] = name[i]!;
        at[c] = i;
      }
    }
  }
  return classNames.map((_, c) => ({ class: c, digit: digit(c), letter: letters[c]!, at: at[c]! }));
}

/** What a key press does; null for a key that means nothing here (it is left alone). */
export function keyAction(
  event: { readonly key: string; readonly ctrlKey?: boolean; readonly metaKey?: boolean; readonly altKey?: boolean },
  keys: readonly ClassKey[],
): KeyAction | null {
  const { key } = event;
  if ((event.ctrlKey || event.metaKey) && key.toLowerCase() === 'z') return { kind: 'undo' };
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (key === 'Backspace') return { kind: 'undo' };
  if (key === ' ' || key === 'Spacebar') return { kind: 'skip' };
  const lower = key.toLowerCase();
  const match = keys.find((k) => k.digit === key || (k.letter !== null && k.letter === lower));
  return match ? { kind: 'label', class: match.class } : null;
}
