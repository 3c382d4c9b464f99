/**
 * Keeps a lesson's cells between visits and shares them in links.
 *
 * `open()` puts back what was saved for the lesson (NotebookStore), then
 * applies the parameters of a shared link (a link wins over saved values),
 * then starts the cells. From then on every change of a cell's state is saved
 * shortly after it happens. Reset brings back the lesson's defaults.
 *
 * Bad saved records and bad link values never stop the lesson: the cell keeps
 * the lesson's parameters and a notice names the problem and what to do.
 */
import { untrack } from 'svelte';
import type { LessonState } from './lessonState.svelte.ts';
import type { NotebookStore } from './notebookStore.ts';
import {
  changedParams,
  fromRecord,
  isPersistentCell,
  isPristine,
  toRecord,
  type PersistentCell,
} from './cellPersistence.ts';
import { decodeValue, formatShareHash, parseShareHash } from './shareLink.ts';

export interface LessonSyncOptions {
  /** Where cells are kept; without one nothing is kept and the lesson says so. */
  readonly store?: NotebookStore | null;
  /** Restoring waits for this (the kept trial results going back into the cache); a rejection is ignored. */
  readonly ready?: Promise<unknown>;
  /** The absolute link of a hash on this page (default: the hash itself). */
  readonly href?: (hash: string) => string;
  /** Puts text on the clipboard. */
  readonly copyText?: (text: string) => Promise<void>;
  /** Wait after a change before saving it (ms); default 200. */
  readonly saveDelayMs?: number;
  /** The clock (ms since 1970) for saved-at times. */
  readonly now?: () => number;
}

export interface LessonNotice {
  readonly level: 'info' | 'problem';
  readonly text: string;
}

/** Whether the cells are kept: off (no store), saving, saved, or failed (the changes live on the page only). */
export type SaveStatus = 'off' | 'saving' | 'saved' | 'failed';

export class LessonSync {
  readonly state: LessonState;
  readonly #store: NotebookStore | null;
  readonly #ready: Promise<unknown>;
  readonly #href: (hash: string) => string;
  readonly #copyText: ((text: string) => Promise<void>) | null;
  readonly #delay: number;
  readonly #now: () => number;
  #notices = $state.raw<readonly LessonNotice[]>([]);
  #saveStatus = $state.raw<SaveStatus>('off');
  /** When the state on screen was saved, by cell id, for cells put back from an earlier visit. */
  #restored = $state.raw<Readonly<Record<string, number>>>({});
  #opened = $state(false);
  #closed = false;
  #pendingLink: string | null = null;
  /** Saves waiting to happen, by cell id: the timer and the save itself (plain records: nothing on screen reads them). */
  readonly #timers: Record<string, ReturnType<typeof setTimeout>> = {};
  readonly #waiting: Record<string, () => void> = {};
  #inFlight = 0;
  /** A save failed: said once, and the status stays 'failed'. */
  #saveFailed = false;
  #stopWatching: (() => void) | null = null;

  constructor(state: LessonState, options: LessonSyncOptions = {}) {
    this.state = state;
    this.#store = options.store ?? null;
    this.#ready = (options.ready ?? Promise.resolve()).catch(() => undefined);
    this.#href = options.href ?? ((hash) => hash);
    this.#copyText = options.copyText ?? null;
    this.#delay = options.saveDelayMs ?? 200;
    this.#saveStatus = this.#store ? 'saved' : 'off';
    this.#now = options.now ?? (() => Date.now());
  }

  get slug(): string {
    return this.state.lesson.slug;
  }
  /** True once saved state and any link are applied and the cells started. */
  get opened(): boolean {
    return this.#opened;
  }
  get notices(): readonly LessonNotice[] {
    return this.#notices;
  }
  get saveStatus(): SaveStatus {
    return this.#saveStatus;
  }
  /** When the cell's state on screen was saved (ms since 1970), if it came back from an earlier visit. */
  restoredAt(id: string): number | null {
    return this.#restored[id] ?? null;
  }

  /** Puts back the saved cells, applies a pending link, starts the cells and begins saving changes. */
  async open(): Promise<void> {
    let saved: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {};
    if (this.#store) {
      try {
        [saved] = await Promise.all([this.#store.loadLesson(this.slug), this.#ready]);
      } catch (error) {
        this.#notice(
          'problem',
          `Your saved work for this lesson could not be read (${messageOf(error)}); the cells start from the lesson's values.`,
        );
      }
    }
    if (this.#closed) return;
    const restored: Record<string, number> = {};
    for (const [id, cell] of this.#cells()) {
      const record = saved[id];
      if (!record) continue;
      const read = fromRecord(cell, record);
      const problems = read.ok ? cell.restoreState(read.snapshot) : [read.reason];
      if (problems.length) {
        this.#notice(
          'problem',
          `Your saved values for cell “${id}” could not be used (${problems.join('; ')}); it shows the lesson's values instead.`,
        );
      } else {
        restored[id] = typeof record.savedAt === 'number' ? record.savedAt : this.#now();
      }
    }
    this.#restored = restored;
    this.#opened = true;
    const link = this.#pendingLink;
    this.#pendingLink = null;
    if (link) this.applyLink(link);
    this.state.start();
    if (this.#store) this.#watch();
  }

  /**
   * Applies the parameters of a shared link (the query after `?` in the hash):
   * each named cell starts from the lesson's values and takes the link's. A
   * cell whose link values fail its checks keeps the lesson's values, and a
   * notice names the parameter. Before `open()` the link waits for it.
   */
  applyLink(query: string): void {
    if (!this.#opened) {
      this.#pendingLink = query;
      return;
    }
    const parsed = parseShareHash(`#/${encodeURIComponent(this.slug)}?${query}`);
    for (const problem of parsed.problems) this.#notice('problem', `The link: ${problem}`);
    const applied: string[] = [];
    const cells = Object.fromEntries(this.#cells());
    for (const [id, linkRaw] of Object.entries(parsed.params)) {
      let raw = linkRaw;
      const cell = cells[id];
      if (!cell) {
        this.#notice(
          'problem',
          `The link sets ${Object.keys(raw)
            .map((k) => `${id}.${k}`)
            .join(', ')}, but this lesson has no cell “${id}” (its cells: ${Object.keys(cells).join(', ')}); ignored.`,
        );
        continue;
      }
      if (cell.linkState && cell.applyLinkState) {
        this.#applyLinkState(id, cell, raw, applied);
        continue;
      }
      if ('labels' in raw && cell.applyLinkLabels) {
        // A partner's labels join the reader's; the reader's own labels stay (the cell is not reset for them).
        cell.applyLinkLabels(raw.labels!);
        const { labels: _labels, ...rest } = raw;
        if (Object.keys(rest).length === 0) continue;
        raw = rest;
      }
      const defaults = cell.spec.params as Record<string, unknown>;
      const refused = cell.linkKeys ? Object.keys(raw).filter((key) => !cell.linkKeys!.includes(key)) : [];
      if (refused.length) {
        this.#notice(
          'problem',
          `The link sets ${refused.map((k) => `${id}.${k}`).join(', ')}, which links cannot carry (a link never brings code to run); ignored.`,
        );
        continue;
      }
      const decoded = Object.fromEntries(
        Object.entries(raw).map(([key, text]) => [key, decodeValue(text, defaults[key])]),
      );
      cell.resetToDefaults();
      const problems = cell.restoreState({ params: { ...defaults, ...decoded } });
      if (problems.length) {
        this.#notice(
          'problem',
          `The link's value for ${problems.map((p) => `${id}.${p}`).join('; ')}. Cell “${id}” keeps the lesson's values: correct the link, or set the values in the cell.`,
        );
      } else {
        applied.push(id);
      }
    }
    if (applied.length) {
      this.#restored = Object.fromEntries(Object.entries(this.#restored).filter(([id]) => !applied.includes(id)));
      this.#notice(
        'info',
        `Opened a shared link: ${applied.map((id) => `“${id}”`).join(', ')} ${applied.length === 1 ? 'has' : 'have'} its parameters. Run to reproduce its numbers.`,
      );
    }
  }

  /** A link's values for a cell that shares values other than its parameters (a code cell's controls). */
  #applyLinkState(id: string, cell: PersistentCell, raw: Readonly<Record<string, string>>, applied: string[]): void {
    const { defaults } = cell.linkState!;
    if ('code' in raw) {
      this.#notice(
        'problem',
        `The link sets ${id}.code, which links cannot carry (a link never brings code to run); ignored.`,
      );
    }
    const decoded = Object.fromEntries(
      Object.entries(raw)
        .filter(([key]) => key !== 'code')
        .map(([key, text]) => [key, decodeValue(text, defaults[key])]),
    );
    if (Object.keys(decoded).length === 0) return;
    const problems = cell.applyLinkState!(decoded);
    if (problems.length) {
      this.#notice(
        'problem',
        `The link's values for cell “${id}”: ${problems.join('; ')}. Those keep the lesson's values${
          problems.length < Object.keys(decoded).length ? ' (the others were applied)' : ''
        }: correct the link, or set the values in the cell.`,
      );
    }
    if (problems.length < Object.keys(decoded).length) applied.push(id);
  }

  /** The hash of a link to the lesson with the changed parameters of every cell, or of one cell (with its seed). */
  linkHash(cellId?: string): string {
    const cells: Record<string, Record<string, unknown>> = {};
    for (const [id, cell] of this.#cells()) {
      if (cellId !== undefined && id !== cellId) continue;
      const shared = cell.linkState;
      const params = shared ? shared.params : onlyKeys(cell.params as Record<string, unknown>, cell.linkKeys);
      const defaults = shared ? shared.defaults : (cell.spec.params as Record<string, unknown>);
      const changed = changedParams(params, defaults);
      if (cellId === undefined && Object.keys(changed).length === 0) continue;
      cells[id] = changedParams(params, defaults, 'seed' in params ? ['seed'] : []);
    }
    return formatShareHash(this.slug, cells);
  }

  /** The full link (with the page's address) for the lesson or one cell. */
  link(cellId?: string): string {
    return this.#href(this.linkHash(cellId));
  }

  /** Copies a link to the clipboard; resolves to null, or to why it could not (the page shows the link to copy by hand). */
  async copy(text: string): Promise<string | null> {
    if (!this.#copyText) return 'this page has no clipboard';
    try {
      await this.#copyText(text);
      return null;
    } catch (error) {
      return messageOf(error);
    }
  }

  /** One cell back to the lesson's values. */
  resetCell(id: string): void {
    const cell = Object.fromEntries(this.#cells())[id];
    if (!cell) return;
    cell.resetToDefaults();
    const { [id]: _, ...rest } = this.#restored;
    this.#restored = rest;
  }

  /** Every cell back to the lesson's values, and nothing of the lesson kept. */
  resetLesson(): void {
    for (const [, cell] of this.#cells()) cell.resetToDefaults();
    this.#restored = {};
    this.#notices = [];
    if (this.#store) this.#track(this.#store.forgetLesson(this.slug));
  }

  dismissNotices(): void {
    this.#notices = [];
  }

  /** Saves what is waiting now; resolves when every write so far has settled. */
  async flush(): Promise<void> {
    for (const id of Object.keys(this.#timers)) {
      clearTimeout(this.#timers[id]);
      this.#waiting[id]?.();
    }
    while (this.#inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** Stops saving (leaving the lesson); what is waiting is saved now. */
  close(): void {
    this.#closed = true;
    void this.flush();
    this.#stopWatching?.();
    this.#stopWatching = null;
  }

  *#cells(): Generator<[string, PersistentCell]> {
    for (const [id, cell] of Object.entries(this.state.cells)) if (isPersistentCell(cell)) yield [id, cell];
  }

  #watch(): void {
    this.#stopWatching = $effect.root(() => {
      for (const [id, cell] of this.#cells()) {
        $effect(() => {
          const snapshot = cell.saveState();
          untrack(() => this.#schedule(id, () => this.#write(id, cell, snapshot)));
        });
      }
    });
  }

  #schedule(id: string, write: () => void): void {
    clearTimeout(this.#timers[id]);
    if (!this.#saveFailed) this.#saveStatus = 'saving';
    const run = () => {
      delete this.#timers[id];
      delete this.#waiting[id];
      write();
    };
    this.#waiting[id] = run;
    this.#timers[id] = setTimeout(run, this.#delay);
  }

  #write(id: string, cell: PersistentCell, snapshot: ReturnType<PersistentCell['saveState']>): void {
    const store = this.#store;
    if (!store) return;
    this.#track(
      isPristine(cell, snapshot)
        ? store.forgetCell(this.slug, id)
        : store.saveCell(this.slug, id, toRecord(cell, snapshot, this.#now())),
    );
  }

  #track(write: Promise<void>): void {
    this.#inFlight++;
    if (!this.#saveFailed) this.#saveStatus = 'saving';
    write.then(
      () => {
        this.#inFlight--;
        if (this.#inFlight === 0 && Object.keys(this.#timers).length === 0 && !this.#saveFailed) {
          this.#saveStatus = 'saved';
        }
      },
      (error: unknown) => {
        this.#inFlight--;
        if (!this.#saveFailed) {
          this.#saveFailed = true;
          this.#notice(
            'problem',
            `Your changes could not be saved in this browser (${messageOf(error)}). They stay on this page until you leave it; copy a link to keep them.`,
          );
        }
        this.#saveStatus = 'failed';
      },
    );
  }

  #notice(level: LessonNotice['level'], text: string): void {
    this.#notices = [...this.#notices, { level, text }];
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `params` limited to `keys` (all of them without `keys`). */
function onlyKeys(params: Record<string, unknown>, keys: readonly string[] | undefined): Record<string, unknown> {
  return keys ? Object.fromEntries(Object.entries(params).filter(([key]) => keys.includes(key))) : params;
}
