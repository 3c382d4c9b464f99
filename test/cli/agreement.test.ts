import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLabelFiles, parseAgreementArgs, parseLabelFile, readLabelFiles } from '../../src/cli/agreementArgs.ts';
import { agreementCommand } from '../../src/cli/agreementCommand.ts';
import { agreementReport, formatAgreementReport } from '../../src/cli/agreementReport.ts';
import { UsageError } from '../../src/cli/curveArgs.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const A = [0, 1, 2, 6, 6, 6, 0, 4, 2, 1, 6, 6];
const B = [0, 1, 2, 0, 2, 6, 0, 4, 2, 1, 4, 6];
const C = [0, 1, 2, 6, 0, 6, 0, 4, 4, 1, 6, 2];

let dir = '';
const file = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lab-agreement-'));
  writeFileSync(file('a.json'), JSON.stringify(A));
  writeFileSync(file('b.json'), JSON.stringify({ labels: B }));
  writeFileSync(file('c.json'), JSON.stringify(C));
  writeFileSync(file('short.json'), '[0, 1, 2]');
  writeFileSync(file('broken.json'), '[0, 1,');
  writeFileSync(file('words.json'), '["cat", "dog"]');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command in-process, collecting what it writes. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await agreementCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('parseAgreementArgs(args)', () => {
  it('reads the files in order, --classes and --json', () => {
    expect(parseAgreementArgs(['a.json', 'b.json', 'c.json', '--classes', '10', '--json'])).toEqual({
      files: ['a.json', 'b.json', 'c.json'],
      classes: 10,
      json: true,
    });
  });

  it('defaults: no --classes, tables not JSON', () => {
    expect(parseAgreementArgs(['a.json', 'b.json'])).toEqual({
      files: ['a.json', 'b.json'],
      classes: undefined,
      json: false,
    });
  });

  it.each([
    [[], /give at least two label files, one per labeler; got none/],
    [['a.json'], /give at least two label files, one per labeler; got only "a.json"/],
    [['a.json', 'b.json', '--classes', 'ten'], /--classes must be a whole number ≥ 1, got "ten"/],
    [['a.json', 'b.json', '--classes', '0'], /--classes must be a whole number ≥ 1, got "0"/],
    [['a.json', 'b.json', '--frobnicate'], /Unknown option '--frobnicate'. See --help/],
  ])('%j is refused with a UsageError that says what to do', (args, message) => {
    expect(() => parseAgreementArgs(args)).toThrow(UsageError);
    expect(() => parseAgreementArgs(args)).toThrow(message);
  });
});

describe('parseLabelFile(text, file)', () => {
  it('reads a JSON array of labels, or an object with "labels"', () => {
    expect(parseLabelFile('[0, 2, 1]', 'x.json')).toEqual(Int32Array.from([0, 2, 1]));
    expect(parseLabelFile('{"labels": [3], "labeler": "ann"}', 'x.json')).toEqual(Int32Array.from([3]));
    expect(parseLabelFile('[]', 'x.json')).toEqual(new Int32Array(0));
  });

  it.each([
    ['[0, 1', /"x.json" is not valid JSON \(/],
    [
      '{"labels": 3}',
      /"x.json" must hold a JSON array of whole-number labels .*; it holds an object whose "labels" is a number/,
    ],
    ['{"names": [1]}', /"x.json" must hold a JSON array .*; it holds an object$/],
    ['"0 1 2"', /it holds a string/],
    ['null', /it holds null/],
    ['[0, 1.5]', /"x.json" must hold a JSON array .*; item 1 is 1.5/],
    ['[0, -1]', /item 1 is -1/],
    ['["cat"]', /item 0 is "cat"/],
    ['[0, null]', /item 1 is null/],
  ])('%s is refused with a UsageError naming the file', (text, message) => {
    expect(() => parseLabelFile(text, 'x.json')).toThrow(UsageError);
    expect(() => parseLabelFile(text, 'x.json')).toThrow(message);
  });
});

describe('readLabelFiles(files) and checkLabelFiles(files, labelers, classes?)', () => {
  it('readLabelFiles reads every file', async () => {
    const labelers = await readLabelFiles([file('a.json'), file('b.json')]);
    expect(labelers.map((l) => Array.from(l))).toEqual([A, B]);
  });

  it('readLabelFiles names a missing file', async () => {
    await expect(readLabelFiles([file('a.json'), file('missing.json')])).rejects.toThrow(
      `cannot read "${file('missing.json')}": no such file`,
    );
    await expect(readLabelFiles([dir])).rejects.toThrow(/it is a directory/);
  });

  it('checkLabelFiles returns K = one more than the largest label, or --classes', () => {
    const labelers = [Int32Array.from(A), Int32Array.from(B)];
    expect(checkLabelFiles(['a', 'b'], labelers)).toBe(7);
    expect(checkLabelFiles(['a', 'b'], labelers, 10)).toBe(10);
  });

  it('checkLabelFiles refuses different lengths, no labels and too few --classes, naming the file', () => {
    expect(() => checkLabelFiles(['a', 'b'], [Int32Array.from(A), Int32Array.from([0])])).toThrow(
      '"b" has 1 labels but "a" has 12; every file must label the same items, in the same order',
    );
    expect(() => checkLabelFiles(['a', 'b'], [new Int32Array(0), new Int32Array(0)])).toThrow(/"a" holds no labels/);
    expect(() => checkLabelFiles(['a', 'b'], [Int32Array.from(A), Int32Array.from(B)], 5)).toThrow(
      '--classes 5 is too few: "a" has label 6 at item 3',
    );
  });
});

describe('agreementReport(files, labelers, K) and formatAgreementReport(report)', () => {
  const labelers = [A, B, C].map((l) => Int32Array.from(l));

  it('two files: the pair’s figures, no Fleiss or Krippendorff', () => {
    const report = agreementReport(['a', 'b'], labelers.slice(0, 2), 7);
    expect(report).toMatchObject({ files: ['a', 'b'], items: 12, classes: 7, percentAgreement: 0.75 });
    expect(report.pairs).toHaveLength(1);
    expect(report.pairs[0]!.cohenKappa).toEqual({
      defined: true,
      kappa: expect.closeTo(20 / 29, 12),
      observed: 0.75,
      expected: expect.closeTo(7 / 36, 12),
    });
    expect(report.pairs[0]!.disagreementMatrix[6]).toEqual([1, 0, 1, 0, 1, 0, 2]);
    expect(report.pairs[0]!.perClass[6]).toEqual({ class: 6, a: 5, b: 2, both: 2, agreement: 4 / 7 });
    expect(report.perClass[6]!.agreement).toBeCloseTo(4 / 7, 14);
    expect(report.fleissKappa).toBeUndefined();
    expect(report.krippendorffAlpha).toBeUndefined();
    const text = formatAgreementReport(report);
    expect(text).toMatch(/^2 labelers, 12 items, 7 classes\n {2}A {2}a\n {2}B {2}b\n/);
    expect(text).toMatch(/percent agreement {3}75\.0%/);
    expect(text).toMatch(/Cohen's kappa {7}0\.690/);
    expect(text).toMatch(/ {2}6 {4}5 {2}2 {5}2 {6}57\.1%/);
    expect(text).toMatch(/ {2}0 vs 6: 1 item, 33\.3% of disagreements \(A 0 & B 6: 0; A 6 & B 0: 1\)/);
  });

  it('three files: the pairwise table, Fleiss’ kappa and Krippendorff’s alpha', () => {
    const report = agreementReport(['a', 'b', 'c'], labelers, 7);
    expect(report.pairs.map((p) => [p.a, p.b])).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
    expect(report.percentAgreement).toBeCloseTo((0.75 + 0.75 + 7 / 12) / 3, 14);
    expect(report.fleissKappa?.defined).toBe(true);
    expect(report.krippendorffAlpha?.defined).toBe(true);
    expect(report.disagreementMatrix[6]).toEqual([2, 0, 3, 0, 1, 0, 6]);
    const text = formatAgreementReport(report);
    expect(text).toMatch(/A × B {14}75\.0% {10}0\.690/);
    expect(text).toMatch(/Fleiss' kappa {10}0\.\d{3}\n/);
    expect(text).toMatch(/Krippendorff's alpha {3}0\.\d{3} \(nominal\)/);
  });

  it('an undefined kappa is printed with its reason, not NaN', () => {
    const same = [Int32Array.from([1, 1, 1]), Int32Array.from([1, 1, 1])];
    const text = formatAgreementReport(agreementReport(['a', 'b'], same, 2));
    expect(text).toMatch(/Cohen's kappa {7}undefined: both labelers gave every item the same single class \(1\)/);
    expect(text).not.toMatch(/NaN/);
  });
});

describe('agreementCommand(args, io)', () => {
  it('prints the tables for two files and returns 0', async () => {
    const { code, stdout, stderr } = await run([file('a.json'), file('b.json')]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/Cohen's kappa {7}0\.690/);
  });

  it('--help prints the usage and returns 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run -s lab -- agreement A\.json B\.json \[C\.json \.\.\.\] \[options\]/);
  });

  it.each([
    [['missing.json', 'b.json'], /lab agreement: cannot read ".*missing\.json": no such file/],
    [['broken.json', 'b.json'], /lab agreement: ".*broken\.json" is not valid JSON/],
    [
      ['a.json', 'words.json'],
      /lab agreement: ".*words\.json" must hold a JSON array of whole-number labels .*; item 0 is "cat"/,
    ],
    [['a.json', 'short.json'], /lab agreement: ".*short\.json" has 3 labels but ".*a\.json" has 12/],
    [['a.json'], /lab agreement: give at least two label files/],
  ])('%j exits with 2 and a message on stderr naming the file', async (names, message) => {
    const { code, stdout, stderr } = await run(names.map((n) => file(n)));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});

describe('npm run -s lab -- agreement (a real Node run)', () => {
  it('prints JSON for three files', () => {
    const args = ['tsx', 'src/cli/main.ts', 'agreement', file('a.json'), file('b.json'), file('c.json'), '--json'];
    const result = spawnSync('npx', args, { cwd: ROOT, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.files).toEqual([file('a.json'), file('b.json'), file('c.json')]);
    expect(report.items).toBe(12);
    expect(report.pairs).toHaveLength(3);
    expect(report.pairs[0].cohenKappa.kappa).toBeCloseTo(20 / 29, 12);
    expect(report.perClass[3].agreement).toBeNull();
    expect(report.fleissKappa.defined).toBe(true);
    expect(report.krippendorffAlpha).toMatchObject({ defined: true, units: 12, pairable: 36 });
  });

  it('exits with status 2 and a message on stderr for a missing file', () => {
    const args = ['tsx', 'src/cli/main.ts', 'agreement', file('a.json'), file('nope.json')];
    const result = spawnSync('npx', args, { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`lab agreement: cannot read "${file('nope.json')}": no such file\n`);
  });
});

describe('lab agreement on a label cell’s files: lined up by item, the figures the cell shows', () => {
  const FIXTURE = JSON.parse(readFileSync(new URL('../fixtures/label-cell-sklearn.json', import.meta.url), 'utf8')) as {
    rows: number[];
    yours: number[];
    others: { labeler: string; items: number[]; labels: number[] }[];
    pairKappa: number;
    pairItems: number;
    fleiss: number;
    alpha: number;
  };
  const names = ['you.json', 'sam.json', 'ada.json', 'lin.json'];

  beforeAll(() => {
    // The reader skipped one item: their file lists 39 items, the others all 40, in another order than the reader's.
    writeFileSync(
      file('you.json'),
      JSON.stringify({ format: 'data-centric-lab/labels', items: FIXTURE.rows, labels: FIXTURE.yours }),
    );
    FIXTURE.others.forEach((other, i) => {
      const order = other.items.map((_, j) => j).reverse();
      writeFileSync(
        file(names[i + 1]!),
        JSON.stringify({
          ...other,
          items: order.map((j) => other.items[j]),
          labels: order.map((j) => other.labels[j]),
        }),
      );
    });
  });

  it('two files: Cohen’s kappa on the items both labelled equals scikit-learn’s', async () => {
    const out = await run([file('you.json'), file('sam.json'), '--json']);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report.items).toBe(FIXTURE.pairItems);
    expect(Math.abs(report.pairs[0].cohenKappa.kappa - FIXTURE.pairKappa)).toBeLessThan(1e-12);
    expect(report.note).toMatch(/lined up by item: 39 items every file labelled, of 40/);
  });

  it('four files: Fleiss’ kappa on the items all labelled and alpha with the gap equal the numpy reference', async () => {
    const out = await run([...names.map(file), '--json']);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(Math.abs(report.fleissKappa.kappa - FIXTURE.fleiss)).toBeLessThan(1e-12);
    expect(Math.abs(report.krippendorffAlpha.alpha - FIXTURE.alpha)).toBeLessThan(1e-12);
    expect(report.note).toMatch(/alpha counts all 40/);
    const text = await run(names.map(file));
    expect(text.stdout.split('\n')[0]).toMatch(/^label-cell files, lined up by item/);
  });

  it('refuses a mix of label-cell files and plain lists, files with no item in common, and items that do not match the labels', async () => {
    expect((await run([file('you.json'), file('a.json')])).stderr).toMatch(
      /"[^"]*you\.json" lists the items it labelled and "[^"]*a\.json" does not/,
    );
    writeFileSync(file('far.json'), JSON.stringify({ items: [900001, 900002], labels: [1, 2] }));
    expect((await run([file('you.json'), file('far.json')])).stderr).toMatch(/no item in common/);
    writeFileSync(file('odd.json'), JSON.stringify({ items: [1, 2, 3], labels: [1, 2] }));
    const odd = await run([file('you.json'), file('odd.json')]);
    expect(odd.code).toBe(2);
    expect(odd.stderr).toMatch(/"[^"]*odd\.json" has "items" that are not 2 data-set rows/);
  });
});
