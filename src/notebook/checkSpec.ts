/**
 * A self-check question (a ```check block): its answer comes from the
 * reader's own run, through the cells' live outputs ({{cell.key}}). See
 * checkBlock.ts for the file format and checkAnswer.ts for the checking.
 */

/** A live value: output `key` of cell `cell`. */
export interface CheckRef {
  readonly cell: string;
  readonly key: string;
}

/** One side of a comparison: a live value or a number written in the lesson (a threshold, `2` or `90%`). */
export type CheckOperand = { readonly ref: CheckRef } | { readonly number: number };

export type CheckOperator = '<' | '<=' | '>' | '>=' | '=' | '!=';

/** `left op right`, e.g. `{{curve.factor}} > 2`. */
export interface CheckCondition {
  readonly left: CheckOperand;
  readonly op: CheckOperator;
  readonly right: CheckOperand;
}

export type CheckSpec =
  /** The reader types the value; a number is right within `tolerance` (in the units the page shows), text when equal. */
  | {
      readonly kind: 'value';
      readonly line: number;
      readonly question: string;
      readonly answer: CheckRef;
      /** Null: within one unit of the last digit the page shows. */
      readonly tolerance: number | null;
    }
  /** The reader picks the choice equal to the live text value. */
  | {
      readonly kind: 'pick';
      readonly line: number;
      readonly question: string;
      readonly answer: CheckRef;
      readonly choices: readonly string[];
    }
  /** The reader picks the choice whose condition holds for their run. */
  | {
      readonly kind: 'when';
      readonly line: number;
      readonly question: string;
      readonly choices: readonly { readonly text: string; readonly when: CheckCondition }[];
    };

/** Every live value a check reads. */
export function checkRefs(spec: CheckSpec): CheckRef[] {
  if (spec.kind !== 'when') return [spec.answer];
  const refs: CheckRef[] = [];
  for (const { when } of spec.choices) {
    for (const side of [when.left, when.right]) if ('ref' in side) refs.push(side.ref);
  }
  return refs;
}
