import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TableInputError } from '../../src/cli/readCsvTable.ts';
import type { CommandIO } from '../../src/cli/tableArgs.ts';
import { UsageError } from '../../src/cli/usage.ts';
import { formatWorth } from '../../src/cli/worthReport.ts';
import { parseWorthArgs } from '../../src/cli/worthArgs.ts';
import { worthCommand } from '../../src/cli/worthCommand.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WINE = join(ROOT, 'public/data/tabular/wine.csv');
const CARS = join(ROOT, 'public/data/tabular/cars.csv');
/** A table saved by older Excel on Windows: Windows-1252 bytes (é, ü, ß, ä, €, curly quotes), CRLF. */
const WINDOWS_1252 = join(ROOT, 'test/fixtures/encodings/windows-1252.csv');
const PNG = join(ROOT, 'docs/screenshot.png');

/** Runs `lab worth` in this process and returns what it wrote. */
async function worth(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = { write: (t) => (stdout += t), warn: (t) => (stderr += t), progress: false };
  await worthCommand(args, io);
  return { stdout, stderr };
}

let dir = '';
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lab-worth-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseWorthArgs(args)', () => {
  it('reads the file and the options, with defaults', () => {
    expect(parseWorthArgs(['data.csv', '--label', 'class'])).toEqual({
      file: 'data.csv',
      label: 'class',
      folds: 5,
      seed: 0,
      model: 'auto',
      injectNoise: undefined,
      injectNoiseKind: 'uniform',
      backend: 'wasm',
      json: false,
      quiet: false,
    });
    expect(parseWorthArgs(['d.csv', '--inject-noise', '0.2', '--seed', '4', '--folds', '3', '--json'])).toMatchObject({
      injectNoise: 0.2,
      seed: 4,
      folds: 3,
      json: true,
    });
  });

  it.each([
    [[], /give the CSV file to analyse/],
    [['a.csv', 'b.csv'], /give one CSV file, got 2/],
    [['a.csv', '--folds', '1'], /--folds must be a whole number from 2 to 10, got 1/],
    [['a.csv', '--inject-noise', '1.5'], /--inject-noise must be a rate above 0 and at most 0.9/],
    [['a.csv', '--inject-noise', 'lots'], /--inject-noise must be a number, got "lots"/],
    [['a.csv', '--model', 'svm'], /--model must be one of auto, logreg, mlp; got "svm"/],
    [
      ['a.csv', '--inject-noise-kind', 'pairs'],
      /--inject-noise-kind must be uniform or class-conditional; got "pairs"/,
    ],
    [['a.csv', '--seed', '1.5'], /--seed must be a whole number/],
    [['a.csv', '--frobnicate'], /Unknown option '--frobnicate'. See --help/],
  ])('%j is refused with a message naming the problem', (args, message) => {
    expect(() => parseWorthArgs(args)).toThrow(UsageError);
    expect(() => parseWorthArgs(args)).toThrow(message);
  });
});

describe('worthCommand (in process, wasm backend)', () => {
  it('wine.csv --json: the report with the noise interval, accuracies, curve, sensitivity and issues', async () => {
    const { stdout } = await worth([WINE, '--label', 'cultivar', '--json']);
    const out = JSON.parse(stdout);
    expect(out.summary).toMatchObject({ rows: 178, label: 'cultivar', folds: 5, model: 'auto' });
    expect(out.model.choice).toBe('auto');
    expect(['logreg', 'mlp']).toContain(out.model.chosen.kind);
    expect(out.summary.classes.map((c: { name: string }) => c.name)).toEqual([
      'cultivar_1',
      'cultivar_2',
      'cultivar_3',
    ]);
    expect(out.summary.features).toHaveLength(13);
    expect(out.backend).toBe('wasm');
    const { report } = out;
    // The labels as shipped are right: nothing wrong is found, nothing claimed.
    expect(report.verdict).toBe('no_noise');
    expect(report.headline).toMatch(/^No (label looks wrong|sign of wrong labels)/);
    expect(report.noiseRate.low).toBeLessThanOrEqual(report.noiseRate.estimate);
    expect(report.noiseRate.estimate).toBeLessThanOrEqual(report.noiseRate.high);
    expect(report.method.length).toBeGreaterThan(0);
    expect(report.caveats.length).toBeGreaterThan(0);
    expect(out.baseline.accuracy).toBeGreaterThan(0.9); // wine is easy for logistic regression
    expect(report.accuracyNow.estimate).toBe(out.baseline.corrected);
    // The JSON keys the README documents.
    for (const key of ['verdict', 'noiseRate', 'accuracyNow', 'accuracyAfterCleaning', 'gain', 'dataEquivalent']) {
      expect(report, key).toHaveProperty(key);
    }
    expect(out.noise.classes.matrix).toHaveLength(9);
    expect(out.noise.classes.flipRates).toHaveLength(3);
    expect(out.classNames).toEqual(['cultivar_1', 'cultivar_2', 'cultivar_3']);
    expect(out.bootstrap.gain).toHaveProperty('low');
    expect(out.detection.issues).toHaveLength(out.detection.flagged);
    expect(report.suspected).toBe(out.detection.flagged);
    const sizes = out.curve.map((p: { size: number }) => p.size);
    expect(sizes).toEqual([...sizes].sort((a: number, b: number) => a - b));
    expect(out.sensitivity.points).toHaveLength(3);
    expect(out.injected).toBeNull();
  });

  it('--inject-noise 0.2 --seed 0: precision, recall and F1 of the flags against the flipped rows', async () => {
    const { stdout } = await worth([WINE, '--label', 'cultivar', '--inject-noise', '0.2', '--seed', '0', '--json']);
    const { injected, detection, baseline } = JSON.parse(stdout);
    expect(injected.flipped).toBe(36); // round(0.2 · 178)
    expect(injected.flippedRows).toHaveLength(36);
    expect(Math.min(...injected.flippedRows)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...injected.flippedRows)).toBeLessThanOrEqual(179);
    expect(injected.flagged).toBe(detection.flagged);
    expect(injected.precision).toBeCloseTo(injected.truePositives / injected.flagged, 12);
    expect(injected.recall).toBeCloseTo(injected.truePositives / 36, 12);
    expect(injected.f1).toBeGreaterThan(0.5);
    const marked = detection.issues.filter((x: { injected: boolean }) => x.injected).length;
    expect(marked).toBe(injected.truePositives);
    // Against the labels as in the file, the model trained on noisy labels beats its score on the noisy ones.
    expect(baseline.truth).toBeGreaterThan(baseline.accuracy);
  });

  it('prints a readable report: headline, noise rate with interval, method, caveats, suspected rows', async () => {
    const { stdout } = await worth([WINE, '--label', 'cultivar', '--inject-noise', '0.1']);
    expect(stdout).toMatch(/^(Fixing the ~\d+ suspected labels is worth|Cleaning may not help|Can't tell)/m);
    expect(stdout).toMatch(/estimated wrong labels\s+\d+\.\d% {2}\(90% interval \d+\.\d% to \d+\.\d%\)/);
    expect(stdout).toMatch(/accuracy after cleaning/);
    expect(stdout).toMatch(/Noise by class \(/);
    expect(stdout).toMatch(/nested cleaning changed \d+ training labels per split/);
    expect(stdout).toMatch(/precision \d+\.\d%, recall \d+\.\d%, F1 \d\.\d{3}/);
    expect(stdout).toMatch(/Most suspect rows[^\n]*\n\s+\d+: cultivar_\d → cultivar_\d {2}\d\.\d{3}/);
    expect(stdout).toContain('How this was measured:');
    expect(stdout).toContain('Caveats:');
  });

  it('cars.csv: the JSON carries the model chosen, the noise by class and the fit count; the text shows them', async () => {
    const { stdout } = await worth([CARS, '--label', 'Origin', '--json']);
    const out = JSON.parse(stdout);
    expect(out.summary.features).toEqual([
      'Miles_per_Gallon',
      'Cylinders',
      'Displacement',
      'Horsepower',
      'Weight_in_lbs',
      'Acceleration',
      'Year',
    ]);
    expect(out.noise.anchorRows).toBe(122); // round(0.3 · 406)
    expect(out.noise.estimate).toBe(out.report.noiseRate.estimate);
    expect(out.model.candidates.filter((c: { chosen: boolean }) => c.chosen)).toHaveLength(1);
    expect(out.fits).toBeGreaterThan(100);
    expect(out.repeats).toBe(2);
    // The text is the same analysis printed (formatWorth), from the very same output.
    const text = formatWorth(out);
    expect(text).toContain(`${out.model.description} (chosen automatically)`);
    expect(text).toMatch(/\n {4}Europe\s+\d+\.\d% {2}Japan \d+\.\d%, USA \d+\.\d%\n/);
  });

  it.each([
    ['empty.csv', '', /empty\.csv cannot be analysed:\n {2}error: The file is empty/],
    [
      'ragged.csv',
      'a,b,label\n1,2\n3,4,x,9\n',
      /error \(row 2\): Every data row \(rows 2, 3\) have a different number/,
    ],
    [
      'single.csv',
      'a,b,label\n1,2,x\n3,4,x\n5,6,x\n',
      /error \(column "label"\): Every labelled row has the same class "x"/,
    ],
    [
      'rare.csv',
      'a,label\n1,x\n2,x\n3,y\n',
      /error \(column "label"\): Classes "x" \(2 rows\), "y" \(1 row\) have fewer rows/,
    ],
    ['binary.csv', '\u0000\u0001\u0002', /error: This is a binary file, not CSV text: byte 0 is a NUL/],
  ])('%s: a TableInputError listing the problem with its row and column', async (name, text, message) => {
    const path = file(name, text);
    const run = worth([path, '--label', 'label']);
    await expect(run).rejects.toThrow(TableInputError);
    await expect(worth([path, '--label', 'label'])).rejects.toThrow(message);
  });

  it('a Windows-1252 file: read with the notice on stderr, the accented label and classes intact', async () => {
    const { stdout, stderr } = await worth([WINDOWS_1252, '--label', 'Qualität', '--json']);
    expect(stderr).toMatch(
      /^lab worth: warning: This file is not UTF-8 \(byte 0xF6 on line 1 is not valid UTF-8\), so it was read as Windows-1252 \(Latin-1\)/,
    );
    expect(stderr).toContain('for example on line 1: "Größe"');
    const out = JSON.parse(stdout);
    expect(out.warnings.map((w: { code: string }) => w.code)).toEqual(['read-as-windows-1252']);
    expect(out.summary.label).toBe('Qualität');
    expect(out.summary.features).toEqual(expect.arrayContaining(['Größe', 'Gewicht']));
    expect(out.summary.rows).toBe(60);
    expect(out.summary.classes).toEqual([
      { name: 'sauer', count: 30 },
      { name: 'süß', count: 30 },
    ]);
  });

  it('a PNG named on the command line is a TableInputError that calls it an image, never Latin-1', async () => {
    const run = worth([PNG, '--label', 'label']);
    await expect(run).rejects.toThrow(TableInputError);
    await expect(worth([PNG, '--label', 'label'])).rejects.toThrow(/error: This is a PNG image, not a CSV file\./);
    await expect(worth([PNG, '--label', 'label'])).rejects.not.toThrow(/Latin-1/);
  });

  it('an unknown label column or a missing file is a UsageError naming it', async () => {
    const path = file('ok.csv', 'a,b\n1,x\n2,y\n');
    await expect(worth([path, '--label', 'class'])).rejects.toThrow(
      /--label "class" is not a column of .*ok\.csv. Its columns are: "a", "b"/,
    );
    await expect(worth([join(dir, 'nope.csv')])).rejects.toThrow(/cannot read .*nope\.csv: there is no such file/);
  });
});

describe('npm run -s lab -- worth (a real Node run)', () => {
  it('a bad file exits 2 with every problem on stderr and no stack trace', () => {
    const path = file('bad.csv', 'a,b,label\n1,2,x\n3,4\n5,6,x\n');
    const run = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'worth', path, '--label', 'label'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^lab worth: .*bad\.csv cannot be analysed:\n/);
    expect(run.stderr).toMatch(/warning \(row 3\): 1 row \(row 3\) has a different number of fields/);
    expect(run.stderr).toMatch(/error \(column "label"\): Every labelled row has the same class "x"/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a Windows-1252 file runs to the report (exit 0) and prints the encoding notice on stderr', () => {
    const run = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'worth', WINDOWS_1252, '--label', 'Qualität', '--quiet'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^lab worth: warning: This file is not UTF-8 .*read as Windows-1252 \(Latin-1\)/);
    expect(run.stderr).toMatch(/Check that accented letters look right/);
    expect(run.stderr).toMatch(/"CSV UTF-8"/);
    expect(run.stdout).toContain('windows-1252.csv: 60 rows, 2 classes (sauer 30, süß 30), label "Qualität"');
  });
});
