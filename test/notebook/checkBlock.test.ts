import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { LessonError, type CheckBlock } from '../../src/notebook/types.ts';
import { checkAnswer, pendingCells, readNumber, type Outputs } from '../../src/notebook/checkAnswer.ts';
import type { CheckSpec } from '../../src/notebook/checkSpec.ts';
import { formatOutput } from '../../src/ui/format.ts';

const FILE = 'lessons/98-checks.md';
const lesson = (checks: string) =>
  [
    '---',
    'title: Checks',
    'summary: Self-check questions.',
    '---',
    '',
    '```cell curve',
    'id: curve',
    '```',
    '',
    '```cell labelers',
    'id: raters',
    '```',
    '',
    checks,
    '',
  ].join('\n');

const checksOf = (source: string): CheckSpec[] =>
  parseLesson(source, FILE).blocks.flatMap((b) => (b.kind === 'check' ? [(b as CheckBlock).check] : []));

function failure(source: string): string {
  try {
    parseLesson(source, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(LessonError);
    return (error as LessonError).message;
  }
  throw new Error('parseLesson did not fail');
}

describe('parseLesson: ```check blocks', () => {
  it('reads a typed-value question with its live answer, tolerance and fence line', () => {
    const [check] = checksOf(
      lesson(['```check', 'question: What factor?', 'answer: "{{curve.factor}}"', 'tolerance: 0.2', '```'].join('\n')),
    );
    expect(check).toEqual({
      kind: 'value',
      line: 14,
      question: 'What factor?',
      answer: { cell: 'curve', key: 'factor' },
      tolerance: 0.2,
    });
  });

  it('reads plain choices with a live answer, and choices with when: comparisons (90% is 0.9)', () => {
    const [pick, when] = checksOf(
      lesson(
        [
          '```check',
          'question: Worst class?',
          'answer: "{{raters.worstClass}}"',
          'choices: [Shirt, Coat]',
          '```',
          '',
          '```check',
          'question: Better than 90%?',
          'choices:',
          '  - text: "Yes"',
          '    when: "{{curve.cleanAtN0}} > 90%"',
          '  - text: "No"',
          '    when: "{{curve.cleanAtN0}} <= {{curve.noisyAt3N0}}"',
          '```',
        ].join('\n'),
      ),
    );
    expect(pick).toMatchObject({
      kind: 'pick',
      choices: ['Shirt', 'Coat'],
      answer: { cell: 'raters', key: 'worstClass' },
    });
    expect(when).toMatchObject({
      kind: 'when',
      choices: [
        { text: 'Yes', when: { left: { ref: { cell: 'curve', key: 'cleanAtN0' } }, op: '>', right: { number: 0.9 } } },
        {
          text: 'No',
          when: { op: '<=', right: { ref: { cell: 'curve', key: 'noisyAt3N0' } } },
        },
      ],
    });
  });

  it('an answer naming no cell fails with the file and the line of answer:', () => {
    expect(failure(lesson(['```check', 'question: Q?', 'answer: "{{nope.factor}}"', '```'].join('\n')))).toBe(
      `${FILE}:16: {{nope.factor}} names no cell (cells: curve, raters)`,
    );
  });

  it('an output the cell does not publish fails with its line, also inside a when:', () => {
    const message = failure(
      lesson(
        [
          '```check',
          'question: Q?',
          'choices:',
          '  - text: A',
          '    when: "{{curve.factor}} > 2"',
          '  - text: B',
          '    when: "{{curve.speed}} <= 2"',
          '```',
        ].join('\n'),
      ),
    );
    expect(message).toMatch(new RegExp(`^${FILE}:20: \\{\\{curve\\.speed\\}\\}: a curve cell has no output "speed"`));
  });

  it('names the mistakes a lesson author is likely to make', () => {
    const cases: [string[], RegExp][] = [
      [['answer: "{{curve.factor}}"'], /:15: check needs a question/],
      [['question: Q?', 'answer: {{curve.factor}}'], /:16: check: answer must be in quotes/],
      [['question: Q?', 'answer: "3.2"'], /:16: check: answer must be one live value/],
      [['question: Q?', 'answer: "{{curve.factor}}"', 'tolerance: -1'], /:17: check: tolerance must be a number ≥ 0/],
      [['question: Q?', 'hint: x', 'answer: "{{curve.factor}}"'], /:16: check: unknown key "hint"/],
      [['question: Q?'], /:15: check needs an answer/],
      [['question: Q?', 'choices: [a, b]'], /:16: check: choices as plain text need an answer/],
      [['question: Q?', 'answer: "{{curve.dataset}}"', 'choices: [a]'], /:17: check: choices must list at least two/],
      [
        [
          'question: Q?',
          'choices:',
          '  - text: A',
          '    when: "{{curve.factor}} >> 2"',
          '  - text: B',
          '    when: "{{curve.factor}} < 2"',
        ],
        /:18: check: choice 1: when: must compare a live value/,
      ],
      [
        [
          'question: Q?',
          'choices:',
          '  - text: A',
          '    when: "1 < 2"',
          '  - text: B',
          '    when: "{{curve.factor}} < 2"',
        ],
        /:18: check: choice 1: when: must read a live value/,
      ],
    ];
    for (const [body, pattern] of cases) {
      expect(failure(lesson(['```check', ...body, '```'].join('\n')))).toMatch(pattern);
    }
  });
});

describe('checkAnswer(spec, outputs, answer, show, ran)', () => {
  const factor: CheckSpec = {
    kind: 'value',
    line: 1,
    question: 'Q',
    answer: { cell: 'curve', key: 'factor' },
    tolerance: null,
  };
  const accuracy: CheckSpec = {
    kind: 'value',
    line: 2,
    question: 'Q',
    answer: { cell: 'curve', key: 'cleanAtN0' },
    tolerance: 0.5,
  };
  const outputs = (values: Record<string, number | string | null>): Outputs => ({ curve: values });

  it('before the cell has run: pending, naming the cell, whatever the answer', () => {
    expect(checkAnswer(factor, outputs({ factor: null }), '3.2', formatOutput)).toEqual({
      kind: 'pending',
      cells: ['curve'],
    });
    expect(pendingCells(factor, {})).toEqual(['curve']);
  });

  it('a value still unknown after the cell ran: unavailable, not pending', () => {
    const verdict = checkAnswer(factor, outputs({ factor: null }), '3.2', formatOutput, new Set(['curve']));
    expect(verdict.kind).toBe('unavailable');
    expect(checkAnswer(factor, outputs({ factor: NaN }), '3.2', formatOutput).kind).toBe('unavailable');
  });

  it('a typed number is right within one unit of the last digit shown, without a tolerance', () => {
    const run = outputs({ factor: 3.2449 }); // shown as 3.2
    expect(checkAnswer(factor, run, '3.2', formatOutput)).toEqual({ kind: 'right', expected: '3.2' });
    expect(checkAnswer(factor, run, '3.3', formatOutput).kind).toBe('right');
    expect(checkAnswer(factor, run, '3.4', formatOutput)).toEqual({ kind: 'wrong', expected: '3.2' });
    expect(checkAnswer(factor, run, '3.2×', formatOutput).kind).toBe('right');
  });

  it('a percentage is typed as shown (with or without %), within the tolerance in points', () => {
    const run = outputs({ cleanAtN0: 0.935 }); // shown as 93.5%
    expect(checkAnswer(accuracy, run, '93.5', formatOutput)).toEqual({ kind: 'right', expected: '93.5%' });
    expect(checkAnswer(accuracy, run, '94 %', formatOutput).kind).toBe('right');
    expect(checkAnswer(accuracy, run, '93', formatOutput).kind).toBe('right');
    expect(checkAnswer(accuracy, run, '92.9', formatOutput).kind).toBe('wrong');
    expect(checkAnswer(accuracy, run, '0.935', formatOutput).kind).toBe('wrong');
  });

  it('no answer, or one that is no number: unanswered, with the reason', () => {
    const run = outputs({ factor: 3.2 });
    expect(checkAnswer(factor, run, null, formatOutput)).toEqual({ kind: 'unanswered', reason: null, expected: '3.2' });
    expect(checkAnswer(factor, run, 'three', formatOutput)).toMatchObject({
      kind: 'unanswered',
      reason: '“three” is not a number',
    });
  });

  it('plain choices: the one equal to the live text is right (case aside); a value not among them is unavailable', () => {
    const pick: CheckSpec = {
      kind: 'pick',
      line: 3,
      question: 'Q',
      answer: { cell: 'raters', key: 'worstClass' },
      choices: ['Shirt', 'Coat'],
    };
    const run = (worst: string | null): Outputs => ({ raters: { worstClass: worst } });
    expect(checkAnswer(pick, run('Shirt'), 'shirt', formatOutput)).toEqual({ kind: 'right', expected: 'Shirt' });
    expect(checkAnswer(pick, run('Shirt'), 'Coat', formatOutput)).toEqual({ kind: 'wrong', expected: 'Shirt' });
    expect(checkAnswer(pick, run('Bag'), 'Coat', formatOutput).kind).toBe('unavailable');
    expect(checkAnswer(pick, run(null), 'Coat', formatOutput)).toEqual({ kind: 'pending', cells: ['raters'] });
  });

  it('choices with when: the one whose comparison holds for the run is right; none or two holding is unavailable', () => {
    const when = (op: '>' | '<=', other: '>' | '<=' = op === '>' ? '<=' : '>'): CheckSpec => ({
      kind: 'when',
      line: 4,
      question: 'Q',
      choices: [
        { text: 'More', when: { left: { ref: { cell: 'curve', key: 'factor' } }, op, right: { number: 2 } } },
        { text: 'Less', when: { left: { ref: { cell: 'curve', key: 'factor' } }, op: other, right: { number: 2 } } },
      ],
    });
    expect(checkAnswer(when('>'), outputs({ factor: 3.1 }), 'More', formatOutput)).toEqual({
      kind: 'right',
      expected: 'More',
    });
    expect(checkAnswer(when('>'), outputs({ factor: 1.5 }), 'More', formatOutput)).toEqual({
      kind: 'wrong',
      expected: 'Less',
    });
    expect(checkAnswer(when('>', '>'), outputs({ factor: 3 }), 'More', formatOutput)).toMatchObject({
      kind: 'unavailable',
      reason: 'more than one answer holds for your run',
    });
    expect(checkAnswer(when('>'), outputs({ factor: null }), 'More', formatOutput).kind).toBe('pending');
  });
});

describe('readNumber(text)', () => {
  it('reads numbers as a reader types them, and NaN for anything else', () => {
    expect(readNumber(' 93.5 %')).toBe(93.5);
    expect(readNumber('1,257')).toBe(1257);
    expect(readNumber('3.2×')).toBe(3.2);
    expect(readNumber('-0.5')).toBe(-0.5);
    expect(readNumber('.5')).toBe(0.5);
    expect(readNumber('')).toBeNaN();
    expect(readNumber('3.2.1')).toBeNaN();
    expect(readNumber('abc')).toBeNaN();
  });
});
