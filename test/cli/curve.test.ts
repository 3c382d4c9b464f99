import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError, defaultN0, parseCurveArgs } from '../../src/cli/curveArgs.ts';
import { formatCurveTable } from '../../src/cli/curveReport.ts';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { curveSweepSpec } from '../../src/notebook/curveSweep.ts';

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

  it('defaults: digits, logreg, 10% noise, 8 sizes, 5 seeds, N0 = 200', () => {
    expect(parseCurveArgs([]).spec).toMatchObject({ dataset: 'digits', model: 'logreg', seeds: 5, n0: 200 });
    expect(parseCurveArgs([]).n0Source).toMatch(/default, as lesson 1's digits curve reads it/);
    expect(parseCurveArgs(['--sizes', '50,100,200,400']).spec.n0).toBe(100);
    expect(parseCurveArgs(['--sizes', '50,100,200,400']).n0Source).toMatch(/largest whose triple is measured/);
    expect(parseCurveArgs(['--n0', '300']).n0Source).toBe('set by --n0');
  });

  it("parseCurveArgs([]) is lesson 1's digits curve cell, and the cell's settings as options give the cell's sweep", () => {
    const file = 'lessons/01-clean-vs-more-data.md';
    const lesson = parseLesson(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), file);
    const curves = lesson.blocks.flatMap((b) => (b.kind === 'cell' && b.cell.type === 'curve' ? [b.cell] : []));
    const digits = curves.find((c) => c.id === 'curve')!;
    expect(parseCurveArgs([]).spec).toEqual(curveSweepSpec(digits.params));
    for (const cell of curves) {
      const p = cell.params;
      if (p.noise.kind !== 'uniform') continue;
      const args = [
        '--dataset',
        p.dataset,
        '--model',
        p.model,
        '--noise',
        String(p.noise.rate),
        '--sizes',
        p.sizes.join(','),
      ];
      args.push('--seeds', String(p.seeds), '--seed', String(p.seed), '--n0', String(p.n0));
      expect(parseCurveArgs(args).spec).toEqual(curveSweepSpec(p));
    }
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
    expect(report.exchange).toMatchObject({ n0: 50, n0Source: expect.stringMatching(/default for these sizes/) });
    expect(['interpolated', 'below_range', 'beyond_range']).toContain(report.exchange.status);
    if (report.exchange.status === 'interpolated')
      expect(report.exchange.factor).toBeCloseTo(report.exchange.equivalentN / 50, 9);
    expect(run.stdout).not.toMatch(/Hi, looks like/);
  });

  it('formatCurveTable(report) says at which N0 the exchange rate is read, and where that N0 came from', () => {
    const point = (size: number, mean: number) => ({ size, mean, sd: 0 });
    const text = formatCurveTable({
      dataset: 'digits',
      model: 'logreg',
      noise: { kind: 'uniform', rate: 0.1 },
      noiseDescription: '10% of labels flipped',
      seeds: [0],
      backend: 'test',
      seconds: 1,
      unconverged: 0,
      sizes: [100, 200, 400],
      clean: [point(100, 0.8), point(200, 0.9), point(400, 0.95)],
      noisy: [point(100, 0.7), point(200, 0.8), point(400, 0.9)],
      exchange: {
        n0: 200,
        n0Source: 'set by --n0',
        status: 'interpolated',
        cleanAccuracyAtN0: 0.9,
        equivalentN: 400,
        factor: 2,
      },
    });
    expect(text).toMatch(/Exchange rate read at N0 = 200 \(set by --n0\)\./);
    expect(text).toMatch(/Cleaning at N0 = 200 is worth ≈ 2\.00× more noisy data/);
  });

  it('exits with status 2 and a message on stderr for bad options', () => {
    const run = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'curve', '--noise', '2'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/lab curve: --noise must be between 0.01 and 0.9, got 2/);
    expect(run.stdout).toBe('');
  });
});
