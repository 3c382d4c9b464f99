/**
 * State of the 2-D playground: points with their true and given labels, the
 * latest model fit over them, and the reader's edits (fix a label, add a
 * point, inject noise). Every edit retrains; the latest request wins.
 */
import { IDLE, cellStatusReducer, type CellEvent, type CellStatus } from '../notebook/cellStatus.ts';
import { readPlaygroundParams } from '../notebook/cellSchemas.ts';
import type { PlaygroundCellSpec, PlaygroundParams } from '../notebook/types.ts';
import { createRandom } from '../engine/random.ts';
import { injectUniformNoise } from '../engine/noise/index.ts';
import { TOY_BOUNDS, generateToy, type Bounds } from '../engine/toy2d.ts';
import type { LabelledMatrix } from '../engine/types.ts';
import { accuracyNoise, changeNoise } from '../engine/measurementNoise.ts';
import type { ToyFitter } from './cellDeps.ts';
import type { ToyFitResult } from '../workers/protocol.ts';
import { isAbortError } from '../workers/protocol.ts';
import type { CellSnapshot } from './cellPersistence.ts';
import { playgroundResultJson, playgroundResultTables, type CellResultJson, type ResultTable } from './cellResults.ts';

export type { ToyFitter };

const GRID = 48;
const STREAM_TEST = 11;
const STREAM_NOISE = 12;

export interface PlaygroundData {
  /** `(n, 2)` coordinates. */
  readonly points: Float32Array;
  readonly truth: Int32Array;
  /** Labels the model sees. */
  readonly given: Int32Array;
}

export class PlaygroundCellState {
  readonly spec: PlaygroundCellSpec;
  readonly #fitter: ToyFitter;
  readonly #now: () => number;
  #params = $state.raw<PlaygroundParams>() as PlaygroundParams;
  #data = $state.raw<PlaygroundData>({
    points: new Float32Array(0),
    truth: new Int32Array(0),
    given: new Int32Array(0),
  });
  #test = $state.raw<LabelledMatrix | null>(null);
  #result = $state.raw<ToyFitResult | null>(null);
  /** The fit before the latest, on the same test points (null after new points are drawn). */
  #previous = $state.raw<ToyFitResult | null>(null);
  #status = $state.raw<CellStatus>(IDLE);
  #brush = $state(0);
  /** Seconds the latest finished fit took (kept with a saved result). */
  #lastSeconds = 0;
  #runId = 0;
  #controller: AbortController | null = null;

  constructor(spec: PlaygroundCellSpec, fitter: ToyFitter, now: () => number = () => performance.now()) {
    this.spec = spec;
    this.#fitter = fitter;
    this.#now = now;
    this.#params = spec.params;
    this.#generate();
  }

  get params(): PlaygroundParams {
    return this.#params;
  }
  get data(): PlaygroundData {
    return this.#data;
  }
  get bounds(): Bounds {
    return TOY_BOUNDS[this.#params.shape];
  }
  get classes(): number {
    return this.#params.shape === 'blobs' ? this.#params.classes : 2;
  }
  get result(): ToyFitResult | null {
    return this.#result;
  }
  get status(): CellStatus {
    return this.#status;
  }
  /** Two standard errors of the test accuracy (starting points and test points); null before a result. */
  get accuracyNoise(): number | null {
    return this.#result ? accuracyNoise(this.#result) : null;
  }
  /**
   * What the latest edit did to the test accuracy, and the noise to hold it
   * against (two standard errors of the difference); null before a second
   * fit on the same test points.
   */
  get change(): { readonly delta: number; readonly noise: number } | null {
    const before = this.#previous;
    const after = this.#result;
    if (!before || !after || before.testPredictions.length !== after.testPredictions.length) return null;
    return { delta: after.accuracy - before.accuracy, noise: changeNoise(before, after) };
  }
  /** The class a click on empty space adds, or a click on a correct point assigns. */
  get brush(): number {
    return this.#brush;
  }
  set brush(label: number) {
    this.#brush = Math.max(0, Math.min(this.classes - 1, Math.floor(label)));
  }
  /** Points whose given label is not their true label. */
  get wrongLabels(): number {
    const { truth, given } = this.#data;
    let wrong = 0;
    for (let i = 0; i < truth.length; i++) if (truth[i] !== given[i]) wrong++;
    return wrong;
  }

  /** The results as tables for a CSV download (cellResults.ts); none before a result. */
  resultTables(): ResultTable[] {
    return playgroundResultTables(this);
  }

  /** The parameters, outputs and main result data for a JSON download (cellResults.ts); null before a result. */
  resultJson(): CellResultJson | null {
    return playgroundResultJson(this);
  }

  get outputs(): Record<string, number | null> {
    return {
      accuracy: this.#result?.accuracy ?? null,
      accuracyNoise: this.accuracyNoise,
      trainAccuracy: this.#result?.trainAccuracy ?? null,
      points: this.#data.truth.length,
      wrongLabels: this.wrongLabels,
    };
  }

  /** Changes parameters; a new shape, size, class count or seed draws new points. Returns the problems, if any. */
  setParams(patch: Readonly<Partial<PlaygroundParams>>): string[] {
    const { params, problems } = readPlaygroundParams({ ...this.#params, ...patch }, this.#params);
    if (problems.length) return problems.map((p) => `${p.key}: ${p.reason}`);
    const before = this.#params;
    this.#params = params;
    if (
      params.shape !== before.shape ||
      params.points !== before.points ||
      params.classes !== before.classes ||
      params.seed !== before.seed ||
      params.testPoints !== before.testPoints
    ) {
      this.#generate();
    } else if (params.noise !== before.noise) {
      this.#applyNoise(this.#data.points, this.#data.truth);
    }
    void this.fit();
    return [];
  }

  /** A click on point i: a mislabeled point gets its true label back; a correct one gets the brush class. */
  clickPoint(index: number): void {
    const { points, truth, given } = this.#data;
    if (index < 0 || index >= truth.length) return;
    const next = Int32Array.from(given);
    next[index] = given[index] !== truth[index] ? truth[index]! : this.#brush;
    this.#data = { points, truth, given: next };
    void this.fit();
  }

  /** Adds a sample of the brush class at (x, y); its true label is the brush class. */
  addPoint(x: number, y: number): void {
    const { points, truth, given } = this.#data;
    const n = truth.length;
    const p = new Float32Array(2 * (n + 1));
    p.set(points);
    p[2 * n] = x;
    p[2 * n + 1] = y;
    const t = new Int32Array(n + 1);
    t.set(truth);
    t[n] = this.#brush;
    const g = new Int32Array(n + 1);
    g.set(given);
    g[n] = this.#brush;
    this.#data = { points: p, truth: t, given: g };
    void this.fit();
  }

  /** Gives every point its true label back. */
  cleanAll(): void {
    const { points, truth } = this.#data;
    this.#data = { points, truth, given: Int32Array.from(truth) };
    void this.fit();
  }

  /** Stops a fit in flight. */
  cancel(): void {
    if (!this.#controller) return;
    this.#controller.abort();
    this.#controller = null;
    this.#dispatch({ type: 'cancel', runId: this.#runId });
  }

  reset(): void {
    this.#params = this.spec.params;
    this.#generate();
    void this.fit();
  }

  /** Alias of reset() (the uniform cell interface of cellPersistence.ts). */
  resetToDefaults(): void {
    this.reset();
  }

  /**
   * The parameters, the points with the reader's edits and, once fitted, the
   * fit on screen: it answers exactly those points and parameters.
   */
  saveState(): CellSnapshot {
    const fit = this.#status.kind === 'done' ? this.#result : null;
    return {
      params: this.#params as unknown as Record<string, unknown>,
      result: { data: this.#data, fit, seconds: this.#lastSeconds } satisfies SavedPlaygroundResult,
    };
  }

  /**
   * Applies saved or linked parameters (over the lesson's); saved points and
   * fit come back when they match them. Without a fit the cell fits when the
   * lesson starts. With any problem nothing changes and the problems come back.
   */
  restoreState(saved: CellSnapshot): readonly string[] {
    const { params, problems } = readPlaygroundParams(saved.params, this.spec.params);
    if (problems.length) return problems.map((p) => `${p.key}: ${p.reason}`);
    this.cancel();
    this.#params = params;
    this.#generate();
    this.#dispatch({ type: 'reset' });
    const result = savedPlaygroundResult(saved.result, this.classes);
    if (result) {
      this.#data = result.data;
      if (result.fit) {
        this.#result = result.fit;
        const runId = ++this.#runId;
        this.#dispatch({ type: 'submit', runId });
        this.#dispatch({ type: 'start', runId, total: 1, at: 0 });
        this.#dispatch({ type: 'finish', runId, at: result.seconds * 1000 });
      }
    }
    return [];
  }

  /** Trains on the current points; an earlier fit still running is cancelled. */
  async fit(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const runId = ++this.#runId;
    const test = this.#test;
    const { points, given } = this.#data;
    if (!test || given.length === 0) return;
    this.#dispatch({ type: 'submit', runId });
    this.#dispatch({ type: 'start', runId, total: 1, at: this.#now() });
    try {
      const result = await this.#fitter.fitToy(
        {
          model: this.#params.model,
          train: { x: points, y: given, n: given.length, d: 2, classes: this.classes },
          test,
          bounds: this.bounds,
          grid: GRID,
          seed: this.#params.seed,
          starts: this.#params.starts,
        },
        { signal: controller.signal },
      );
      if (runId !== this.#runId) return;
      this.#controller = null;
      this.#previous = this.#result;
      this.#result = result;
      this.#dispatch({ type: 'finish', runId, at: this.#now() });
    } catch (error) {
      if (runId !== this.#runId || isAbortError(error)) return;
      this.#dispatch({ type: 'fail', runId, message: error instanceof Error ? error.message : String(error) });
    }
  }

  #generate(): void {
    const { shape, points, classes, seed, testPoints } = this.#params;
    const train = generateToy({ shape, n: points, classes, random: createRandom(seed) });
    this.#test = generateToy({ shape, n: testPoints, classes, random: createRandom(seed, STREAM_TEST) });
    this.#brush = Math.min(this.#brush, this.classes - 1);
    this.#result = null;
    this.#previous = null;
    this.#applyNoise(train.x, train.y);
  }

  #applyNoise(points: Float32Array, truth: Int32Array): void {
    const { noise, seed } = this.#params;
    const { labels } = injectUniformNoise(truth, {
      rate: noise,
      classes: this.classes,
      random: createRandom(seed, STREAM_NOISE, noise),
    });
    this.#data = { points, truth, given: labels };
  }

  #dispatch(event: CellEvent): void {
    this.#status = cellStatusReducer(this.#status, event);
    if (this.#status.kind === 'done') this.#lastSeconds = this.#status.seconds;
  }
}

/** The points as the reader left them and the fit that answers them (null until fitted). */
export interface SavedPlaygroundResult {
  readonly data: PlaygroundData;
  readonly fit: ToyFitResult | null;
  readonly seconds: number;
}

/** Saved points and fit, or null when the value is not usable with `classes` classes. */
function savedPlaygroundResult(value: unknown, classes: number): SavedPlaygroundResult | null {
  if (typeof value !== 'object' || value === null) return null;
  const { data, fit, seconds } = value as Partial<Record<keyof SavedPlaygroundResult, unknown>>;
  if (typeof data !== 'object' || data === null) return null;
  // Typed arrays by their tag, not instanceof: a clone can come from another realm (IndexedDB, a test environment).
  const asFloats = (v: unknown) => (tagOf(v) === 'Float32Array' ? Float32Array.from(v as Float32Array) : null);
  const asInts = (v: unknown) => (tagOf(v) === 'Int32Array' ? Int32Array.from(v as Int32Array) : null);
  const raw = data as Partial<Record<keyof PlaygroundData, unknown>>;
  const points = asFloats(raw.points);
  const truth = asInts(raw.truth);
  const given = asInts(raw.given);
  const n = truth?.length ?? -1;
  const labelsOk = (labels: Int32Array | null): labels is Int32Array =>
    labels !== null && labels.length === n && labels.every((l) => l >= 0 && l < classes);
  if (points === null || points.length !== 2 * n || !labelsOk(truth) || !labelsOk(given)) return null;
  const f = fit as Partial<Record<keyof ToyFitResult, unknown>> | null | undefined;
  const probabilities = asFloats(f?.probabilities);
  const testPredictions = asInts(f?.testPredictions);
  const memberAccuracies = f?.memberAccuracies;
  const fitOk =
    typeof f === 'object' &&
    f !== null &&
    typeof f.accuracy === 'number' &&
    typeof f.trainAccuracy === 'number' &&
    typeof f.grid === 'number' &&
    probabilities !== null &&
    probabilities.length === f.grid * f.grid * classes &&
    testPredictions !== null &&
    Array.isArray(memberAccuracies) &&
    memberAccuracies.length > 0 &&
    memberAccuracies.every((a) => typeof a === 'number');
  return {
    data: { points, truth, given },
    fit: fitOk ? ({ ...(f as ToyFitResult), probabilities, testPredictions } as ToyFitResult) : null,
    seconds: typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : 0,
  };
}

function tagOf(value: unknown): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}
