/**
 * Each cell's results for download: tables for CSV (engine/csvText.ts) and
 * one JSON document with the parameters, the outputs and the main result
 * data. The cell states expose these as resultTables() and resultJson();
 * both are empty/null until the cell has a result.
 */
import type { ResultTable, ResultValue } from '../engine/csvText.ts';
import type { CurveCellState } from './curveCell.svelte.ts';
import type { PlaygroundCellState } from './playgroundCell.svelte.ts';
import type { ReviewCellState } from './reviewCell.svelte.ts';
import type { LabelersCellState } from './labelersCell.svelte.ts';
import type { WorthCellState } from './worthCell.svelte.ts';
import type { CodeCellState } from './codeCell.svelte.ts';
import type { CodePlot } from '../workers/codeProtocol.ts';

export type { ResultTable, ResultValue };

/** What a cell's JSON download holds. */
export interface CellResultJson {
  readonly generator: 'Data-Centric Lab';
  readonly cell: { readonly id: string; readonly type: string; readonly title: string };
  readonly params: unknown;
  readonly outputs: Readonly<Record<string, number | string | null>>;
  /** The parameters changed since this result was computed. */
  readonly outOfDate: boolean;
  readonly result: unknown;
}

/** The JSON text of a download: indented, typed arrays as arrays, NaN as null, a final newline. */
export function resultJsonText(value: unknown): string {
  const replacer = (_key: string, v: unknown) =>
    ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v;
  return `${JSON.stringify(value, replacer, 2)}\n`;
}

interface Described {
  readonly spec: { readonly id: string; readonly type: string; readonly title: string };
  readonly outputs: Readonly<Record<string, number | string | null>>;
}

function document(cell: Described, params: unknown, outOfDate: boolean, result: unknown): CellResultJson {
  const { id, type, title } = cell.spec;
  return { generator: 'Data-Centric Lab', cell: { id, type, title }, params, outputs: cell.outputs, outOfDate, result };
}

const finite = (value: number | null | undefined): number | null =>
  value !== null && value !== undefined && Number.isFinite(value) ? value : null;

// ── curve ───────────────────────────────────────────────────────────────────

export function curveResultTables(cell: CurveCellState): ResultTable[] {
  const summary = cell.summary;
  if (!summary || cell.outcomes.length === 0) return [];
  const sizes = [...new Set([...summary.clean, ...summary.noisy].map((p) => p.size))].sort((a, b) => a - b);
  const at = (points: typeof summary.clean, size: number) => points.find((p) => p.size === size);
  return [
    {
      name: 'curve',
      columns: [
        'size',
        'clean_mean',
        'clean_sd',
        'clean_seeds',
        'noisy_mean',
        'noisy_sd',
        'noisy_seeds',
        'noisy_measured_on_noisy_test_mean',
      ],
      rows: sizes.map((size) => {
        const clean = at(summary.clean, size);
        const noisy = at(summary.noisy, size);
        const measured = at(summary.noisyMeasuredNoisy, size);
        return [
          size,
          finite(clean?.mean),
          finite(clean?.sd),
          clean?.count ?? 0,
          finite(noisy?.mean),
          finite(noisy?.sd),
          noisy?.count ?? 0,
          finite(measured?.mean),
        ];
      }),
    },
  ];
}

export function curveResultJson(cell: CurveCellState): CellResultJson | null {
  const { summary, sweep } = cell;
  if (!summary || !sweep || cell.outcomes.length === 0) return null;
  return document(cell, cell.params, cell.status.kind === 'stale', {
    sweep,
    clean: summary.clean,
    noisy: summary.noisy,
    noisyMeasuredOnNoisyTest: summary.noisyMeasuredNoisy,
    exchange: summary.exchange,
    tripled: summary.tripled,
    trials: cell.outcomes.map(({ spec, accuracy, accuracyNoisyTest, trainAccuracyGiven, trainAccuracyTrue }) => ({
      ...spec,
      accuracy,
      accuracyNoisyTest,
      trainAccuracyGiven,
      trainAccuracyTrue,
    })),
  });
}

// ── playground ──────────────────────────────────────────────────────────────

/** The model's class at each training point: the most likely class of the grid cell holding it; null before a fit. */
export function playgroundPredictions(cell: PlaygroundCellState): Int32Array | null {
  const fit = cell.result;
  if (!fit) return null;
  const { points } = cell.data;
  const { grid, probabilities } = fit;
  const k = probabilities.length / (grid * grid);
  const [x0, x1] = cell.bounds.x;
  const [y0, y1] = cell.bounds.y;
  const clamp = (v: number) => Math.max(0, Math.min(grid - 1, Math.floor(v)));
  const out = new Int32Array(points.length / 2);
  for (let n = 0; n < out.length; n++) {
    const i = clamp(((points[2 * n]! - x0) / (x1 - x0)) * grid);
    const j = clamp(((y1 - points[2 * n + 1]!) / (y1 - y0)) * grid);
    const base = (j * grid + i) * k;
    let best = 0;
    for (let c = 1; c < k; c++) if (probabilities[base + c]! > probabilities[base + best]!) best = c;
    out[n] = best;
  }
  return out;
}

export function playgroundResultTables(cell: PlaygroundCellState): ResultTable[] {
  const predicted = playgroundPredictions(cell);
  if (!predicted) return [];
  const { points, truth, given } = cell.data;
  return [
    {
      name: 'points',
      columns: ['x', 'y', 'true_label', 'given_label', 'wrong_label', 'predicted'],
      rows: Array.from(truth, (t, n) => [
        points[2 * n]!,
        points[2 * n + 1]!,
        t,
        given[n]!,
        t !== given[n],
        predicted[n]!,
      ]),
    },
  ];
}

export function playgroundResultJson(cell: PlaygroundCellState): CellResultJson | null {
  const fit = cell.result;
  const predicted = playgroundPredictions(cell);
  if (!fit || !predicted) return null;
  const { points, truth, given } = cell.data;
  return document(cell, cell.params, cell.status.kind === 'stale', {
    accuracy: fit.accuracy,
    trainAccuracy: fit.trainAccuracy,
    points: Array.from(truth, (t, n) => ({
      x: points[2 * n],
      y: points[2 * n + 1],
      trueLabel: t,
      givenLabel: given[n],
      predicted: predicted[n],
    })),
  });
}

// ── review ──────────────────────────────────────────────────────────────────

function decisionText(cell: ReviewCellState, position: number): string {
  const decision = cell.decisions.get(position);
  if (!decision) return '';
  return decision.kind === 'relabel' ? `relabel:${decision.label}` : decision.kind;
}

export function reviewResultTables(cell: ReviewCellState): ResultTable[] {
  const run = cell.result;
  if (!run) return [];
  const name = (c: number) => run.classNames[c] ?? String(c);
  const tables: ResultTable[] = [
    {
      name: 'flagged items',
      columns: [
        'rank',
        'position',
        'row',
        'given',
        'given_name',
        'suggested',
        'suggested_name',
        'self_confidence',
        'suggested_probability',
        'truth',
        'truly_wrong',
        'decision',
      ],
      rows: cell.items.map((item) => [
        item.rank + 1,
        item.position,
        item.row,
        item.given,
        name(item.given),
        item.suggested,
        name(item.suggested),
        item.score,
        item.suggestedProbability,
        item.truth,
        item.truth !== item.given,
        decisionText(cell, item.position),
      ]),
    },
  ];
  const budget = cell.budget;
  if (budget) {
    tables.push({
      name: 'budget curve',
      columns: ['order', 'budget', 'accuracy', 'corrected'],
      rows: budget.series.flatMap((series) =>
        series.points.map((p): ResultValue[] => [series.order, p.budget, p.accuracy, p.corrected]),
      ),
    });
  }
  return tables;
}

export function reviewResultJson(cell: ReviewCellState): CellResultJson | null {
  const run = cell.result;
  if (!run) return null;
  return document(cell, cell.params, cell.outdated, {
    size: run.rows.length,
    trueNoise: run.trueNoise,
    estimatedNoise: run.detection.estimatedNoiseRate,
    flags: run.flags,
    classNames: run.classNames,
    flagged: cell.items.map((item) => ({ ...item, decision: cell.decisions.get(item.position) ?? null })),
    tally: cell.tally,
    retrained: cell.retrained,
    budget: cell.budget,
  });
}

// ── labelers ────────────────────────────────────────────────────────────────

export function labelersResultTables(cell: LabelersCellState): ResultTable[] {
  const before = cell.before;
  if (!before) return [];
  const after = cell.after;
  const revised = cell.revised ?? [];
  return [
    {
      name: 'class agreement',
      columns: ['class', 'name', 'agreement', 'ratings', 'revised', 'agreement_after_revision'],
      rows: before.perClass.map((c) => [
        c.class,
        cell.classNames[c.class] ?? String(c.class),
        finite(c.agreement),
        c.ratings,
        revised.includes(c.class),
        finite(after?.perClass.find((d) => d.class === c.class)?.agreement),
      ]),
    },
  ];
}

export function labelersResultJson(cell: LabelersCellState): CellResultJson | null {
  const { before, after } = cell;
  if (!before) return null;
  const figures = (f: NonNullable<typeof before>) => ({
    items: f.items,
    labelers: f.labelers,
    agreement: f.agreement,
    meanKappa: f.meanKappa,
    fleiss: f.fleiss,
    alpha: f.alpha,
    pairs: f.pairs,
    perClass: f.perClass.map((c) => ({ ...c, name: cell.classNames[c.class] ?? String(c.class) })),
    confusions: f.confusions,
    accuracies: f.accuracies,
    majorityAccuracy: f.majorityAccuracy,
  });
  return document(cell, cell.params, false, {
    classNames: cell.classNames,
    before: figures(before),
    revised: cell.revised,
    after: after ? figures(after) : null,
    trained: cell.trained,
  });
}

// ── worth ───────────────────────────────────────────────────────────────────

export function worthResultTables(cell: WorthCellState): ResultTable[] {
  const worth = cell.result?.worth;
  if (!worth) return [];
  return [
    {
      name: 'learning curve',
      columns: ['fraction', 'size', 'accuracy', 'accuracy_corrected', 'accuracy_truth'],
      rows: worth.curve.map((p) => [p.fraction, p.size, p.accuracy, p.corrected, p.truth]),
    },
    {
      name: 'noise sensitivity',
      columns: ['extra_noise', 'noise', 'accuracy', 'accuracy_corrected', 'accuracy_truth'],
      rows: worth.sensitivity.points.map((p) => [p.extra, p.noise, p.accuracy, p.corrected, p.truth]),
    },
  ];
}

export function worthResultJson(cell: WorthCellState): CellResultJson | null {
  const result = cell.result;
  if (!result) return null;
  const { worth } = result;
  return document(cell, result.params, cell.outdated, {
    summary: worth.summary,
    report: worth.report,
    baseline: worth.baseline,
    afterCleaning: worth.afterCleaning,
    model: worth.model,
    signal: worth.signal,
    noise: worth.noise,
    classNames: worth.classNames,
    bootstrap: worth.bootstrap,
    learningCurve: worth.curve,
    noiseSensitivity: worth.sensitivity,
    injected: worth.injected,
    restoredLabels: result.restored,
    suspected: worth.detection.issues,
    seconds: result.seconds,
  });
}

// ── code ────────────────────────────────────────────────────────────────────

export function codeResultTables(cell: CodeCellState): ResultTable[] {
  const result = cell.result;
  if (!result?.ok) return [];
  const { value } = result;
  if (value.kind === 'table') return [{ name: 'table', columns: value.columns, rows: value.rows }];
  if (value.kind === 'number') return [{ name: 'value', columns: ['value'], rows: [[value.value]] }];
  if (value.kind === 'text') return [{ name: 'value', columns: ['value'], rows: [[value.text]] }];
  if (value.kind === 'plot') return [plotTable(value.plot)];
  return [];
}

/** A chart's data as rows: one per point of each line (series, x, y), or one per bar (label, value). */
export function plotTable(plot: CodePlot): ResultTable {
  const column = (label: string, fallback: string) => label.trim() || fallback;
  if (plot.type === 'bar') {
    return {
      name: 'chart',
      columns: [column(plot.xLabel, 'label'), column(plot.yLabel, 'value')],
      rows: plot.bars.map((bar) => [bar.label, finite(bar.value)]),
    };
  }
  return {
    name: 'chart',
    columns: ['series', column(plot.xLabel, 'x'), column(plot.yLabel, 'y')],
    rows: plot.series.flatMap((series) => series.points.map((p) => [series.name, finite(p.x), finite(p.y)])),
  };
}

export function codeResultJson(cell: CodeCellState): CellResultJson | null {
  const result = cell.result;
  if (!result) return null;
  const ranCode = cell.ranCode ?? cell.code;
  const ranValues = cell.ranValues;
  const outOfDate = cell.status.kind === 'stale' || (cell.ranCode !== null && cell.ranCode !== cell.code);
  return document(cell, { code: ranCode, ...(ranValues ? { controls: ranValues } : {}) }, outOfDate, {
    ...result,
  });
}
