import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { LessonError } from '../../src/notebook/types.ts';

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
      `${FILE}:7: code cell: language unknown parameter (known: code)`,
    );
  });

  it('a code cell publishes only value', () => {
    expect(reason(lesson('{{try.result}}', '```cell code', 'id: try', 'code: return 1', '```'))).toMatch(
      /a code cell has no output "result" \(it has: value\)/,
    );
  });
});
