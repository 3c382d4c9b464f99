/**
 * Reactive cells at run time: values flow along the lesson's `from:` links
 * (notebook/cellLinks.ts), in the order of the cell graph (cellGraph.ts).
 *
 * - A source is settled when its status is `done` (or `idle` without a
 *   cancel), nothing it takes from is waiting, and the linked outputs have
 *   values. Until then its dependents are *waiting for* it, and show as
 *   stale (the status reducer's `invalidate`), transitively.
 * - When a settled source's output differs from the dependent's parameter,
 *   the dependent gets it through its own setParams, which marks results out
 *   of date. A cheap cell re-runs by itself (a playground refits on every
 *   change); a long one (curve, review, labelers, worth) shows "out of date"
 *   with a Run again button, unless it was running: then it restarts with the
 *   new value, cancelling the superseded run (latest request wins).
 * - A value the dependent's checks refuse is kept out and named as a problem.
 */
import { untrack } from 'svelte';
import { cellStatusReducer, isBusy, type CellStatus } from '../notebook/cellStatus.ts';
import { topologicalOrder } from '../notebook/cellGraph.ts';
import { cellSources, linkValueOf } from '../notebook/cellLinks.ts';
import type { CellLink, CellSpec } from '../notebook/types.ts';

/** What the runtime needs of a cell (every cell state has it). */
export interface ReactiveCell {
  readonly spec: CellSpec;
  readonly params: object;
  readonly status: CellStatus;
  readonly outputs: Readonly<Record<string, number | string | null>>;
  /** Returns the problems (playground) or lists them in `problems` (the others); a code cell has none (it takes no links). */
  setParams?(patch: Readonly<Record<string, unknown>>): unknown;
  readonly problems?: readonly string[];
}

/** One linked parameter as the cell shows it. */
export interface LinkedInput extends CellLink {
  /** The source's value, once it is settled; null while waiting. */
  readonly value: number | string | null;
  /** Why the value could not be used (the cell's own check), or null. */
  readonly problem: string | null;
}

/** What a cell shows about its links. */
export interface CellLinksView {
  readonly inputs: readonly LinkedInput[];
  /** A source (direct) that has no settled value yet, or null. */
  readonly waitingFor: string | null;
}

/** For each cell, the direct source it waits for (null or absent: none). */
type Waiting = Readonly<Record<string, string | null>>;

export class ReactiveCells {
  readonly #cells: Readonly<Record<string, ReactiveCell>>;
  /** Cell ids, dependencies first. */
  readonly order: readonly string[];
  /** Why a linked value was refused, by cell id and parameter. */
  #problems = $state.raw<Readonly<Record<string, Readonly<Record<string, string>>>>>({});

  /** For each linked cell, the direct source it waits for (null: none). */
  readonly #waiting: Waiting = $derived.by(() => {
    const waiting: Record<string, string | null> = {};
    for (const id of this.order) {
      const links = this.#cells[id]!.spec.links ?? [];
      const unsettled = links.find((link) => !this.#settled(link, waiting));
      waiting[id] = unsettled?.cell ?? null;
    }
    return waiting;
  });

  constructor(cells: Readonly<Record<string, ReactiveCell>>) {
    this.#cells = cells;
    const specs = Object.values(cells).map((cell) => cell.spec);
    // parseLesson refuses cycles, so this cannot throw for a lesson that parsed.
    this.order = topologicalOrder(
      specs.map((spec) => spec.id),
      cellSources(specs),
    );
  }

  /** The cell's links and what they wait for; null for a cell without links. */
  view(id: string): CellLinksView | null {
    const links = this.#cells[id]?.spec.links;
    if (!links?.length) return null;
    const waiting = this.#waiting;
    return {
      inputs: links.map((link) => ({
        ...link,
        value: this.#settled(link, waiting) ? this.#valueOf(link) : null,
        problem: this.#problems[id]?.[link.param] ?? null,
      })),
      waitingFor: waiting[id] ?? null,
    };
  }

  /** The status to show: a cell waiting for a source is out of date (the reducer's `invalidate`). */
  status(id: string, status: CellStatus): CellStatus {
    return this.#waiting[id] ? cellStatusReducer(status, { type: 'invalidate' }) : status;
  }

  /** The parameters of the cell that come from other cells (their fields are read-only). */
  linkedParams(id: string): readonly string[] {
    return (this.#cells[id]?.spec.links ?? []).map((link) => link.param);
  }

  /** Runs the cell again (the "Run again" of a stale linked cell). */
  run(id: string): void {
    const cell = this.#cells[id];
    if (cell) runAgain(cell);
  }

  /**
   * Starts the flow: every link passes its source's settled value on, now
   * and whenever it changes (or the dependent's parameter moves away from
   * it, as after a reset). Returns the stop function.
   */
  start(): () => void {
    return $effect.root(() => {
      for (const id of this.order) {
        const cell = this.#cells[id]!;
        for (const link of cell.spec.links ?? []) {
          const wanted = $derived(this.#settled(link, this.#waiting) ? this.#valueOf(link) : null);
          const current = $derived(linkValueOf((cell.params as Record<string, unknown>)[link.param]));
          $effect(() => {
            const value = wanted;
            if (value === null || value === current) return;
            untrack(() => this.#apply(id, cell, link, value));
          });
        }
      }
    });
  }

  #apply(id: string, cell: ReactiveCell, link: CellLink, value: number | string): void {
    const wasBusy = isBusy(cell.status);
    const returned = cell.setParams?.({ [link.param]: value });
    const taken = linkValueOf((cell.params as Record<string, unknown>)[link.param]) === value;
    const problems = Array.isArray(returned) ? (returned as string[]) : (cell.problems ?? []);
    const problem = taken
      ? null
      : (problems.find((p) => p.startsWith(`${link.param}:`)) ?? problems[0] ?? 'the cell refused it');
    const { [link.param]: _, ...others } = this.#problems[id] ?? {};
    this.#problems = {
      ...this.#problems,
      [id]: problem
        ? { ...others, [link.param]: `${link.cell}.${link.output} = ${String(value)} cannot be used: ${problem}` }
        : others,
    };
    // A run started with the old value answers nothing any more: restart it with the new one.
    if (taken && wasBusy && cell.spec.type !== 'playground') runAgain(cell);
  }

  #valueOf(link: CellLink): number | string | null {
    return this.#cells[link.cell]?.outputs[link.output] ?? null;
  }

  #settled(link: CellLink, waiting: Waiting): boolean {
    const source = this.#cells[link.cell];
    if (!source || waiting[link.cell]) return false;
    const { status } = source;
    const current = status.kind === 'done' || (status.kind === 'idle' && status.note === null);
    return current && this.#valueOf(link) !== null;
  }
}

/** Starts the cell's long run (curve, review, worth: run; labelers: train); a playground refits. */
function runAgain(cell: ReactiveCell): void {
  const c = cell as unknown as Partial<Record<'run' | 'train' | 'fit', () => Promise<void>>>;
  const start = c.run ?? c.train ?? c.fit;
  void start?.call(cell);
}
