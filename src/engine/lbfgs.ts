/**
 * Limited-memory BFGS for smooth unconstrained minimization, with a line
 * search satisfying the strong Wolfe conditions (Nocedal & Wright, Numerical
 * Optimization, 2nd ed., algorithms 7.4, 3.5 and 3.6).
 *
 * Pure and synchronous, one iteration per `step()`, so a caller can yield to
 * its event loop, report progress or stop between iterations. The objective
 * computes f(x) and writes ∇f(x) into `grad`; it may compute in float32
 * (e.g. on a GPU or wasm backend) — the optimizer's own state is float64.
 */

/** Returns f(x) and writes ∇f(x) into `grad` (same length as x). */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Stop when max |∇f| ≤ this (scipy's `pgtol`, scikit-learn's `tol`). Default 1e-4. */
  readonly gradientTolerance?: number;
  /** Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ this. Default 1e-10. */
  readonly functionTolerance?: number;
  /**
   * Stop when the loss has improved by less than this over the last
   * `improvementWindow` iterations (scikit-learn's MLP rule: tol = 1e-4,
   * n_iter_no_change = 10). Default 0: off.
   */
  readonly improvementTolerance?: number;
  /** Iterations the improvement is measured over. Default 10. */
  readonly improvementWindow?: number;
  /** Maximum number of iterations. Default 1000. */
  readonly maxIterations?: number;
  /** Number of correction pairs kept. Default 10. */
  readonly memory?: number;
  /** Maximum objective evaluations per line search. Default 25. */
  readonly maxLineSearch?: number;
}

export type StopReason = 'gradient' | 'function' | 'max_iterations' | 'line_search';

export interface LbfgsState {
  readonly x: Float64Array;
  readonly f: number;
  /** max |∇f(x)|. */
  readonly gradientMax: number;
  readonly iterations: number;
  readonly evaluations: number;
  /** Why the optimizer stopped, or null while it can still make progress. */
  readonly stopped: StopReason | null;
}

const C1 = 1e-4;
const C2 = 0.9;

export class Lbfgs {
  readonly #objective: Objective;
  readonly #gtol: number;
  readonly #ftol: number;
  readonly #maxIterations: number;
  readonly #memory: number;
  readonly #maxLineSearch: number;
  readonly #improvementTolerance: number;
  readonly #improvementWindow: number;
  /** Loss after each iteration, newest last, at most `improvementWindow + 1` long. */
  readonly #history: number[] = [];
  #x: Float64Array;
  #g: Float64Array;
  #f: number;
  #iterations = 0;
  #evaluations = 0;
  #stopped: StopReason | null = null;
  /** max |∇f(x)| at the current point. */
  #gradientMax: number;
  readonly #s: Float64Array[] = [];
  readonly #y: Float64Array[] = [];
  readonly #rho: number[] = [];
  /** sᵀy / yᵀy of each pair (the newest gives the initial Hessian scale). */
  readonly #gamma: number[] = [];

  constructor(objective: Objective, x0: ArrayLike<number>, options: LbfgsOptions = {}) {
    this.#objective = objective;
    this.#gtol = options.gradientTolerance ?? 1e-4;
    this.#ftol = options.functionTolerance ?? 1e-10;
    this.#maxIterations = options.maxIterations ?? 1000;
    this.#memory = options.memory ?? 10;
    this.#maxLineSearch = options.maxLineSearch ?? 25;
    this.#improvementTolerance = options.improvementTolerance ?? 0;
    this.#improvementWindow = options.improvementWindow ?? 10;
    this.#x = Float64Array.from(x0);
    this.#g = new Float64Array(this.#x.length);
    this.#f = this.#evaluate(this.#x, this.#g);
    this.#history.push(this.#f);
    if (!Number.isFinite(this.#f)) throw new RangeError(`the objective is ${this.#f} at the starting point`);
    this.#gradientMax = maxAbs(this.#g);
    if (this.#gradientMax <= this.#gtol) this.#stopped = 'gradient';
    else if (this.#maxIterations <= 0) this.#stopped = 'max_iterations';
  }

  get state(): LbfgsState {
    return {
      x: this.#x,
      f: this.#f,
      gradientMax: this.#gradientMax,
      iterations: this.#iterations,
      evaluations: this.#evaluations,
      stopped: this.#stopped,
    };
  }

  get done(): boolean {
    return this.#stopped !== null;
  }

  /** One iteration: direction, line search, memory update, convergence test. */
  step(): LbfgsState {
    if (this.#stopped) return this.state;
    const direction = this.#direction();
    let slope = dot(direction, this.#g);
    if (!(slope < 0)) {
      // Not a descent direction (curvature information went stale): restart with steepest descent.
      this.#s.length = this.#y.length = this.#rho.length = this.#gamma.length = 0;
      for (let i = 0; i < direction.length; i++) direction[i] = -this.#g[i]!;
      slope = dot(direction, this.#g);
    }
    const initial = this.#iterations === 0 && this.#s.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    const found = this.#lineSearch(direction, slope, initial);
    if (!found) {
      this.#stopped = 'line_search';
      return this.state;
    }
    const { x, f, g } = found;
    const s = new Float64Array(x.length);
    const y = new Float64Array(x.length);
    // sᵀy, yᵀy and sᵀs in one pass (each summed in index order, as three separate dot products would).
    let sy = 0;
    let yy = 0;
    let ss = 0;
    for (let i = 0; i < x.length; i++) {
      const si = x[i]! - this.#x[i]!;
      const yi = g[i]! - this.#g[i]!;
      s[i] = si;
      y[i] = yi;
      sy += si * yi;
      yy += yi * yi;
      ss += si * si;
    }
    if (sy > 1e-12 * Math.sqrt(yy * ss)) {
      this.#s.push(s);
      this.#y.push(y);
      this.#rho.push(1 / sy);
      this.#gamma.push(sy / yy);
      if (this.#s.length > this.#memory) {
        this.#s.shift();
        this.#y.shift();
        this.#rho.shift();
        this.#gamma.shift();
      }
    }
    const previous = this.#f;
    this.#x = x;
    this.#g = g;
    this.#f = f;
    this.#iterations++;
    this.#history.push(f);
    if (this.#history.length > this.#improvementWindow + 1) this.#history.shift();
    const stalled =
      this.#improvementTolerance > 0 &&
      this.#history.length === this.#improvementWindow + 1 &&
      this.#history[0]! - f < this.#improvementTolerance;
    this.#gradientMax = maxAbs(g);
    if (this.#gradientMax <= this.#gtol) this.#stopped = 'gradient';
    else if ((previous - f) / Math.max(Math.abs(previous), Math.abs(f), 1) <= this.#ftol || stalled)
      this.#stopped = 'function';
    else if (this.#iterations >= this.#maxIterations) this.#stopped = 'max_iterations';
    return this.state;
  }

  /** Runs to convergence and returns the final state. */
  run(): LbfgsState {
    while (!this.done) this.step();
    return this.state;
  }

  #evaluate(x: Float64Array, grad: Float64Array): number {
    this.#evaluations++;
    return this.#objective(x, grad);
  }

  /**
   * −H·g by the two-loop recursion. Each update of q is fused with the dot
   * product that reads it next (the same sums in the same order as updating
   * q and then taking the product, in half the passes over memory).
   */
  #direction(): Float64Array {
    const q = Float64Array.from(this.#g);
    const n = q.length;
    const m = this.#s.length;
    if (m === 0) {
      for (let i = 0; i < n; i++) q[i] = -q[i]!;
      return q;
    }
    const s = this.#s;
    const y = this.#y;
    const rho = this.#rho;
    const alpha = new Float64Array(m);
    // First loop, k = m−1 … 0: αₖ = ρₖ sₖᵀq, then q −= αₖ yₖ.
    let next = 0;
    const sLast = s[m - 1]!;
    for (let i = 0; i < n; i++) next += sLast[i]! * q[i]!;
    for (let k = m - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * next;
      const a = -alpha[k]!;
      const yk = y[k]!;
      next = 0;
      if (k > 0) {
        const sNext = s[k - 1]!;
        for (let i = 0; i < n; i++) {
          const v = q[i]! + a * yk[i]!;
          q[i] = v;
          next += sNext[i]! * v;
        }
      } else {
        for (let i = 0; i < n; i++) q[i] = q[i]! + a * yk[i]!;
      }
    }
    // Scale by γ = sᵀy / yᵀy of the newest pair, fused with the second loop's first product y₀ᵀq.
    const gamma = this.#gamma[m - 1]!;
    const y0 = y[0]!;
    next = 0;
    for (let i = 0; i < n; i++) {
      const v = q[i]! * gamma;
      q[i] = v;
      next += y0[i]! * v;
    }
    // Second loop, k = 0 … m−1: βₖ = ρₖ yₖᵀq, then q += (αₖ − βₖ) sₖ; the last pass also negates.
    for (let k = 0; k < m; k++) {
      const beta = rho[k]! * next;
      const c = alpha[k]! - beta;
      const sk = s[k]!;
      next = 0;
      if (k < m - 1) {
        const yNext = y[k + 1]!;
        for (let i = 0; i < n; i++) {
          const v = q[i]! + c * sk[i]!;
          q[i] = v;
          next += yNext[i]! * v;
        }
      } else {
        for (let i = 0; i < n; i++) q[i] = -(q[i]! + c * sk[i]!);
      }
    }
    return q;
  }

  /** Strong-Wolfe line search (N&W algorithm 3.5) with zoom (3.6, safeguarded cubic/bisection). */
  #lineSearch(
    p: Float64Array,
    slope0: number,
    initial: number,
  ): { x: Float64Array; f: number; g: Float64Array } | null {
    const f0 = this.#f;
    const x0 = this.#x;
    const trial = (a: number) => {
      const x = new Float64Array(x0.length);
      for (let i = 0; i < x.length; i++) x[i] = x0[i]! + a * p[i]!;
      const g = new Float64Array(x0.length);
      const f = this.#evaluate(x, g);
      return { a, x, f, g, slope: dot(g, p) };
    };
    type Point = ReturnType<typeof trial>;
    let budget = this.#maxLineSearch;
    let previous: Point | { a: number; f: number; slope: number } = { a: 0, f: f0, slope: slope0 };
    let a = initial;
    const zoom = (
      lo: { a: number; f: number; slope: number },
      hi: { a: number; f: number; slope: number },
    ): Point | null => {
      // `lo` always satisfies sufficient decrease; a bracketing point (a > 0) is a usable answer already.
      let best: Point | null = lo.a > 0 && 'x' in lo ? (lo as Point) : null;
      while (budget-- > 0) {
        const a = interpolate(lo, hi);
        const point = trial(a);
        if (!Number.isFinite(point.f) || point.f > f0 + C1 * a * slope0 || point.f >= lo.f) {
          hi = point;
        } else {
          if (Math.abs(point.slope) <= -C2 * slope0) return point;
          best = point;
          if (point.slope * (hi.a - lo.a) >= 0) hi = lo;
          lo = point;
        }
        if (Math.abs(hi.a - lo.a) < 1e-16 * Math.max(1, lo.a)) break;
      }
      // Out of budget: accept the best point with sufficient decrease, if any.
      return best;
    };
    for (let i = 0; budget-- > 0; i++) {
      const point = trial(a);
      if (!Number.isFinite(point.f) || point.f > f0 + C1 * a * slope0 || (i > 0 && point.f >= previous.f)) {
        return zoom(previous, point);
      }
      if (Math.abs(point.slope) <= -C2 * slope0) return point;
      if (point.slope >= 0) return zoom(point, previous);
      previous = point;
      a *= 2;
    }
    return null;
  }
}

/** Minimizer of the cubic through two points with slopes, kept inside the bracket; else bisection. */
function interpolate(lo: { a: number; f: number; slope: number }, hi: { a: number; f: number; slope: number }): number {
  const d1 = lo.slope + hi.slope - (3 * (lo.f - hi.f)) / (lo.a - hi.a);
  const disc = d1 * d1 - lo.slope * hi.slope;
  const left = Math.min(lo.a, hi.a);
  const width = Math.abs(hi.a - lo.a);
  if (disc >= 0 && Number.isFinite(hi.f)) {
    const d2 = Math.sign(hi.a - lo.a) * Math.sqrt(disc);
    const a = hi.a - (hi.a - lo.a) * ((hi.slope + d2 - d1) / (hi.slope - lo.slope + 2 * d2));
    if (Number.isFinite(a) && a > left + 0.1 * width && a < left + 0.9 * width) return a;
  }
  return (lo.a + hi.a) / 2;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}
