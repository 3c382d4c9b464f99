import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { UsageError, defaultN0, parseCurveArgs } from '../../src/cli/curveArgs.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('parseCurveArgs(args)', () => {
  it('reads every option into a sweep spec', () => {
    const command = parseCurveArgs([
      '--dataset',
      'fashion',
      '--model',
      'mlp',
      '--noise',
      '0.2',
      '--sizes',
      '100,200,400',
      '--seeds',
      '3',
      '--seed',
      '7',
      '--n0',
      '200',
      '--json',
    ]);
    expect(command.spec).toEqual({
      dataset: 'fashion',
      model: 'mlp',
      sizes: [100, 200, 400],
      noise: { kind: 'uniform', rate: 0.2 },
      seeds: 3,
      firstSeed: 7,
      n0: 200,
    });
    expect(command.json).toBe(true);
    expect(command.backend).toBe('wasm');
  });

  it('defaults: digits, logreg, 10% noise, 8 sizes, 5 seeds', () => {
    expect(parseCurveArgs([]).spec).toMatchObject({ dataset: 'digits', model: 'logreg', seeds: 5, n0: 300 });
  });

  it.each([
    [['--dataset', 'mnist'], /--dataset must be one of digits, fashion; got "mnist"/],
    [['--model', 'svm'], /--model must be one of logreg, mlp; got "svm"/],
    [['--noise', 'lots'], /--noise must be a rate such as 0.2, or a JSON noise spec; got "lots"/],
    [['--noise', '1.5'], /--noise must be between 0.01 and 0.9, got 1.5/],
    [['--sizes', '50,x'], /--sizes must be a number, got "x"/],
    [['--sizes', '200,100'], /^--sizes must increase \(200 then 100\)$/],
    [['--sizes', '50,5000'], /--sizes 5000 is more than the 1257 training examples of digits/],
    [['--seeds', '0'], /--seeds must be a whole number from 1 to 20, got 0/],
    [['--n0', '9999', '--sizes', '50,100'], /--n0 must lie within the sizes \(50…100\), got 9999/],
    [['--frobnicate'], /Unknown option '--frobnicate'. See --help/],
    [['--backend', 'gpu'], /--backend must be one of wasm, cpu; got "gpu"/],
  ])('%j is refused with a message naming the option', (args, message) => {
    expect(() => parseCurveArgs(args)).toThrow(UsageError);
    expect(() => parseCurveArgs(args)).toThrow(message);
  });

  it('defaultN0(sizes) is the largest size whose triple is measured, else the smallest', () => {
    expect(defaultN0([50, 100, 200])).toBe(50);
    expect(defaultN0([50, 100, 200, 300, 500, 750, 1000, 1250])).toBe(300);
    expect(defaultN0([100, 200])).toBe(100);
  });
});

describe('npm run -s lab -- curve (a real Node run)', () => {
  it('prints JSON with sizes, clean and noisy mean and sd per size, and the exchange rate', () => {
    const run = spawnSync(
      'npx',
      [
        'tsx',
        'src/cli/main.ts',
        'curve',
        '--dataset',
        'digits',
        '--noise',
        '0.3',
        '--sizes',
        '50,100,200',
        '--seeds',
        '2',
        '--json',
        '--quiet',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.sizes).toEqual([50, 100, 200]);
    expect(report.seeds).toEqual([0, 1]);
    expect(report.clean).toHaveLength(3);
    expect(report.noisy[2].mean).toBeLessThan(report.clean[2].mean);
    expect(report.exchange).toMatchObject({ n0: 50 });
    expect(['interpolated', 'below_range', 'beyond_range']).toContain(report.exchange.status);
    if (report.exchange.status === 'interpolated')
      expect(report.exchange.factor).toBeCloseTo(report.exchange.equivalentN / 50, 9);
    expect(run.stdout).not.toMatch(/Hi, looks like/);
  });

  it('exits with status 2 and a message on stderr for bad options', () => {
    const run = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'curve', '--noise', '2'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/lab curve: --noise must be between 0.01 and 0.9, got 2/);
    expect(run.stdout).toBe('');
  });
});
