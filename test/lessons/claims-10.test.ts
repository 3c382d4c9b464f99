/**
 * Lesson 10's words must match what its worth cells compute. The numbers in
 * the prose are live ({{known.key}}, {{cars.key}}); this holds the rest: the
 * cells' settings ("10% of the labels"), the method's constants (5 folds,
 * the surest 30% of rows, the 15/30/45% interval, 20 points for "can't
 * tell", a 90% interval, 1/8, 1/4 and 1/2 of each fold, 2× at most, the
 * correction formula), what the table holds, that every live reference gets
 * a value, and the qualitative claims — with known noise confident learning
 * counts far more than were flipped, the report's interval holds the truth
 * and cleaning by accepting suggestions may not help; as shipped the
 * estimate is near zero and nothing is flagged, and switching the model moves
 * confident learning's count but not the estimate. The cell states
 * run in Node on the workers' own APIs (the table worker's import, the
 * trainer's analyseTable on wasm), exactly as in the browser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { CELL_OUTPUTS, WORTH_DEFAULTS } from '../../src/notebook/cellSchemas.ts';
import type { WorthCellSpec } from '../../src/notebook/types.ts';
import { WorthCellState } from '../../src/state/worthCell.svelte.ts';
import type { TableFiles } from '../../src/state/cellDeps.ts';
import { ANALYSIS_MODEL, ANALYSIS_SEED, DEFAULT_FOLDS } from '../../src/state/yourData.svelte.ts';
import { createTrainerApi } from '../../src/workers/trainerApi.ts';
import { importTable } from '../../src/workers/tableApi.ts';
import { DATA_DIR, loadDatasetFile } from '../../src/cli/loadDatasetFile.ts';
import { quietTfjsBanner } from '../../src/cli/quietTfjsBanner.ts';
import { parseWorthArgs } from '../../src/cli/worthArgs.ts';
import { LABEL_NAMES } from '../../src/engine/table/labelColumn.ts';
import { columnCells, unpackRows } from '../../src/engine/table/packedCells.ts';
import { fitFeaturizer } from '../../src/engine/table/featurize.ts';
import { CURVE_FRACTIONS } from '../../src/model/tabularWorth.ts';
import { PLATEAU_FRACTION, SENSITIVITY_FRACTIONS } from '../../src/engine/worth/plateauNoiseRate.ts';
import { MAX_NOISE_SPREAD } from '../../src/engine/worth/worthReport.ts';
import { MAX_EXTRAPOLATION } from '../../src/engine/worth/dataEquivalent.ts';
import { expectMostly } from '../support/seedTally.ts';

quietTfjsBanner();

const file = 'lessons/10-cleaning-worth-on-your-data.md';
const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const lesson = parseLesson(source, file);
/** The prose as one line, so a claim may wrap in the file. */
const prose = source.replace(/\s+/g, ' ');

function worthSpec(id: string): WorthCellSpec {
  const block = lesson.blocks.find((b) => b.kind === 'cell' && b.cell.id === id);
  if (block?.kind !== 'cell' || block.cell.type !== 'worth') throw new Error(`${file} has no worth cell "${id}"`);
  return block.cell;
}

/** The workers' APIs, in this process: the same parsing and training code the browser cell calls. */
async function nodeTables(): Promise<TableFiles> {
  const api = createTrainerApi({ loadDataset: (name, dir) => loadDatasetFile(name, dir) });
  const info = await api.init({ backend: 'wasm', dataUrl: DATA_DIR });
  expect(info.name).toBe('wasm');
  let id = 0;
  return {
    analyser: {
      analyseTable: (request, options) => api.analyseTable(`t${id++}`, request, options?.onProgress),
      restoreLabels: (request, options) => api.restoreLabels(`t${id++}`, request, options?.onProgress),
    },
    importer: { importTable: async (bytes, options, onProgress) => importTable(bytes, options, onProgress) },
    loadFile: async (path) => new Uint8Array(await readFile(join(DATA_DIR, path))),
  };
}

let tables: TableFiles;

/** Runs a cell of the lesson (optionally with changed parameters) to the end. */
async function ran(id: string, patch: Record<string, unknown> = {}): Promise<WorthCellState> {
  const cell = new WorthCellState(worthSpec(id), tables);
  if (Object.keys(patch).length) cell.setParams(patch);
  expect(cell.problems).toEqual([]);
  await cell.run();
  expect(cell.status.kind).toBe('done');
  return cell;
}

const num = (cell: WorthCellState, key: string) => {
  const value = cell.outputs[key];
  if (typeof value !== 'number') throw new Error(`${key} is not a number: ${String(value)}`);
  return value;
};

/** The lesson's two cells as written (seed 0), run once and shared. */
let knownCell: Promise<WorthCellState> | null = null;
let carsCell: Promise<WorthCellState> | null = null;
const knownRun = () => (knownCell ??= ran('known'));
const carsRun = () => (carsCell ??= ran('cars'));

beforeAll(async () => {
  tables = await nodeTables();
}, 60_000);

describe(`${file}: the method as the prose describes it`, () => {
  let known: WorthCellState;
  beforeAll(async () => {
    known = await knownRun();
  }, 120_000);

  it('every {{cell.key}} in the prose is an output of its cell', () => {
    const refs = [...source.matchAll(/\{\{\s*(\w+)\.(\w+)\s*\}\}/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(new Set(refs.map(([cell]) => cell))).toEqual(new Set(['known', 'cars']));
    expect(refs.length).toBeGreaterThanOrEqual(25);
    for (const [, key] of refs) expect(CELL_OUTPUTS.worth, key).toContain(key);
    expect(Object.keys(known.outputs).sort()).toEqual([...CELL_OUTPUTS.worth].sort());
  });

  it('“folds (5 by default)”, “a 90% interval”, “1/8, 1/4 and 1/2 of each training fold”, “at most 2×”', () => {
    expect(prose).toContain('folds (5 by default)');
    expect(WORTH_DEFAULTS.folds).toBe(5);
    expect(parseWorthArgs(['data.csv']).folds).toBe(5);
    const worth = known.result!.worth;
    expect(prose).toContain('The 90% interval spans');
    expect(worth.noise.level).toBe(0.9);
    expect(worth.bootstrap.level).toBe(0.9);
    expect(prose).toContain('trained on 1/8, 1/4 and 1/2 of each training fold');
    expect(CURVE_FRACTIONS).toEqual([1 / 8, 1 / 4, 1 / 2]);
    expect(worth.curve.map((p) => p.fraction)).toEqual([1 / 8, 1 / 4, 1 / 2, 1]);
    expect(prose).toContain('followed at most 2× past the largest measured size');
    expect(MAX_EXTRAPOLATION).toBe(2);
    expect(prose).toContain('on two splits into folds');
    expect(worth.repeats).toBe(2);
  });

  it('“the surest 30% of the rows”, an interval over “the surest 15%, 30% and 45%”, “wider than 20 points”: can’t tell', () => {
    expect(prose).toContain('the disagreement rate among the surest 30% of the rows is the estimate');
    expect(PLATEAU_FRACTION).toBe(0.3);
    expect(num(known, 'anchorRows')).toBe(Math.round(0.3 * known.result!.worth.summary.rows));
    expect(prose).toContain('the surest 15%, 30% and 45% of the rows');
    expect(SENSITIVITY_FRACTIONS).toEqual([0.15, 0.3, 0.45]);
    expect(prose).toContain("When it is wider than 20 points the report says it _can't tell_");
    expect(MAX_NOISE_SPREAD).toBe(0.2);
  });

  it('“Inside each training fold alone, a second cross-validation” decides the fixes', () => {
    expect(prose).toContain('Inside each training fold alone, a second cross-validation finds the suspected labels');
    expect(known.result!.worth.innerFolds).toBeGreaterThanOrEqual(2);
    expect(known.result!.worth.report.method.join(' ')).toContain('decided from the training rows alone');
  });

  it('the correction is the formula in the prose: a·(1 − r) + (1 − a)·r/(K − 1), solved for a', () => {
    expect(prose).toContain('_a_·(1 − _r_) + (1 − _a_)·_r_/(_K_ − 1)');
    const worth = known.result!.worth;
    expect(worth.noise.correction).toBe('uniform');
    const r = worth.noise.estimate;
    const k = worth.summary.classes.length;
    const a = worth.report.accuracyNow!.estimate;
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThan(1);
    expect(a * (1 - r) + ((1 - a) * r) / (k - 1)).toBeCloseTo(worth.baseline.accuracy, 10);
  });
});

describe(`${file}: the cars table`, () => {
  let cars: WorthCellState;
  beforeAll(async () => {
    cars = await carsRun();
  }, 120_000);

  it('what the table holds: 1970s and early 1980s, seven measurements, USA, Europe or Japan, Name left out as free text, missing mileage and horsepower', async () => {
    const imported = importTable(await tables.loadFile('tabular/cars.csv'));
    if (!imported.ok) throw new Error('cars.csv does not import');
    const { table, columns } = imported;
    const rows = unpackRows(table.cells);
    const worth = cars.result!.worth;
    expect(prose).toContain('cars of the 1970s and early 1980s');
    const year = table.header.indexOf('Year');
    const years = rows.map((row) => Number(row[year]!.slice(0, 4)));
    expect(Math.min(...years)).toBe(1970);
    expect(Math.max(...years)).toBeGreaterThanOrEqual(1980);
    expect(Math.max(...years)).toBeLessThanOrEqual(1983);
    expect(prose).toContain(
      'miles per gallon, cylinders, displacement, horsepower, weight, acceleration, model year — and the label, where the car was made: USA, Europe or Japan',
    );
    expect(worth.summary.features).toEqual([
      'Miles_per_Gallon',
      'Cylinders',
      'Displacement',
      'Horsepower',
      'Weight_in_lbs',
      'Acceleration',
      'Year',
    ]);
    expect(worth.summary.classes.map((c) => c.name).sort()).toEqual(['Europe', 'Japan', 'USA']);
    expect(prose).toContain('Its `Name` column (“chevrolet chevelle malibu”) is free text, which the lab leaves out');
    expect(rows[0]![0]).toBe('chevrolet chevelle malibu');
    expect(columns.find((c) => c.name === 'Name')).toMatchObject({ type: 'text', included: false });
    expect(prose).toContain('Some cars have no mileage or horsepower on record');
    for (const name of ['Miles_per_Gallon', 'Horsepower']) {
      expect(columns.find((c) => c.name === name)!.missing, name).toBeGreaterThan(0);
    }
    expect(prose).toContain('fills a missing cell with the median of the training folds and adds a column');
    const features = fitFeaturizer(rows, { columns, label: table.header.indexOf('Origin') });
    expect(features.names).toEqual(expect.arrayContaining(['Miles_per_Gallon=(missing)', 'Horsepower=(missing)']));
  });
});

describe(`${file}: checking the report where the truth is known (cars, 10% flipped)`, () => {
  let known: WorthCellState;
  beforeAll(async () => {
    known = await knownRun();
  }, 120_000);

  it('the cell is what the prose says: cars, 10% of the labels flipped, 5 folds, the model chosen automatically', () => {
    expect(prose).toContain("the lab first flips 10% of the cars' labels at random");
    expect(worthSpec('known').title).toContain('10% of the labels flipped');
    expect(worthSpec('known').params).toEqual({
      file: 'cars.csv',
      label: 'Origin',
      injectNoise: 0.1,
      folds: 5,
      model: 'auto',
      seed: 0,
    });
    expect(Math.abs(num(known, 'trueNoise') - 0.1)).toBeLessThan(0.005);
  });

  it('every {{known.key}} gets a value', () => {
    for (const [, key] of source.matchAll(/\{\{\s*known\.(\w+)\s*\}\}/g)) {
      const value = known.outputs[key!];
      expect(value, key).not.toBeNull();
      if (typeof value === 'number') expect(Number.isFinite(value), key).toBe(true);
    }
  });

  it('confident learning alone counts “far more than were flipped”; “The truth lies inside” the report’s interval', () => {
    expect(prose).toContain('far more than were flipped: it also counts the hard cars');
    const truth = num(known, 'trueNoise');
    expect(num(known, 'noiseConfidentLearning')).toBeGreaterThan(2 * truth);
    expect(prose).toContain('The truth lies inside it.');
    expect(num(known, 'noiseLow')).toBeLessThanOrEqual(truth);
    expect(num(known, 'noiseHigh')).toBeGreaterThanOrEqual(truth);
    expect(Math.abs(num(known, 'noiseEstimate') - truth)).toBeLessThan(
      Math.abs(num(known, 'noiseConfidentLearning') - truth),
    );
  });

  it('the flags: “no more than it estimates are wrong”', () => {
    expect(prose).toContain('no more than it estimates are wrong');
    expect(num(known, 'suspected')).toBeLessThanOrEqual(
      Math.round(num(known, 'noiseEstimate') * known.result!.worth.summary.rows),
    );
    expect(num(known, 'truePositives')).toBeLessThanOrEqual(num(known, 'suspected'));
  });

  it('“The raw score is too gloomy; the corrected one is closer to the truth”', () => {
    expect(prose).toContain('The raw score is too gloomy; the corrected one is closer to the truth');
    const truth = num(known, 'accuracyNowTruth');
    expect(truth - num(known, 'accuracyObserved')).toBeGreaterThan(0.05);
    expect(Math.abs(num(known, 'accuracyNow') - truth)).toBeLessThan(Math.abs(num(known, 'accuracyObserved') - truth));
  });

  it('cleaning by accepting every suggestion “barely moves it”; the verdict says it may not help', () => {
    expect(prose).toContain('cleaning by accepting every suggestion barely moves it');
    expect(Math.abs(num(known, 'accuracyAfterTruth') - num(known, 'accuracyNowTruth'))).toBeLessThan(0.02);
    expect(known.outputs.verdict).toBe('may_not_help');
    expect(String(known.outputs.headline)).toMatch(/^Cleaning may not help/);
    expect(num(known, 'fixesWrong')).toBeGreaterThan(0);
    expect(num(known, 'fixesRight')).toBeGreaterThan(num(known, 'fixesWrong'));
  });

  it('the same parameters give the same numbers', async () => {
    const again = await ran('known');
    expect(again.outputs).toEqual(known.outputs);
  }, 120_000);
});

describe(`${file}: the known-noise claims over 20 seeds (other flips, other folds)`, () => {
  const SEEDS = Array.from({ length: 20 }, (_, seed) => seed);
  let runs: WorthCellState[] = [];
  beforeAll(async () => {
    runs = [];
    for (const seed of SEEDS) runs.push(seed === 0 ? await knownRun() : await ran('known', { seed }));
  }, 300_000);
  const each = (f: (cell: WorthCellState) => number) => runs.map(f);

  it('confident learning alone counts far more than were flipped; the report’s interval holds the truth', () => {
    expectMostly(
      '10 known: confident learning / true noise',
      each((c) => num(c, 'noiseConfidentLearning') / num(c, 'trueNoise')),
      (ratio) => ratio > 2,
    );
    expectMostly(
      '10 known: truth − interval edge (≥ 0 inside), points',
      each((c) => Math.min(num(c, 'trueNoise') - num(c, 'noiseLow'), num(c, 'noiseHigh') - num(c, 'trueNoise'))),
      (margin) => margin >= 0,
      100,
    );
    expectMostly(
      '10 known: suspected − estimated wrong labels',
      each((c) => num(c, 'suspected') - Math.round(num(c, 'noiseEstimate') * c.result!.worth.summary.rows)),
      (excess) => excess <= 0,
    );
  });

  it('the raw score is too gloomy, the corrected one closer to the truth', () => {
    expectMostly(
      '10 known: truth − raw accuracy, points',
      each((c) => num(c, 'accuracyNowTruth') - num(c, 'accuracyObserved')),
      (d) => d > 0,
      100,
    );
    expectMostly(
      '10 known: |raw − truth| − |corrected − truth|, points',
      each(
        (c) =>
          Math.abs(num(c, 'accuracyObserved') - num(c, 'accuracyNowTruth')) -
          Math.abs(num(c, 'accuracyNow') - num(c, 'accuracyNowTruth')),
      ),
      (d) => d > 0,
      100,
    );
  });

  it('cleaning by accepting every suggestion barely moves it (within 2.5 points); the verdict is “may not help”', () => {
    expect(prose).toContain("the report's cleaning itself moved accuracy by −1.6 to +2.3 points");
    expectMostly(
      '10 known: report’s cleaning, gain against the truth, points',
      each((c) => num(c, 'accuracyAfterTruth') - num(c, 'accuracyNowTruth')),
      (gain) => Math.abs(gain) <= 0.025,
      100,
    );
    expectMostly(
      '10 known: verdict may_not_help (1 = yes)',
      each((c) =>
        c.outputs.verdict === 'may_not_help' && /^Cleaning may not help/.test(String(c.outputs.headline)) ? 1 : 0,
      ),
      (v) => v === 1,
    );
    expectMostly(
      '10 known: correct labels the cleaning changed',
      each((c) => num(c, 'fixesWrong')),
      (n) => n > 0,
    );
    expectMostly(
      '10 known: flipped labels set right − correct ones changed',
      each((c) => num(c, 'fixesRight') - num(c, 'fixesWrong')),
      (d) => d > 0,
    );
  });

  it('fixing exactly the flipped labels: −0.5 to +5 points, never much less than the report’s cleaning; still wrong about one car in four', () => {
    expect(prose).toContain(
      'fixing exactly the flipped labels gained between −0.1 and +4.4 points, never more than 0.3 points less',
    );
    for (const c of runs) {
      const restored = c.result!.restored!;
      expect(restored.restored).toBe(num(c, 'flipped'));
      expect(num(c, 'accuracyRestoredTruth')).toBe(restored.accuracy);
      const gain = restored.accuracy - num(c, 'accuracyNowTruth');
      expect(c.outputs.gainRestoredTruth).toBe(`${gain >= 0 ? '+' : '−'}${(100 * Math.abs(gain)).toFixed(1)} points`);
    }
    expectMostly(
      '10 known: fixing exactly the flipped labels, gain, points',
      each((c) => num(c, 'accuracyRestoredTruth') - num(c, 'accuracyNowTruth')),
      (gain) => gain >= -0.005 && gain <= 0.05,
      100,
    );
    expectMostly(
      '10 known: exact fix − report’s cleaning, points',
      each((c) => num(c, 'accuracyRestoredTruth') - num(c, 'accuracyAfterTruth')),
      (d) => d >= -0.003,
      100,
    );
    expect(prose).toContain('With every label right, the model is still wrong about one car in four');
    expectMostly(
      '10 known: error with every label right, %',
      each((c) => 1 - num(c, 'accuracyRestoredTruth')),
      (error) => error >= 0.2 && error <= 0.3,
      100,
    );
  });
});

describe(`${file}: the report on cars as shipped, and its caveats`, () => {
  let cars: WorthCellState;
  beforeAll(async () => {
    cars = await carsRun();
  }, 120_000);

  it('the cell is cars.csv as shipped, labelled by Origin, 5 folds, the model chosen automatically', () => {
    expect(worthSpec('cars').params).toEqual({
      file: 'cars.csv',
      label: 'Origin',
      injectNoise: 0,
      folds: 5,
      model: 'auto',
      seed: 0,
    });
    expect(cars.result!.worth.injected).toBeNull();
  });

  it('every {{cars.key}} gets a value', () => {
    for (const [, key] of source.matchAll(/\{\{\s*cars\.(\w+)\s*\}\}/g)) {
      const value = cars.outputs[key!];
      expect(value, key).not.toBeNull();
      if (typeof value === 'number') expect(Number.isFinite(value), key).toBe(true);
    }
  });

  it('“With no noise to correct for, the accuracy now … is the cross-validated” one; nothing is flagged', () => {
    expect(prose).toContain('With no noise to correct for, the accuracy now');
    expect(num(cars, 'noiseEstimate')).toBeLessThan(0.02);
    expect(num(cars, 'noiseConfidentLearning')).toBeGreaterThan(num(cars, 'noiseHigh'));
    expect(num(cars, 'accuracyNow')).toBeCloseTo(num(cars, 'accuracyObserved'), 3);
    expect(num(cars, 'suspected')).toBe(0);
    expect(cars.outputs.verdict).toBe('no_noise');
  });

  it('the caveats the prose quotes are the report’s', () => {
    const caveats = cars.result!.worth.report.caveats;
    for (const quoted of [
      'The labels are assumed wrong at random',
      'The accuracy after cleaning assumes every suggestion is accepted',
    ]) {
      expect(prose).toContain(`“${quoted}.”`);
      expect(
        caveats.some((c) => c.startsWith(quoted)),
        quoted,
      ).toBe(true);
    }
  });

  it('“switch the model”: confident learning’s count rises with logistic regression, the estimate stays near zero', async () => {
    expect(prose).toContain("Set the shipped cars cell's model to logistic regression and run it again");
    expect(prose).toContain("with the simpler model confident learning's count rises");
    expect(prose).toContain("while the report's estimate stays near zero");
    expect(cars.result!.worth.model.chosen.kind).toBe('mlp');
    const logreg = await ran('cars', { model: 'logreg' });
    expect(num(logreg, 'noiseConfidentLearning')).toBeGreaterThan(num(cars, 'noiseConfidentLearning'));
    expect(num(logreg, 'noiseEstimate')).toBeLessThan(0.02);
  }, 120_000);

  it('“switch the model”, over 20 seeds: with logistic regression the estimate on the shipped cars stays under 2%', async () => {
    expect(prose).toContain('with logistic regression it stayed under 2% at every one of 20 seeds');
    const runs: WorthCellState[] = [];
    for (let seed = 0; seed < 20; seed++) runs.push(await ran('cars', { model: 'logreg', seed }));
    expectMostly(
      '10 cars, logistic regression: estimated noise, %',
      runs.map((c) => num(c, 'noiseEstimate')),
      (rate) => rate < 0.02,
      100,
    );
    const flagged = runs.map((c) => num(c, 'suspected'));
    console.log(`[claim] 10 cars, logistic regression: suspected ${Math.min(...flagged)} … ${Math.max(...flagged)}`);
  }, 300_000);

  it('Try this: wine.csv (label cultivar) runs in the first cell', async () => {
    expect(prose).toContain('Switch the first cell to `wine.csv` (the label becomes `cultivar`)');
    const wine = await ran('known', { file: 'wine.csv' });
    expect(wine.params.label).toBe('cultivar');
    expect(Number.isFinite(num(wine, 'noiseConfidentLearning'))).toBe(true);
  }, 120_000);

  it('Try this: the breast-cancer table has two classes and more rows than the cars', async () => {
    expect(prose).toContain('With two classes and more rows, how wide is the interval?');
    const cancer = importTable(await tables.loadFile('tabular/breast_cancer.csv'));
    if (!cancer.ok) throw new Error('breast_cancer.csv does not import');
    const diagnosis = cancer.table.header.indexOf('diagnosis');
    expect(new Set(columnCells(cancer.table.cells, diagnosis)).size).toBe(2);
    expect(cancer.table.cells.rowCount).toBeGreaterThan(num(cars, 'rows'));
  });
});

describe(`${file}: bringing your own data`, () => {
  it('the data page analyses as the prose says: 5 folds, the model chosen automatically, seed 0', () => {
    expect(prose).toContain('The Worth report runs as in this lesson: 5 folds, the model chosen automatically, seed 0');
    expect([DEFAULT_FOLDS, ANALYSIS_MODEL, ANALYSIS_SEED]).toEqual([5, 'auto', 0]);
  });

  it('the label column guessed by name: label, target, class, y or outcome', () => {
    expect(prose).toContain('one named label, target, class, y or outcome, else the last');
    expect(LABEL_NAMES).toEqual(['label', 'target', 'class', 'y', 'outcome']);
  });

  it('the CLI takes the options the prose names', () => {
    expect(prose).toContain('npm run -s lab -- worth data.csv --label COLUMN --json');
    expect(parseWorthArgs(['data.csv', '--label', 'COLUMN', '--json'])).toMatchObject({ label: 'COLUMN', json: true });
    expect(
      parseWorthArgs(['data.csv', '--folds', '3', '--seed', '2', '--model', 'mlp', '--inject-noise', '0.2']),
    ).toMatchObject({ folds: 3, seed: 2, model: 'mlp', injectNoise: 0.2 });
    expect(prose).toContain('`--model auto|logreg|mlp`');
    expect(parseWorthArgs(['data.csv']).model).toBe('auto');
    expect(prose).toContain('`--inject-noise-kind class-conditional`');
    expect(parseWorthArgs(['data.csv', '--inject-noise-kind', 'class-conditional']).injectNoiseKind).toBe(
      'class_conditional',
    );
  });

  it('the page is #/data', () => {
    expect(source).toContain('](#/data)');
  });
});
