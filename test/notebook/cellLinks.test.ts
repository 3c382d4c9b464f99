import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { LINKABLE_PARAMS, linkValueOf, outputKind } from '../../src/notebook/cellLinks.ts';
import { LessonError, type CellSpec } from '../../src/notebook/types.ts';

const FILE = 'lessons/07-links.md';
/** Frontmatter on lines 1–4, so the body starts at line 5. */
const FRONTMATTER = ['---', 'title: Links', 'summary: Cells taking values from cells.', '---'];

const lesson = (...body: string[]) => [...FRONTMATTER, ...body].join('\n');
const cell = (type: string, ...lines: string[]) => ['```cell ' + type, ...lines, '```'];

function parsedCells(source: string): CellSpec[] {
  return parseLesson(source, FILE).blocks.flatMap((b) => (b.kind === 'cell' ? [b.cell] : []));
}

function errorOf(source: string): string {
  try {
    parseLesson(source, FILE);
  } catch (error) {
    if (error instanceof LessonError) return error.message;
    throw error;
  }
  throw new Error('parseLesson did not throw');
}

describe('parseLesson: from: links between cells', () => {
  it('reads "parameter: cell.output" lines into the cell’s links, with their lines', () => {
    const [, cost] = parsedCells(
      lesson(...cell('review', 'id: review'), ...cell('curve', 'id: cost', 'from:', '  noise: review.estimatedNoise')),
    );
    expect(cost?.links).toEqual([{ param: 'noise', cell: 'review', output: 'estimatedNoise', line: 11 }]);
  });

  it('leaves cells without from: without links', () => {
    expect(parsedCells(lesson(...cell('curve', 'id: c')))[0]?.links).toBeUndefined();
  });

  it('takes text outputs into text parameters', () => {
    const [, second] = parsedCells(
      lesson(...cell('curve', 'id: first'), ...cell('review', 'id: second', 'from:', '  dataset: first.dataset')),
    );
    expect(second?.links).toEqual([{ param: 'dataset', cell: 'first', output: 'dataset', line: 11 }]);
  });

  it('fails for a cell that does not exist, naming the file, line and the cells there are', () => {
    expect(errorOf(lesson(...cell('curve', 'id: cost', 'from:', '  noise: estimate.noiseEstimate')))).toBe(
      `${FILE}:8: curve cell "cost": from: noise: estimate.noiseEstimate names no cell (cells: cost)`,
    );
  });

  it('fails for an output the source cell does not have', () => {
    expect(
      errorOf(lesson(...cell('review', 'id: review'), ...cell('curve', 'id: cost', 'from:', '  noise: review.noise'))),
    ).toMatch(
      /^lessons\/07-links\.md:11: curve cell "cost": from: noise: review\.noise: a review cell has no output "noise" \(it has: flagged, /,
    );
  });

  it('fails for a parameter that cannot take that kind of output', () => {
    expect(
      errorOf(lesson(...cell('review', 'id: review'), ...cell('curve', 'id: cost', 'from:', '  dataset: review.f1'))),
    ).toBe(
      `${FILE}:11: curve cell "cost": from: dataset: review.f1: dataset takes text, but review.f1 is a number; link an output of that kind`,
    );
  });

  it('fails for a parameter that cannot come from a cell, listing those that can', () => {
    expect(errorOf(lesson(...cell('review', 'id: r'), ...cell('curve', 'id: c', 'from:', '  sizes: r.flagged')))).toBe(
      `${FILE}:11: curve cell: from: "sizes" is not a parameter that can come from another cell (these can: ${Object.keys(LINKABLE_PARAMS.curve).join(', ')})`,
    );
  });

  it('fails for a value that is not cell.output, and for from: that is not a map', () => {
    expect(errorOf(lesson(...cell('review', 'id: r'), ...cell('curve', 'id: c', 'from:', '  noise: 0.2')))).toBe(
      `${FILE}:11: curve cell: from: noise must name a cell and one of its outputs, e.g. review.estimatedNoise; got 0.2`,
    );
    expect(errorOf(lesson(...cell('curve', 'id: c', 'from: r.flagged')))).toMatch(
      /^lessons\/07-links\.md:7: curve cell: from must be a map of "parameter: cell\.output" lines/,
    );
  });

  it('fails when a parameter is given directly and from a cell', () => {
    expect(
      errorOf(
        lesson(
          ...cell('review', 'id: r'),
          ...cell('curve', 'id: c', 'noise: 0.2', 'from:', '  noise: r.estimatedNoise'),
        ),
      ),
    ).toBe(
      `${FILE}:10: curve cell: noise is given here and also taken from r.estimatedNoise; keep one (delete "noise:" or its line under from:)`,
    );
  });

  it('fails for a code cell, which takes no parameters from other cells', () => {
    expect(errorOf(lesson(...cell('code', 'id: c', 'from:', '  code: x.value', 'code: return 1')))).toBe(
      `${FILE}:7: code cell: from: a code cell takes no parameters from other cells`,
    );
  });

  it('fails for a cycle a → b → a at the first cell, with the cycle’s path', () => {
    expect(
      errorOf(
        lesson(
          ...cell('review', 'id: a', 'from:', '  seed: b.points'),
          ...cell('playground', 'id: b', 'from:', '  noise: a.estimatedNoise'),
          ...cell('code', 'id: x', 'code: return 1'),
        ),
      ),
    ).toBe(
      `${FILE}:8: review cell "a": its inputs form a cycle: a → b → a (each takes a parameter from the next); remove one of these from: links`,
    );
  });

  it('fails for a cell taking from itself', () => {
    expect(errorOf(lesson(...cell('playground', 'id: p', 'from:', '  points: p.points')))).toBe(
      `${FILE}:8: playground cell "p": its inputs form a cycle: p → p (each takes a parameter from the next); remove one of these from: links`,
    );
  });
});

describe('outputKind(type, output) and linkValueOf(value)', () => {
  it('knows text outputs, numbers and the code cell’s either-kind value', () => {
    expect(outputKind('curve', 'dataset')).toBe('text');
    expect(outputKind('curve', 'factor')).toBe('number');
    expect(outputKind('worth', 'headline')).toBe('text');
    expect(outputKind('code', 'value')).toBeNull();
  });

  it('compares a uniform noise by its rate, numbers and text as they are, anything else as null', () => {
    expect(linkValueOf({ kind: 'uniform', rate: 0.2 })).toBe(0.2);
    expect(linkValueOf(3)).toBe(3);
    expect(linkValueOf('digits')).toBe('digits');
    expect(linkValueOf({ kind: 'boundary', rate: 0.2 })).toBeNull();
    expect(linkValueOf([1, 2])).toBeNull();
    expect(linkValueOf(undefined)).toBeNull();
  });
});
