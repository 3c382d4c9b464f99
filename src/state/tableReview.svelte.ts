/**
 * The user's review of the suspected labels in their own table: a decision
 * per spreadsheet row (relabel, keep, remove), with undo. The rows come from
 * the latest Worth report; the decisions outlive it (a new analysis of the
 * same table keeps them) and go into the next analysis and the cleaned CSV.
 */
import { withDecision } from '../engine/confident/reviewDecisions.ts';
import {
  NO_EDITS,
  effectiveEdit,
  tallyLabelEdits,
  type LabelEdit,
  type LabelEditTally,
  type LabelEdits,
} from '../engine/table/labelEdits.ts';

export type { LabelEdit, LabelEdits, LabelEditTally };

interface Step {
  readonly row: number;
  readonly previous: LabelEdit | null;
}

export interface TableReviewOptions {
  /** Runs after every decision, undo and reset (to save them). */
  readonly onChange?: () => void;
  /**
   * The label each spreadsheet row has in the table (trimmed). A relabel to
   * a row's own label is recorded and counted as a keep; without it every
   * relabel counts.
   */
  readonly given?: () => ReadonlyMap<number, string> | undefined;
}

export class TableReview {
  #edits = $state.raw<LabelEdits>(NO_EDITS);
  #history = $state.raw<readonly Step[]>([]);
  readonly #onChange: () => void;
  readonly #given: () => ReadonlyMap<number, string> | undefined;

  constructor(options: TableReviewOptions = {}) {
    this.#onChange = options.onChange ?? (() => {});
    this.#given = options.given ?? (() => undefined);
  }

  /** Decisions by spreadsheet row, as recorded (see `tally` for what they change). */
  get edits(): LabelEdits {
    return this.#edits;
  }

  /** The decisions counted as the cleaned table sees them: a relabel to the row's own label is kept. */
  get tally(): LabelEditTally {
    return tallyLabelEdits(this.#edits, this.#given());
  }

  get canUndo(): boolean {
    return this.#history.length > 0;
  }

  /**
   * Records `edit` for spreadsheet row `row` (null takes the decision back);
   * a relabel to the row's own label is recorded as a keep.
   */
  decide(row: number, decision: LabelEdit | null): void {
    if (!Number.isInteger(row)) throw new RangeError(`row must be an integer, got ${row}`);
    const edit = decision && effectiveEdit(decision, this.#given()?.get(row));
    const previous = this.#edits.get(row) ?? null;
    if (sameEdit(previous, edit)) return;
    this.#edits = withDecision(this.#edits, row, edit);
    this.#history = [...this.#history, { row, previous }];
    this.#onChange();
  }

  /** Takes back the latest decision; returns its row, or null when there is nothing to undo. */
  undo(): number | null {
    const last = this.#history.at(-1);
    if (!last) return null;
    this.#edits = withDecision(this.#edits, last.row, last.previous);
    this.#history = this.#history.slice(0, -1);
    this.#onChange();
    return last.row;
  }

  /** Replaces every decision (restoring saved ones); the undo history starts afresh. */
  restore(edits: LabelEdits): void {
    this.#edits = edits;
    this.#history = [];
  }

  /** Forgets every decision (a new table). */
  reset(): void {
    if (this.#edits.size === 0 && this.#history.length === 0) return;
    this.#edits = NO_EDITS;
    this.#history = [];
    this.#onChange();
  }
}

function sameEdit(a: LabelEdit | null, b: LabelEdit | null): boolean {
  if (a === null || b === null) return a === b;
  return a.kind === b.kind && (a.kind !== 'relabel' || (b.kind === 'relabel' && a.label === b.label));
}
