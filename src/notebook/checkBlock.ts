/**
 * Reads a self-check question: a fenced ```check block whose body is YAML.
 *
 *   ```check                                  the reader types a value
 *   question: How many times more noisy data was cleaning worth in your run?
 *   answer: "{{tripled.factor}}"              a live value, in quotes
 *   tolerance: 0.2                            optional, in the units the page shows
 *   ```
 *
 *   ```check                                  the reader picks the live text
 *   question: Which class did your labelers agree on least?
 *   answer: "{{labelers.worstClass}}"
 *   choices: [Shirt, Pullover, Coat, T-shirt/top]
 *   ```
 *
 *   ```check                                  the reader picks what holds for their run
 *   question: Was cleaning worth more or less than doubling the data?
 *   choices:
 *     - text: More than doubling it
 *       when: "{{curve.factor}} > 2"
 *     - text: Doubling it or less
 *       when: "{{curve.factor}} <= 2"
 *   ```
 *
 * Whether the live values name real cells and outputs is checked by the
 * caller (parseLesson), which knows the lesson's cells: `refs` lists them
 * with their lines.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { CheckCondition, CheckOperand, CheckOperator, CheckRef, CheckSpec } from './checkSpec.ts';

const REF = /^\{\{\s*([A-Za-z][\w-]*)\.([A-Za-z]\w*)\s*\}\}$/;
const NUMBER = /^(-?\d+(?:\.\d+)?)(%?)$/;
const CONDITION = /^\s*(\{\{[^}]*\}\}|-?[\d.]+%?)\s*(<=|>=|!=|<|>|=)\s*(\{\{[^}]*\}\}|-?[\d.]+%?)\s*$/;
const KEYS = ['question', 'answer', 'tolerance', 'choices'];

export interface ReadCheck {
  readonly spec: CheckSpec;
  /** The live values it reads, each with the file line naming it. */
  readonly refs: readonly (CheckRef & { readonly line: number })[];
}

/**
 * The check whose body (the lines between the fences) starts after line
 * `line` (the opening fence, 1-based); `fail` throws with a file line.
 */
export function readCheck(body: string, line: number, fail: (line: number, reason: string) => never): ReadCheck {
  const lines = body.split('\n');
  /** File line of the body's first `key:` line (of the body's first line when absent). */
  const keyLine = (key: string) =>
    line +
    1 +
    Math.max(
      0,
      lines.findIndex((l) => new RegExp(`^\\s*${key}\\s*:`).test(l)),
    );
  let raw: unknown;
  try {
    raw = parseYaml(body);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      fail(line + (error.linePos?.[0]?.line ?? 1), `check: not valid YAML: ${error.message.split('\n')[0]}`);
    }
    throw error;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail(line + 1, 'check: expected "key: value" lines (question:, answer: or choices:)');
  }
  const fields = raw as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!KEYS.includes(key)) fail(keyLine(key), `check: unknown key "${key}" (known: ${KEYS.join(', ')})`);
  }
  const question = fields.question;
  if (typeof question !== 'string' || !question.trim()) fail(keyLine('question'), 'check needs a question: (text)');
  const refs: (CheckRef & { line: number })[] = [];
  const readRef = (value: unknown, where: number, what: string): CheckRef => {
    if (typeof value === 'object' && value !== null) {
      fail(where, `check: ${what} must be in quotes, e.g. "{{curve.factor}}"`);
    }
    const match = typeof value === 'string' ? REF.exec(value.trim()) : null;
    if (!match) {
      fail(where, `check: ${what} must be one live value such as "{{curve.factor}}", got ${JSON.stringify(value)}`);
    }
    const ref = { cell: match![1]!, key: match![2]! };
    refs.push({ ...ref, line: where });
    return ref;
  };
  const base = { line, question: (question as string).trim() };
  const choices = fields.choices;
  if (choices === undefined) {
    if (!('answer' in fields)) fail(line + 1, 'check needs an answer: "{{cell.output}}" or choices:');
    const answer = readRef(fields.answer, keyLine('answer'), 'answer');
    let tolerance: number | null = null;
    if ('tolerance' in fields) {
      const value = fields.tolerance;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        fail(keyLine('tolerance'), `check: tolerance must be a number ≥ 0, got ${JSON.stringify(value)}`);
      }
      tolerance = value as number;
    }
    return { spec: { ...base, kind: 'value', answer, tolerance }, refs };
  }
  const choicesLine = keyLine('choices');
  if (!Array.isArray(choices) || choices.length < 2) fail(choicesLine, 'check: choices must list at least two answers');
  if ('tolerance' in fields) fail(keyLine('tolerance'), 'check: tolerance applies to a typed answer, not to choices');
  const list = choices as unknown[];
  if (list.every((c) => typeof c === 'string' || typeof c === 'number')) {
    if (!('answer' in fields)) {
      fail(choicesLine, 'check: choices as plain text need an answer: "{{cell.output}}" (the live text to pick)');
    }
    const answer = readRef(fields.answer, keyLine('answer'), 'answer');
    const texts = list.map((c) => String(c).trim());
    if (new Set(texts).size !== texts.length) fail(choicesLine, 'check: the choices must differ');
    return { spec: { ...base, kind: 'pick', answer, choices: texts }, refs };
  }
  if ('answer' in fields) {
    fail(keyLine('answer'), 'check: choices with when: carry their own conditions; leave out answer:');
  }
  const items = itemLines(lines, choicesLine - line - 1);
  const parsed = list.map((entry, index) => {
    const itemStart = items[index] ?? choicesLine - line - 1;
    const itemLine = line + 1 + itemStart;
    const whenIndex = lines.findIndex((l, i) => i >= itemStart && /^\s*-?\s*when\s*:/.test(l));
    const whenLine = whenIndex >= 0 && whenIndex < (items[index + 1] ?? lines.length) ? line + 1 + whenIndex : itemLine;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      fail(itemLine, `check: choice ${index + 1} must be text, or a map with text: and when:`);
    }
    const { text, when, ...rest } = entry as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined)
      fail(itemLine, `check: choice ${index + 1} has an unknown key "${extra}" (known: text, when)`);
    if (typeof text !== 'string' || !text.trim()) fail(itemLine, `check: choice ${index + 1} needs text:`);
    if (typeof when !== 'string') {
      fail(itemLine, `check: choice ${index + 1} needs when: a comparison in quotes, e.g. "{{curve.factor}} > 2"`);
    }
    return { text: (text as string).trim(), when: readCondition(when as string, whenLine, index, readRef, fail) };
  });
  return { spec: { ...base, kind: 'when', choices: parsed }, refs };
}

/** Body lines (0-based) of the `- ` items of the list that starts after body line `start`. */
function itemLines(lines: readonly string[], start: number): number[] {
  const out: number[] = [];
  let indent: number | null = null;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.trim()) continue;
    const lead = l.length - l.trimStart().length;
    if (lead === 0 && !l.trimStart().startsWith('-')) break;
    if (/^\s*-(\s|$)/.test(l) && (indent === null || lead === indent)) {
      indent = lead;
      out.push(i);
    }
  }
  return out;
}

function readCondition(
  text: string,
  line: number,
  index: number,
  readRef: (value: unknown, where: number, what: string) => CheckRef,
  fail: (line: number, reason: string) => never,
): CheckCondition {
  const match = CONDITION.exec(text);
  if (!match) {
    fail(
      line,
      `check: choice ${index + 1}: when: must compare a live value, e.g. "{{curve.factor}} > 2" (operators < <= > >= = !=), got ${JSON.stringify(text)}`,
    );
  }
  const operand = (value: string): CheckOperand => {
    if (value.startsWith('{{')) return { ref: readRef(value, line, `choice ${index + 1}'s when:`) };
    const number = NUMBER.exec(value);
    if (!number) fail(line, `check: choice ${index + 1}: "${value}" is not a number`);
    return { number: Number(number![1]) / (number![2] ? 100 : 1) };
  };
  const left = operand(match![1]!);
  const right = operand(match![3]!);
  if (!('ref' in left) && !('ref' in right)) {
    fail(line, `check: choice ${index + 1}: when: must read a live value ({{cell.output}}), not only numbers`);
  }
  return { left, op: match![2] as CheckOperator, right };
}
