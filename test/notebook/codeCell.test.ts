import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { LessonError } from '../../src/notebook/types.ts';
import { controlDefaults, controlProblem } from '../../src/notebook/codeSchema.ts';

const FILE = 'lessons/99-code.md';
const lesson = (...body: string[]) => ['---', 'title: Code', 'summary: A code cell', '---', ...body].join('\n');

function reason(source: string): string {
  try {
    parseLesson(source, FILE);
  } catch (error) {
    if (error instanceof LessonError) return error.message;
    throw error;
  }
  throw new Error('parseLesson did not throw');
}

describe('parseLesson: ```cell code``` with the code as a YAML block scalar', () => {
  it('reads id, title and the code (indentation removed, trailing newlines dropped), and {{id.value}} refers to it', () => {
    const parsed = parseLesson(
      lesson(
        'Value: {{try.value}}',
        '```cell code',
        'id: try',
        'title: Try it',
        'code: |',
        '  const r = await lab.train({ size: 500 });',
        '  if (r.accuracy > 0.5) {',
        '    return r.accuracy;',
        '  }',
        '',
        '```',
      ),
      FILE,
    );
    const cell = parsed.blocks.find((b) => b.kind === 'cell');
    expect(cell).toEqual({
      kind: 'cell',
      cell: {
        type: 'code',
        id: 'try',
        title: 'Try it',
        line: 6,
        params: { code: 'const r = await lab.train({ size: 500 });\nif (r.accuracy > 0.5) {\n  return r.accuracy;\n}' },
      },
    });
  });

  it('a code cell without code names the file, the line and how to write it', () => {
    expect(reason(lesson('```cell code', 'id: try', '```'))).toBe(
      `${FILE}:6: code cell: code must be JavaScript as a block of text: write "code: |" and the code indented below it; got null`,
    );
  });

  it('an unknown key is named, on its line', () => {
    expect(reason(lesson('```cell code', 'id: try', 'language: js', 'code: return 1', '```'))).toBe(
      `${FILE}:7: code cell: language unknown parameter (known: code, controls)`,
    );
  });

  it('a code cell publishes only value', () => {
    expect(reason(lesson('{{try.result}}', '```cell code', 'id: try', 'code: return 1', '```'))).toMatch(
      /a code cell has no output "result" \(it has: value\)/,
    );
  });

  it('reads controls: a number with its range, a select with its options, a checkbox', () => {
    const parsed = parseLesson(
      lesson(
        '```cell code',
        'id: try',
        'controls:',
        '  size: { label: Training images, value: 1000, min: 200, max: 4000, step: 100 }',
        '  noise: { label: Wrong labels, value: 0.12, min: 0, max: 0.5, step: 0.01 }',
        '  slice:',
        '    label: Slice',
        '    value: auto',
        '    options: [{ value: auto, label: the largest gap }, rotated]',
        '  clean: { label: Clean the labels, value: true }',
        'code: |',
        '  return controls.size;',
        '```',
      ),
      FILE,
    );
    const block = parsed.blocks.find((b) => b.kind === 'cell');
    if (block?.kind !== 'cell' || block.cell.type !== 'code') throw new Error('no code cell');
    expect(block.cell.controls).toEqual([
      {
        kind: 'number',
        name: 'size',
        label: 'Training images',
        value: 1000,
        min: 200,
        max: 4000,
        step: 100,
        integer: true,
      },
      {
        kind: 'number',
        name: 'noise',
        label: 'Wrong labels',
        value: 0.12,
        min: 0,
        max: 0.5,
        step: 0.01,
        integer: false,
        percent: true, // "wrong labels" in 0–1: a share, entered in percent
      },
      {
        kind: 'select',
        name: 'slice',
        label: 'Slice',
        value: 'auto',
        options: [
          { value: 'auto', label: 'the largest gap' },
          { value: 'rotated', label: 'rotated' },
        ],
      },
      { kind: 'checkbox', name: 'clean', label: 'Clean the labels', value: true },
    ]);
    expect(block.cell.params).toEqual({ code: 'return controls.size;' });
  });

  it('a cell without controls has none (its editor is the cell)', () => {
    const parsed = parseLesson(lesson('```cell code', 'id: try', 'code: return 1', '```'), FILE);
    const block = parsed.blocks.find((b) => b.kind === 'cell');
    expect(block?.kind === 'cell' && block.cell.type === 'code' && block.cell.controls).toBe(undefined);
  });

  const controlReason = (...controls: string[]) =>
    reason(lesson('```cell code', 'id: try', 'controls:', ...controls, 'code: return 1', '```'));

  it('a bad control fails the lesson naming the cell, the control and its line', () => {
    expect(controlReason('  size: { label: Size, value: 100, min: 200, max: 4000 }')).toBe(
      `${FILE}:8: code cell "try": controls.size: value 100 is outside 200–4000`,
    );
    expect(
      controlReason('  a: { label: A, value: 1 }', '  slice: { label: Slice, value: nope, options: [auto, clean] }'),
    ).toBe(
      `${FILE}:9: code cell "try": controls.slice: value must be one of the options ("auto", "clean"); got "nope"`,
    );
    expect(controlReason('  size: { value: 3 }')).toMatch(/:8: code cell "try": controls\.size: needs a label/);
    expect(controlReason('  size: { label: S, value: "x" }')).toMatch(
      /controls\.size: value must be a number, true or false/,
    );
    expect(controlReason('  size: { label: S, value: 3, colour: red }')).toMatch(/controls\.size: unknown key colour/);
    expect(controlReason('  size: { label: S, value: 3, min: 5, max: 1 }')).toMatch(
      /controls\.size: min \(5\) is above max/,
    );
    expect(controlReason('  size: { label: S, value: 3, step: 0 }')).toMatch(/controls\.size: step must be above 0/);
    expect(controlReason('  s: { label: S, value: a, options: [a] }')).toMatch(
      /controls\.s: options must list at least two/,
    );
    expect(controlReason('  s: { label: S, value: a, options: [a, a] }')).toMatch(
      /controls\.s: options repeat a value/,
    );
    expect(controlReason('  2x: { label: S, value: 1 }')).toMatch(/controls\.2x: a control name is letters/);
    expect(reason(lesson('```cell code', 'id: try', 'controls: 3', 'code: return 1', '```'))).toMatch(
      /:7: code cell "try": controls: must be a map of named inputs/,
    );
  });
});

describe('controlProblem(control, value): what a field typed into says', () => {
  const size = {
    kind: 'number',
    name: 'size',
    label: 'Training images',
    value: 1000,
    min: 200,
    max: 4000,
    integer: true,
  } as const;
  it('a number in range passes; out of range, empty or a fraction is named with the label and the range', () => {
    expect(controlProblem(size, 1200)).toBeNull();
    expect(controlProblem(size, 5000)).toBe('Training images (size): must be between 200 and 4000, got 5000');
    expect(controlProblem(size, Number.NaN)).toBe('Training images (size): enter a number between 200 and 4000');
    expect(controlProblem(size, 250.5)).toBe('Training images (size): must be a whole number, got 250.5');
    expect(controlProblem({ ...size, max: undefined }, 100)).toBe(
      'Training images (size): must be at least 200, got 100',
    );
  });
  it('a select takes one of its options; a checkbox true or false', () => {
    const slice = {
      kind: 'select',
      name: 's',
      label: 'Slice',
      value: 'a',
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
    } as const;
    expect(controlProblem(slice, 'b')).toBeNull();
    expect(controlProblem(slice, 'c')).toBe('Slice (s): must be one of A, B');
    expect(controlProblem({ kind: 'checkbox', name: 'c', label: 'C', value: true }, 'yes')).toBe(
      'C (c): must be on or off',
    );
    expect(controlDefaults([size, slice])).toEqual({ size: 1000, s: 'a' });
  });
});

describe('a share among the controls: entered and shown in percent, read by the code as the share', () => {
  const controls = (line: string) => {
    const parsed = parseLesson(lesson('```cell code', 'id: try', 'controls:', line, 'code: return 1', '```'), FILE);
    const block = parsed.blocks.find((b) => b.kind === 'cell');
    if (block?.kind !== 'cell' || block.cell.type !== 'code') throw new Error('no code cell');
    return block.cell.controls!;
  };

  it('a share, rate or noise label with a range in 0–1 is a percent field; other numbers are not', () => {
    expect(
      controls('  noise: { label: Share of wrong labels, value: 0.12, min: 0, max: 0.5, step: 0.01 }')[0],
    ).toMatchObject({
      value: 0.12,
      percent: true,
      integer: false,
    });
    expect(controls('  shift: { label: Input shift, value: 0.5, min: 0, max: 1 }')[0]).not.toHaveProperty('percent');
    expect(controls('  n: { label: Share, value: 3, min: 0, max: 10 }')[0]).not.toHaveProperty('percent');
  });

  it('unit: percent makes a 0–1 field a percentage, unit: number keeps it plain; a wrong unit is named', () => {
    expect(controls('  x: { label: Mix, value: 0.3, min: 0, max: 1, unit: percent }')[0]).toMatchObject({
      percent: true,
    });
    expect(controls('  x: { label: Share, value: 0.3, min: 0, max: 1, unit: number }')[0]).not.toHaveProperty(
      'percent',
    );
    expect(
      reason(
        lesson(
          '```cell code',
          'id: try',
          'controls:',
          '  x: { label: X, value: 0.3, unit: kg }',
          'code: return 1',
          '```',
        ),
      ),
    ).toMatch(/controls\.x: unit must be percent \(a share entered as 12 for 0\.12\) or number; got "kg"/);
    expect(
      reason(
        lesson(
          '```cell code',
          'id: try',
          'controls:',
          '  x: { label: X, value: 3, max: 10, unit: percent }',
          'code: return 1',
          '```',
        ),
      ),
    ).toMatch(/controls\.x: unit: percent is for shares/);
  });

  it('a bad value is named with the field and the range in percent', () => {
    const [noise] = controls('  noise: { label: Share of wrong labels, value: 0.12, min: 0, max: 0.5, step: 0.01 }');
    expect(controlProblem(noise!, 0.3)).toBeNull();
    expect(controlProblem(noise!, 1.2)).toBe('Share of wrong labels (noise): must be between 0% and 50%, got 120%');
    expect(controlProblem(noise!, -0.05)).toBe('Share of wrong labels (noise): must be between 0% and 50%, got -5%');
    expect(controlProblem(noise!, Number.NaN)).toBe('Share of wrong labels (noise): enter a number between 0% and 50%');
  });
});
