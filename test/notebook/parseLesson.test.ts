import { describe, it, expect } from 'vitest';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { CURVE_DEFAULTS, WORTH_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import {
  LessonError,
  type Block,
  type CellSpec,
  type CurveCellSpec,
  type ProseBlock,
} from '../../src/notebook/types.ts';

const FILE = 'lessons/01-clean-vs-more-data.md';

/** Frontmatter on lines 1–4, so the body starts at line 5. */
const FRONTMATTER = ['---', 'title: Clean labels vs more data', 'summary: Cleaning is worth more data', '---'];

/** A minimal valid cell, to add where a test is about something else. */
const CELL = ['```cell curve', 'id: curve', '```'];

function lesson(...body: string[]): string {
  return [...FRONTMATTER, ...body].join('\n');
}

function lessonError(source: string, file = FILE): LessonError {
  try {
    parseLesson(source, file);
  } catch (error) {
    if (error instanceof LessonError) return error;
    throw error;
  }
  throw new Error('parseLesson did not throw');
}

function cells(blocks: readonly Block[]): CellSpec[] {
  return blocks.flatMap((b) => (b.kind === 'cell' ? [b.cell] : []));
}

function prose(blocks: readonly Block[]): ProseBlock[] {
  return blocks.flatMap((b) => (b.kind === 'prose' ? [b] : []));
}

function onlyCurve(source: string): CurveCellSpec {
  const [cell] = cells(parseLesson(source, FILE).blocks);
  if (cell?.type !== 'curve') throw new Error('expected a curve cell');
  return cell;
}

describe('parseLesson — a valid lesson', () => {
  it('parseLesson(source, file) reads the slug, file and frontmatter', () => {
    const parsed = parseLesson(lesson(...CELL), FILE);
    expect(parsed.slug).toBe('01-clean-vs-more-data');
    expect(parsed.file).toBe(FILE);
    expect(parsed.meta).toEqual({
      title: 'Clean labels vs more data',
      summary: 'Cleaning is worth more data',
      minutes: 10,
    });
  });

  it('parseLesson(source, file) reads minutes: and trims title and summary', () => {
    const source = ['---', 'title: "  Spaced  "', 'summary: Short', 'minutes: 12.5', '---', ...CELL].join('\n');
    expect(parseLesson(source, 'x.md').meta).toEqual({ title: 'Spaced', summary: 'Short', minutes: 12.5 });
  });

  it('parseLesson(source with CRLF line endings, file) parses like LF', () => {
    const source = lesson('Some *prose*.', '', ...CELL);
    expect(parseLesson(source.replace(/\n/g, '\r\n'), FILE)).toEqual(parseLesson(source, FILE));
  });

  it('parseLesson(source, file) renders prose to HTML and keeps blocks in file order with their lines', () => {
    const parsed = parseLesson(lesson('# Heading', '', 'A *word*.', ...CELL, 'After the cell.'), FILE);
    expect(parsed.blocks.map((b) => b.kind)).toEqual(['prose', 'cell', 'prose']);
    const [first, last] = prose(parsed.blocks);
    expect(first!.html).toBe('<h1>Heading</h1>\n<p>A <em>word</em>.</p>\n');
    expect(first!.line).toBe(5);
    expect(last!.html).toBe('<p>After the cell.</p>\n');
    expect(last!.line).toBe(11);
  });

  it('parseLesson(source, file) skips prose that is only blank lines', () => {
    const parsed = parseLesson(lesson('', '', ...CELL, '', ''), FILE);
    expect(parsed.blocks.map((b) => b.kind)).toEqual(['cell']);
  });

  it('parseLesson(source, file) turns {{id.key}} into <output data-ref="id.key">, with or without inner spaces', () => {
    const parsed = parseLesson(lesson('Worth {{curve.factor}}× the data at {{ curve.n0 }} examples.', ...CELL), FILE);
    expect(prose(parsed.blocks)[0]!.html).toBe(
      '<p>Worth <output data-ref="curve.factor">…</output>× the data at <output data-ref="curve.n0">…</output> examples.</p>\n',
    );
  });

  it('parseLesson(source, file) allows references to a cell defined later in the file', () => {
    const parsed = parseLesson(lesson('Accuracy {{toy.accuracy}}.', '```cell playground', 'id: toy', '```'), FILE);
    expect(prose(parsed.blocks)[0]!.html).toContain('<output data-ref="toy.accuracy">');
  });

  it('parseLesson(source, file) keeps non-cell code fences in the prose', () => {
    const parsed = parseLesson(lesson('Before.', '```js', 'const x = 1;', '```', 'After.', ...CELL), FILE);
    expect(cells(parsed.blocks)).toHaveLength(1);
    const [block] = prose(parsed.blocks);
    expect(block!.html).toBe(
      '<p>Before.</p>\n<pre><code class="language-js">const x = 1;\n</code></pre>\n<p>After.</p>\n',
    );
  });

  it('parseLesson(source, file) does not read a cell fence quoted inside a longer fence', () => {
    const parsed = parseLesson(lesson('````md', '```cell curve', 'id: quoted', '```', '````', ...CELL), FILE);
    expect(cells(parsed.blocks).map((c) => c.id)).toEqual(['curve']);
    expect(prose(parsed.blocks)[0]!.html).toContain('```cell curve');
  });

  it('parseLesson(source, file) reads a prose fence whose info string starts with "cell" but is a longer word', () => {
    const parsed = parseLesson(lesson('```cellular', 'text', '```', ...CELL), FILE);
    expect(cells(parsed.blocks)).toHaveLength(1);
    expect(prose(parsed.blocks)[0]!.html).toContain('language-cellular');
  });

  it('parseLesson(source, file) reads a ~~~ cell fence', () => {
    expect(onlyCurve(lesson('~~~cell curve', 'id: tilde', '~~~')).id).toBe('tilde');
  });

  it('parseLesson(source, file) reads a curve cell’s chart: power-law kept, curve (the default) left out, others refused', () => {
    const chart = (value: string) =>
      cells(parseLesson(lesson('```cell curve', 'id: curve', `chart: ${value}`, '```'), FILE).blocks)[0];
    expect(chart('power-law')).toMatchObject({ type: 'curve', chart: 'power-law' });
    expect(chart('curve')).not.toHaveProperty('chart');
    expect(lessonError(lesson('```cell curve', 'id: curve', 'chart: pie', '```')).reason).toMatch(
      /chart must be one of curve, power-law; got "pie"/,
    );
  });

  it('parseLesson(source, file) reads a curve cell over CURVE_DEFAULTS with its id, title and fence line', () => {
    const cell = onlyCurve(
      lesson('Intro.', '', '```cell curve', 'id: main-curve_1', 'title: The curve', 'noise: 0.2', 'model: mlp', '```'),
    );
    expect(cell).toEqual({
      type: 'curve',
      id: 'main-curve_1',
      title: 'The curve',
      line: 7,
      params: { ...CURVE_DEFAULTS, noise: { kind: 'uniform', rate: 0.2 }, model: 'mlp' },
      presets: [],
    });
  });

  it('parseLesson(source, file) reads a curve cell’s yAxis: [low, high]; rejects one outside 0…1 or reversed', () => {
    const cell = onlyCurve(lesson('```cell curve', 'id: c', 'yAxis: [0.6, 1]', '```'));
    expect(cell.yAxis).toEqual([0.6, 1]);
    expect(onlyCurve(lesson('```cell curve', 'id: c', '```')).yAxis).toBeUndefined();
    for (const bad of ['[0.6]', '[1, 0.6]', '[-0.1, 1]', '[0.5, 1.2]', 'wide']) {
      const error = lessonError(lesson('```cell curve', 'id: c', `yAxis: ${bad}`, '```'));
      expect(error.line, bad).toBe(7);
      expect(error.reason, bad).toMatch(/yAxis must be \[low, high\]/);
    }
  });

  it('parseLesson(source, file) reads every curve parameter', () => {
    const cell = onlyCurve(
      lesson(
        '```cell curve',
        'id: c',
        'dataset: fashion',
        'model: mlp',
        'noise: 0.3',
        'sizes: [100, 1000, 5000]',
        'seeds: 3',
        'seed: 42',
        'n0: 1000',
        '```',
      ),
    );
    expect(cell.params).toEqual({
      dataset: 'fashion',
      model: 'mlp',
      noise: { kind: 'uniform', rate: 0.3 },
      sizes: [100, 1000, 5000],
      seeds: 3,
      seed: 42,
      n0: 1000,
    });
    expect(cell.title).toBe('');
  });

  it('parseLesson(source, file) reads a playground cell; classes only count for blobs', () => {
    const parsed = parseLesson(
      lesson(
        '```cell playground',
        'id: blobs',
        'shape: blobs',
        'classes: 4',
        'points: 200',
        'noise: 0.2',
        '```',
        '```cell playground',
        'id: moons',
        'shape: moons',
        'classes: 4',
        '```',
      ),
      FILE,
    );
    const [blobs, moons] = cells(parsed.blocks);
    expect(blobs).toEqual({
      type: 'playground',
      id: 'blobs',
      title: '',
      line: 5,
      params: {
        shape: 'blobs',
        points: 200,
        classes: 4,
        noise: 0.2,
        model: 'mlp',
        seed: 1,
        starts: 1,
        testPoints: 500,
      },
    });
    expect(moons).toMatchObject({ params: { shape: 'moons', classes: 2 } });
  });

  it('parseLesson(source, file) reads a worth cell over WORTH_DEFAULTS; a new file brings its label column', () => {
    const [defaults, wine] = cells(
      parseLesson(
        lesson(
          '```cell worth',
          'id: cars',
          '```',
          'Noise: {{wine.noiseEstimate}} vs {{wine.trueNoise}}.',
          '```cell worth',
          'id: wine',
          'title: Wine, 10% flipped',
          'file: wine.csv',
          'injectNoise: 0.1',
          'folds: 4',
          'model: mlp',
          'seed: 3',
          '```',
        ),
        FILE,
      ).blocks,
    );
    expect(defaults).toEqual({ type: 'worth', id: 'cars', title: '', line: 5, params: WORTH_DEFAULTS });
    expect(wine).toEqual({
      type: 'worth',
      id: 'wine',
      title: 'Wine, 10% flipped',
      line: 9,
      params: { file: 'wine.csv', label: 'cultivar', injectNoise: 0.1, folds: 4, model: 'mlp', seed: 3 },
    });
  });

  it('parseLesson(source, file) reads presets that inherit the cell’s parameters and override their own', () => {
    const cell = onlyCurve(
      lesson(
        '```cell curve',
        'id: curve',
        'noise: 0.2',
        'sizes: [50, 100, 200]',
        'n0: 100',
        'presets:',
        '  - name: " Heavy noise "',
        '    description: "  40% of labels flipped "',
        '    noise: 0.4',
        '  - name: MLP',
        '    model: mlp',
        '    sizes: [50, 200, 400]',
        '```',
      ),
    );
    expect(cell.presets).toEqual([
      {
        name: 'Heavy noise',
        description: '40% of labels flipped',
        params: { ...CURVE_DEFAULTS, noise: { kind: 'uniform', rate: 0.4 }, sizes: [50, 100, 200], n0: 100 },
      },
      {
        name: 'MLP',
        description: '',
        params: {
          ...CURVE_DEFAULTS,
          model: 'mlp',
          noise: { kind: 'uniform', rate: 0.2 },
          sizes: [50, 200, 400],
          n0: 100,
        },
      },
    ]);
    expect(cell.params.noise).toEqual({ kind: 'uniform', rate: 0.2 });
  });
});

describe('parseLesson — errors name the line and the problem', () => {
  it('LessonError has file, line, reason, and a message "file:line: reason"', () => {
    const error = lessonError('# No frontmatter', 'lessons/09-x.md');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('LessonError');
    expect(error.file).toBe('lessons/09-x.md');
    expect(error.line).toBe(1);
    expect(error.reason).toMatch(/starts with frontmatter/);
    expect(error.message).toBe(`lessons/09-x.md:1: ${error.reason}`);
  });

  it('parseLesson(source without frontmatter) fails at line 1', () => {
    const error = lessonError(['', '---', 'title: a', '---'].join('\n'));
    expect(error.line).toBe(1);
    expect(error.reason).toContain('a lesson starts with frontmatter');
  });

  it('parseLesson(source with unclosed frontmatter) fails at line 1', () => {
    const error = lessonError(['---', 'title: a', 'summary: b'].join('\n'));
    expect(error.line).toBe(1);
    expect(error.reason).toBe('the frontmatter is never closed with a "---" line');
  });

  it('parseLesson(frontmatter with bad YAML) fails at the line of the YAML error', () => {
    const error = lessonError(['---', 'title: a', 'summary: b: c', '---', ...CELL].join('\n'));
    expect(error.line).toBe(3);
    expect(error.reason).toMatch(/^not valid YAML: /);
  });

  it('parseLesson(frontmatter with an unknown key) fails at that key', () => {
    const error = lessonError(['---', 'title: a', 'summary: b', 'author: me', '---', ...CELL].join('\n'));
    expect(error.line).toBe(4);
    expect(error.reason).toBe('unknown frontmatter key "author" (known: title, summary, minutes)');
  });

  it('parseLesson(frontmatter without title or summary) says which is missing', () => {
    expect(lessonError(['---', 'summary: b', '---', ...CELL].join('\n')).reason).toBe(
      'frontmatter needs title: (a line of text)',
    );
    const blankSummary = lessonError(['---', 'title: a', 'summary: "  "', '---', ...CELL].join('\n'));
    expect(blankSummary.line).toBe(3);
    expect(blankSummary.reason).toBe('frontmatter needs summary: (a line of text)');
  });

  it('parseLesson(frontmatter with minutes: 0 or text) fails at the minutes line', () => {
    for (const value of ['0', '-3', 'soon']) {
      const error = lessonError(['---', 'title: a', 'summary: b', `minutes: ${value}`, '---', ...CELL].join('\n'));
      expect(error.line).toBe(4);
      expect(error.reason).toMatch(/^minutes must be a positive number, got /);
    }
  });

  it('parseLesson(lesson with no cells) fails at the first body line', () => {
    const error = lessonError(lesson('Just prose.', '```js', 'x', '```'));
    expect(error.line).toBe(5);
    expect(error.reason).toBe('a lesson needs at least one live cell (```cell <type>)');
  });

  it('parseLesson(unclosed fence) fails at the opening fence', () => {
    const error = lessonError(lesson(...CELL, 'Text.', '```cell curve', 'id: second'));
    expect(error.line).toBe(9);
    expect(error.reason).toBe('code fence ``` is never closed');
    // A ~~~ line does not close a ``` fence.
    expect(lessonError(lesson('```cell curve', 'id: c', '~~~')).line).toBe(5);
    // A prose fence left open is reported too.
    expect(lessonError(lesson(...CELL, '~~~~python', 'x')).reason).toBe('code fence ~~~~ is never closed');
  });

  it('parseLesson(unknown cell type) fails at the fence, listing the known types', () => {
    const error = lessonError(lesson('Intro.', '```cell chart', 'id: x', '```'));
    expect(error.line).toBe(6);
    expect(error.reason).toBe(
      'unknown cell type "chart" (known: curve, playground, review, labelers, worth, code, label)',
    );
    expect(lessonError(lesson('```cell', 'id: x', '```')).reason).toBe(
      'unknown cell type "" (known: curve, playground, review, labelers, worth, code, label)',
    );
  });

  it('parseLesson(cell with bad YAML) fails at the line of the YAML error', () => {
    const error = lessonError(lesson('```cell curve', 'id: c', 'sizes: [50, 100', '```'));
    expect(error.line).toBe(7);
    expect(error.reason).toMatch(/^not valid YAML: /);
  });

  it('parseLesson(cell whose body is a list) asks for key: value lines', () => {
    const error = lessonError(lesson('```cell curve', '- id: c', '```'));
    expect(error.line).toBe(6);
    expect(error.reason).toBe('expected "key: value" lines');
  });

  it('parseLesson(cell without an id) fails at the first body line; a bad id at its line', () => {
    const missing = lessonError(lesson('```cell curve', 'noise: 0.2', '```'));
    expect(missing.line).toBe(6);
    expect(missing.reason).toBe(
      'curve cell needs an id: a name of letters, digits, - or _ starting with a letter (got undefined)',
    );
    const bad = lessonError(lesson('```cell playground', 'noise: 0.2', 'id: 1st', '```'));
    expect(bad.line).toBe(7);
    expect(bad.reason).toContain('playground cell needs an id');
    expect(bad.reason).toContain('(got "1st")');
  });

  it('parseLesson(duplicate cell ids) fails at the second cell, naming the first', () => {
    const error = lessonError(lesson(...CELL, 'Between.', '```cell playground', 'id: curve', '```'));
    expect(error.line).toBe(9);
    expect(error.reason).toBe('cell id "curve" is used twice (first at line 5)');
  });

  it('parseLesson(worth cell with a bad file or noise rate) fails at that line with the reason', () => {
    const file = lessonError(lesson('```cell worth', 'id: w', 'file: iris.csv', '```'));
    expect(file.line).toBe(7);
    expect(file.reason).toBe('worth cell: file must be one of cars.csv, wine.csv, breast_cancer.csv; got "iris.csv"');
    const noise = lessonError(lesson('```cell worth', 'id: w', 'seed: 1', 'injectNoise: 2', '```'));
    expect(noise.line).toBe(8);
    expect(noise.reason).toBe(
      'worth cell: injectNoise must be from 0% (the labels as in the file) to 90% (the field “Flip labels first”), got 200%',
    );
    const ref = lessonError(lesson('{{w.flagged}}', '```cell worth', 'id: w', '```'));
    expect(ref.line).toBe(5);
    expect(ref.reason).toMatch(/^\{\{w\.flagged\}\}: a worth cell has no output "flagged" \(it has: rows, features, /);
  });

  it('parseLesson(unknown parameter) fails at that parameter, listing the known ones', () => {
    const error = lessonError(lesson('```cell curve', 'id: c', 'noise: 0.1', 'colour: red', '```'));
    expect(error.line).toBe(8);
    expect(error.reason).toBe(
      'curve cell: colour unknown parameter (known: dataset, model, noise, sizes, seeds, seed, n0)',
    );
    const playground = lessonError(lesson('```cell playground', 'id: p', 'sizes: [1, 2]', '```'));
    expect(playground.line).toBe(7);
    expect(playground.reason).toMatch(/^playground cell: sizes unknown parameter/);
  });

  it('parseLesson(noise: 2) fails at the noise line with the allowed range', () => {
    const error = lessonError(lesson('```cell curve', 'id: c', 'seeds: 3', 'noise: 2', '```'));
    expect(error.line).toBe(8);
    expect(error.reason).toBe('curve cell: noise must be between 0.01 and 0.9, got 2');
  });

  it('parseLesson(noise: high) says noise must be a rate or a noise model', () => {
    const error = lessonError(lesson('```cell curve', 'id: c', 'noise: high', '```'));
    expect(error.line).toBe(7);
    expect(error.reason).toBe(
      'curve cell: noise must be a number (a rate such as 0.1) or a map with kind: uniform | pairs | matrix | boundary | systematic; got "high"',
    );
  });

  it('parseLesson(sizes decreasing) fails at the sizes line', () => {
    const error = lessonError(lesson('```cell curve', 'id: c', 'n0: 100', 'sizes: [50, 200, 100]', '```'));
    expect(error.line).toBe(8);
    expect(error.reason).toBe('curve cell: sizes must increase (200 then 100)');
  });

  it('parseLesson(sizes larger than the pool) names the pool size of the data set', () => {
    const error = lessonError(lesson('```cell curve', 'id: c', 'sizes: [50, 2000]', 'n0: 50', '```'));
    expect(error.line).toBe(7);
    expect(error.reason).toBe('curve cell: sizes 2000 is more than the 1257 training examples of digits');
  });

  it('parseLesson(sizes as a block list) fails at the sizes line', () => {
    const error = lessonError(lesson('```cell curve', 'id: c', 'sizes:', '  - 50', '  - 5', 'n0: 50', '```'));
    expect(error.line).toBe(7);
    expect(error.reason).toContain('5 is not a whole number ≥ 10');
  });

  it('parseLesson(n0 outside the sizes) fails at the n0 line', () => {
    const error = lessonError(lesson('```cell curve', 'id: c', 'sizes: [50, 100, 200]', 'n0: 300', '```'));
    expect(error.line).toBe(8);
    expect(error.reason).toBe('curve cell: n0 must lie within the sizes (50…200), got 300');
  });

  it('parseLesson(dataset: mnist) lists the data sets', () => {
    const error = lessonError(lesson('```cell curve', 'id: c', 'dataset: mnist', '```'));
    expect(error.line).toBe(7);
    expect(error.reason).toBe('curve cell: dataset must be one of digits, fashion; got "mnist"');
  });

  it('parseLesson(playground classes: 9) fails at the classes line', () => {
    const error = lessonError(lesson('```cell playground', 'id: p', 'shape: blobs', 'classes: 9', '```'));
    expect(error.line).toBe(8);
    expect(error.reason).toBe('playground cell: classes must be a whole number from 2 to 6, got 9');
  });

  it('parseLesson({{cell.key}} naming no cell) fails at the line of the reference, listing the cells', () => {
    const error = lessonError(lesson('Intro.', '```js', 'x', '```', '', 'See', 'also {{nope.factor}}.', ...CELL));
    expect(error.line).toBe(11);
    expect(error.reason).toBe('{{nope.factor}} names no cell (cells: curve)');
  });

  it('parseLesson({{cell.key}} naming an unknown output) fails at its line, listing the outputs', () => {
    const error = lessonError(lesson(...CELL, '', 'The {{curve.accuracy}} here.'));
    expect(error.line).toBe(9);
    expect(error.reason).toBe(
      '{{curve.accuracy}}: a curve cell has no output "accuracy" (it has: factor, equivalentN, n0, cleanAtN0, noisyAt3N0, noise, seeds, dataset, needed, neededLow, neededHigh, neededFactor, ceilingAccuracy, ceilingLowAccuracy, ceilingHighAccuracy, cleanCeilingAccuracy)',
    );
  });

  it('parseLesson(preset with a bad value) fails at the preset’s line, not the cell’s', () => {
    const error = lessonError(
      lesson(
        '```cell curve',
        'id: c',
        'noise: 0.2',
        'presets:',
        '  - name: Fine',
        '    noise: 0.3',
        '  - name: Heavy',
        '    noise: 2',
        '```',
      ),
    );
    expect(error.line).toBe(12);
    expect(error.reason).toBe('curve cell preset "Heavy": noise must be between 0.01 and 0.9, got 2');
  });

  it('parseLesson(preset that breaks an inherited parameter) fails at that preset', () => {
    const error = lessonError(
      lesson(
        '```cell curve',
        'id: c',
        'sizes: [50, 100, 200]',
        'n0: 100',
        'presets:',
        '  - name: Small',
        '    sizes: [50, 60]',
        'seeds: 3',
        '```',
      ),
    );
    expect(error.line).toBe(10);
    expect(error.reason).toBe('curve cell preset "Small": n0 must lie within the sizes (50…60), got 100');
  });

  it('parseLesson(preset without a name) fails at that preset', () => {
    const error = lessonError(
      lesson('```cell curve', 'id: c', 'presets:', '  - name: A', '    noise: 0.3', '  - noise: 0.4', '```'),
    );
    expect(error.line).toBe(10);
    expect(error.reason).toBe('curve cell: preset 2 needs a name:');
  });

  it('parseLesson(presets that are not a list of maps) fails at the presets line', () => {
    const notList = lessonError(lesson('```cell curve', 'id: c', 'presets: heavy', '```'));
    expect(notList.line).toBe(7);
    expect(notList.reason).toBe('curve cell: presets must be a list of "- name: …" entries');
    const notMap = lessonError(lesson('```cell curve', 'id: c', 'presets: [heavy]', '```'));
    expect(notMap.line).toBe(7);
    expect(notMap.reason).toBe('curve cell: preset 1 must be a map with name:');
  });
});
