/** The presentation view's position: section `index` of `count`, and its keys (see teachingFlags.ts). */

export class Presentation {
  #index = $state(0);
  #count = $state(0);

  constructor(count: number, index = 0) {
    this.setCount(count);
    this.go(index);
  }

  get index(): number {
    return this.#index;
  }

  get count(): number {
    return this.#count;
  }

  get atStart(): boolean {
    return this.#index === 0;
  }

  get atEnd(): boolean {
    return this.#index >= this.#count - 1;
  }

  setCount(count: number): void {
    if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`count must be a whole number, got ${count}`);
    this.#count = count;
    this.go(this.#index);
  }

  /** Shows section `index` (clamped to the sections there are). */
  go(index: number): void {
    this.#index = Math.max(0, Math.min(this.#count - 1, Math.trunc(index)));
  }

  next(): void {
    this.go(this.#index + 1);
  }

  previous(): void {
    this.go(this.#index - 1);
  }

  /**
   * The presentation's keys: → / PageDown / Space next, ← / PageUp previous,
   * Home first, End last. Returns true when the key was used. Keys typed into
   * a field, a select or a button belong to that control.
   */
  handleKey(event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'target'>): boolean {
    if (event.altKey || event.ctrlKey || event.metaKey) return false;
    const target = event.target as { tagName?: string; isContentEditable?: boolean } | null;
    const tag = target?.tagName?.toLowerCase();
    if (target?.isContentEditable || tag === 'input' || tag === 'textarea' || tag === 'select') return false;
    if (tag === 'button' && (event.key === ' ' || event.key === 'Enter')) return false;
    switch (event.key) {
      case 'ArrowRight':
      case 'PageDown':
        this.next();
        return true;
      case ' ':
        if (event.shiftKey) this.previous();
        else this.next();
        return true;
      case 'ArrowLeft':
      case 'PageUp':
        this.previous();
        return true;
      case 'Home':
        this.go(0);
        return true;
      case 'End':
        this.go(this.#count - 1);
        return true;
      default:
        return false;
    }
  }
}
