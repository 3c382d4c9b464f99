import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseIssuesArgs } from '../../src/cli/issuesCommand.ts';
import { UsageError, joinNegativeValues } from '../../src/cli/usage.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('parseIssuesArgs(args)', () => {
  it('defaults: digits, logreg, 20% uniform noise, the whole training pool, 5 folds, the default filter', () => {
    expect(parseIssuesArgs([]).params).toEqual({
      dataset: 'digits',
      model: 'logreg',
      noise: { kind: 'uniform', rate: 0.2 },
      size: 1257,
      folds: 5,
      filter: 'prune_by_noise_rate',
      seed: 0,
      seeds: 5, // the review cell's training sets for its cleaning budget; `lab issues` trains one
    });
  });

  it('reads a JSON noise spec and the other options', () => {
    const { params, json } = parseIssuesArgs([
      '--dataset',
      'fashion',
      '--noise',
      '{"kind":"pairs","rate":0.3,"pairs":[[6,0]]}',
      '--size',
      '2000',
      '--folds',
      '3',
      '--filter',
      'both',
      '--json',
    ]);
    expect(params).toMatchObject({
      dataset: 'fashion',
      noise: { kind: 'pairs', rate: 0.3, pairs: [[6, 0]] },
      size: 2000,
      folds: 3,
      filter: 'both',
    });
    expect(json).toBe(true);
  });

  it.each([
    [['--filter', 'magic'], /--filter must be one of prune_by_noise_rate/],
    [['--noise', '{kind'], /--noise is not valid JSON/],
    [['--noise', 'lots'], /--noise must be a rate such as 0.2, or a JSON noise spec; got "lots"/],
    [['--size', '99999'], /--size must be a whole number from 50 to 1257, got 99999/],
    [['--folds', '1'], /--folds must be a whole number from 2 to 10, got 1/],
    [['--noise', '{"kind":"pairs","rate":0.3,"pairs":[[1,12]]}'], /--noise \(pairs\)/],
  ])('%j is refused with a message naming the option', (args, message) => {
    expect(() => parseIssuesArgs(args)).toThrow(UsageError);
    expect(() => parseIssuesArgs(args)).toThrow(message);
  });
});

describe('one clear message per mistake, the same options as the other commands', () => {
  it('an unknown data set is named once, with what to give instead (no second error about --size)', () => {
    let message = '';
    try {
      parseIssuesArgs(['--dataset', 'nope']);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      message = (error as Error).message;
    }
    expect(message).toBe('--dataset must be one of digits, fashion, or a path to a .csv file; got "nope"');
    expect(message).not.toMatch(/size/);
  });

  it('takes --quiet as curve and worth do', () => {
    expect(parseIssuesArgs(['--quiet', '--size', '100']).params.size).toBe(100);
  });

  it('a negative number after an option reaches the real check: --noise -0.1, --seed -1', () => {
    expect(() => parseIssuesArgs(['--noise', '-0.1'])).toThrow(/--noise.*-0\.1/);
    expect(() => parseIssuesArgs(['--noise', '-0.1'])).not.toThrow(/ambiguous/);
    expect(() => parseIssuesArgs(['--seed', '-1'])).toThrow(/--seed/);
  });
});

describe('joinNegativeValues', () => {
  it('joins a negative number to the option before it, and nothing else', () => {
    expect(joinNegativeValues(['--noise', '-0.1', '--seed', '-.5', '--json'])).toEqual([
      '--noise=-0.1',
      '--seed=-.5',
      '--json',
    ]);
    expect(joinNegativeValues(['--noise=-0.1', '-h', '--dataset', 'digits', '--x', '-y'])).toEqual([
      '--noise=-0.1',
      '-h',
      '--dataset',
      'digits',
      '--x',
      '-y',
    ]);
  });
});

describe('npm run -s lab -- issues (a real Node run)', () => {
  it('prints the flagged indices with scores, the estimated noise rate, and precision, recall and F1', () => {
    const run = spawnSync(
      'npx',
      ['tsx', 'src/cli/main.ts', 'issues', '--dataset', 'digits', '--noise', '0.2', '--seed', '0', '--json'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.trueNoiseRate).toBeCloseTo(0.2, 3);
    expect(Math.abs(report.estimatedNoiseRate - 0.2)).toBeLessThan(0.05);
    expect(report.flagged).toBe(report.issues.length);
    expect(report.f1).toBeGreaterThan(0.85);
    expect(report.precision).toBeCloseTo(report.truePositives / report.flagged, 12);
    const scores = report.issues.map((x: { score: number }) => x.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(report.issues.filter((x: { trulyWrong: boolean }) => x.trulyWrong).length).toBe(report.truePositives);
  });

  it('exits 2 with the problem on stderr for a bad option', () => {
    const run = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'issues', '--folds', '1'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/lab issues: --folds must be a whole number from 2 to 10, got 1/);
  });
});
