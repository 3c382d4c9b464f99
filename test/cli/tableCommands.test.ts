import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { csvDatasetArg, isCsvPath } from '../../src/cli/readCsvTable.ts';
import { progressLine, type CommandIO } from '../../src/cli/tableArgs.ts';
import { parseTableCurveArgs, tableCurveCommand } from '../../src/cli/tableCurve.ts';
import { parseTableIssuesArgs, tableIssuesCommand } from '../../src/cli/tableIssues.ts';
import { UsageError } from '../../src/cli/usage.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WINE = 'public/data/tabular/wine.csv';
const CANCER = 'public/data/tabular/breast_cancer.csv';

function capture(): { io: CommandIO; out: () => string } {
  let stdout = '';
  return { io: { write: (t) => (stdout += t), warn: () => {}, progress: false }, out: () => stdout };
}

describe('isCsvPath(value) and csvDatasetArg(args)', () => {
  it('a .csv name or a path is a CSV file; a shipped name is not', () => {
    expect(isCsvPath('data.csv')).toBe(true);
    expect(isCsvPath('DATA.CSV')).toBe(true);
    expect(isCsvPath('./exports/data')).toBe(true);
    expect(isCsvPath('digits')).toBe(false);
  });

  it('finds --dataset VALUE and --dataset=VALUE, null otherwise', () => {
    expect(csvDatasetArg(['--dataset', WINE, '--json'])).toBe(WINE);
    expect(csvDatasetArg([`--dataset=${WINE}`])).toBe(WINE);
    expect(csvDatasetArg(['--dataset', 'digits'])).toBeNull();
    expect(csvDatasetArg([])).toBeNull();
  });
});

describe('parseTableIssuesArgs / parseTableCurveArgs', () => {
  it('read the CSV options', () => {
    expect(parseTableIssuesArgs(['--dataset', WINE, '--label', 'cultivar', '--inject-noise', '0.2'])).toMatchObject({
      file: WINE,
      label: 'cultivar',
      injectNoise: 0.2,
      filter: 'prune_by_noise_rate',
    });
    expect(parseTableCurveArgs(['--dataset', WINE, '--fractions', '0.25,1']).fractions).toEqual([0.25, 1]);
  });

  it.each([
    [() => parseTableIssuesArgs(['--dataset', WINE, '--noise', '0.2']), /with a CSV file use --inject-noise RATE/],
    [() => parseTableIssuesArgs(['--dataset', WINE, '--size', '50']), /--size is for the shipped data sets/],
    [() => parseTableIssuesArgs(['--dataset', WINE, '--filter', 'magic']), /--filter must be one of/],
    [() => parseTableCurveArgs(['--dataset', WINE, '--sizes', '50,100']), /--sizes is for the shipped data sets/],
    [() => parseTableCurveArgs(['--dataset', WINE, '--fractions', '0.5,0.25']), /--fractions must increase/],
    [() => parseTableCurveArgs(['--dataset', WINE, '--fractions', '0,1']), /--fractions must lie in \(0, 1\]/],
  ])('refuses a mistake with a UsageError naming the option (%#)', (parse, message) => {
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });
});

describe('issues and curve on a CSV (in process, wasm backend)', () => {
  it('issues --dataset wine.csv --inject-noise 0.2: flags scored against the flips', async () => {
    const { io, out } = capture();
    await tableIssuesCommand(
      ['--dataset', WINE, '--label', 'cultivar', '--inject-noise', '0.2', '--seed', '1', '--json'],
      io,
    );
    const report = JSON.parse(out());
    expect(report.summary.rows).toBe(178);
    expect(report.injected.flipped).toBe(36);
    expect(report.injected.flagged).toBe(report.detection.issues.length);
    expect(report.injected.precision).toBeCloseTo(report.injected.truePositives / report.injected.flagged, 12);
    const scores = report.detection.issues.map((x: { score: number }) => x.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  it('curve --dataset breast_cancer.csv --inject-noise 0.3: two arms over the same sizes, noisy below', async () => {
    const { io, out } = capture();
    await tableCurveCommand(['--dataset', CANCER, '--label', 'diagnosis', '--inject-noise', '0.3', '--json'], io);
    const report = JSON.parse(out());
    expect(report.fractions).toEqual([0.125, 0.25, 0.5, 1]);
    expect(report.sizes).toEqual([...report.sizes].sort((a: number, b: number) => a - b));
    expect(report.noisy).toHaveLength(4);
    // 30% flipped labels cost accuracy at the full size.
    expect(report.noisy[3]).toBeLessThan(report.asGiven[3]);
    expect(report.exchange.n0).toBe(report.sizes[1]);
  });
});

describe('npm run -s lab -- issues / curve --dataset path.csv (real Node runs)', () => {
  it('issues reads a CSV given as --dataset and prints its JSON report', () => {
    const run = spawnSync(
      'npx',
      ['tsx', 'src/cli/main.ts', 'issues', '--dataset', WINE, '--label', 'cultivar', '--json', '--quiet'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.file).toBe(WINE);
    expect(report.injected).toBeNull();
    expect(report.baselineAccuracy).toBeGreaterThan(0.9);
  });

  it('curve prints the table of a CSV; a bad CSV exits 2', () => {
    const run = spawnSync(
      'npx',
      ['tsx', 'src/cli/main.ts', 'curve', '--dataset', WINE, '--label', 'cultivar', '--fractions', '0.5,1'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/fraction\s+rows\s+as given/);
    expect(
      run.stdout
        .trim()
        .split('\n')
        .filter((l) => /^\s+\d\.\d{3}\s+\d+\s+\d+\.\d%$/.test(l)),
    ).toHaveLength(2);
    const bad = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'curve', '--dataset', 'missing/nothing.csv'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/lab curve: cannot read missing\/nothing\.csv: there is no such file/);
  });
});

describe('progressLine', () => {
  it('draws fits done and the time left on one line, nothing when quiet or not a terminal', () => {
    let err = '';
    let clock = 0;
    const io: CommandIO = { write: () => {}, warn: (t) => (err += t), progress: true };
    const line = progressLine(io, false, 'fits', () => clock)!;
    clock = 4000;
    line({ done: 20, total: 80, work: 20_000, totalWork: 1_000_000 });
    expect(err).toBe('\rfits 20/80 · about 3 min 16 s left');
    clock = 200_000;
    line({ done: 80, total: 80, work: 1_000_000, totalWork: 1_000_000 });
    // The last line pads over the longer one before it and ends the line.
    expect(err.split('\r')[2]).toBe(`${'fits 80/80'.padEnd('fits 20/80 · about 3 min 16 s left'.length)}\n`);
    expect(progressLine(io, true, 'fits')).toBeUndefined();
    expect(progressLine({ ...io, progress: false }, false, 'fits')).toBeUndefined();
  });
});
