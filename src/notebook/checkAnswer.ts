/**
 * Checks a reader's answer to a self-check question against their own run:
 * the cells' live outputs (null until the cell has run). Pure: the page
 * passes the outputs and how it shows a value (ui/format.ts formatOutput),
 * so a typed answer is read in the units the reader sees (93.5 for 93.5%).
 */
import type { CheckCondition, CheckOperand, CheckRef, CheckSpec } from './checkSpec.ts';
import { checkRefs } from './checkSpec.ts';

export type Outputs = Readonly<Record<string, Readonly<Record<string, number | string | null>>>>;

/** How the page shows output `key`'s value, e.g. "93.5%" or "3.2". */
export type ShowValue = (key: string, value: number | string) => string;

export type CheckVerdict =
  /** A cell it reads has not run yet: `cells` are the ones to run first. */
  | { readonly kind: 'pending'; readonly cells: readonly string[] }
  /** The run has no answer to this question (a value that does not apply, no single choice holds). */
  | { readonly kind: 'unavailable'; readonly reason: string }
  /** The reader has not answered, or the answer is not one the question takes. */
  | { readonly kind: 'unanswered'; readonly reason: string | null; readonly expected: string }
  | { readonly kind: 'right'; readonly expected: string }
  | { readonly kind: 'wrong'; readonly expected: string };

const valueOf = (outputs: Outputs, ref: CheckRef) => outputs[ref.cell]?.[ref.key] ?? null;

/** The cells a check still waits for (in order, once each): those with a value still unknown that have not run. */
export function pendingCells(spec: CheckSpec, outputs: Outputs, ran: ReadonlySet<string> = new Set()): string[] {
  const cells = checkRefs(spec)
    .filter((ref) => valueOf(outputs, ref) === null && !ran.has(ref.cell))
    .map((ref) => ref.cell);
  return [...new Set(cells)];
}

/** A number as the reader may type it: "93.5", "93.5 %", "1,257", "3.2×"; NaN when it is none. */
export function readNumber(text: string): number {
  const cleaned = text
    .trim()
    .replace(/[%×x]$/i, '')
    .replace(/(?<=\d),(?=\d{3}\b)/g, '')
    .trim();
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned) ? Number(cleaned) : NaN;
}

/** `value` in the units `shown` uses (a percentage as percent) and one unit of its last digit. */
function shownScale(value: number, shown: string): { value: number; unit: number } {
  const percent = shown.trim().endsWith('%');
  const digits = /\.(\d+)/.exec(shown.replace(/,/g, ''))?.[1]?.length ?? 0;
  return { value: percent ? value * 100 : value, unit: 10 ** -digits };
}

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function holds(condition: CheckCondition, outputs: Outputs): boolean | null {
  const side = (operand: CheckOperand): number | null => {
    if ('number' in operand) return operand.number;
    const value = valueOf(outputs, operand.ref);
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  };
  const left = side(condition.left);
  const right = side(condition.right);
  if (left === null || right === null) return null;
  switch (condition.op) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '=':
      return left === right;
    case '!=':
      return left !== right;
  }
}

/**
 * The verdict on `answer` (the typed text, or the picked choice's text; null
 * before the reader answers) given the run's `outputs`. `expected` is the
 * right answer as the page shows it. `ran` names the cells that have run: a
 * value still unknown after its cell ran (an exchange rate beyond the
 * measured sizes) makes the question unavailable rather than pending.
 */
export function checkAnswer(
  spec: CheckSpec,
  outputs: Outputs,
  answer: string | null,
  show: ShowValue,
  ran: ReadonlySet<string> = new Set(),
): CheckVerdict {
  const cells = pendingCells(spec, outputs, ran);
  if (cells.length) return { kind: 'pending', cells };
  const missing = checkRefs(spec).find((ref) => valueOf(outputs, ref) === null);
  if (missing) return { kind: 'unavailable', reason: `${missing.cell}.${missing.key} has no value for your run` };
  const verdict = (right: boolean, expected: string): CheckVerdict =>
    answer === null || !answer.trim()
      ? { kind: 'unanswered', reason: null, expected }
      : { kind: right ? 'right' : 'wrong', expected };
  if (spec.kind === 'when') {
    const results = spec.choices.map((choice) => holds(choice.when, outputs));
    if (results.some((r) => r === null)) {
      return { kind: 'unavailable', reason: 'a value this question compares does not apply to your run' };
    }
    const right = spec.choices.filter((_, i) => results[i]);
    if (right.length !== 1) {
      return {
        kind: 'unavailable',
        reason: right.length ? 'more than one answer holds for your run' : 'no answer holds for your run',
      };
    }
    return verdict(answer !== null && sameText(answer, right[0]!.text), right[0]!.text);
  }
  const value = valueOf(outputs, spec.answer)!; // not null: checked above
  const expected = show(spec.answer.key, value);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { kind: 'unavailable', reason: `${spec.answer.cell}.${spec.answer.key} does not apply to your run` };
  }
  if (spec.kind === 'pick') {
    const right = spec.choices.find((choice) => sameText(choice, String(value)));
    if (!right) return { kind: 'unavailable', reason: `your run gave “${expected}”, which is none of the choices` };
    return verdict(answer !== null && sameText(answer, right), right);
  }
  if (typeof value === 'string') return verdict(answer !== null && sameText(answer, value), expected);
  if (answer === null || !answer.trim()) return { kind: 'unanswered', reason: null, expected };
  const typed = readNumber(answer);
  if (Number.isNaN(typed)) return { kind: 'unanswered', reason: `“${answer.trim()}” is not a number`, expected };
  const scaled = shownScale(value, expected);
  const tolerance = spec.tolerance ?? scaled.unit;
  // A hair of slack so that a tolerance of 0.1 accepts 3.3 for 3.2 despite binary fractions.
  return verdict(Math.abs(typed - scaled.value) <= tolerance + 1e-9 * Math.max(1, Math.abs(scaled.value)), expected);
}
