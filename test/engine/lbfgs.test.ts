import { describe, it, expect } from 'vitest';
import { Lbfgs, type Objective } from '../../src/engine/lbfgs.ts';

const f32 = Math.fround;

/** f(x) = ½ xᵀAx − bᵀx with A symmetric positive definite; minimizer A⁻¹b = (13/84, 8/21, 59/42). */
const A = [
  [4, 1, 0],
  [1, 3, 0.5],
  [0, 0.5, 2],
];
const B = [1, 2, 3];
const QUADRATIC_MINIMUM = [13 / 84, 8 / 21, 59 / 42];

const quadratic: Objective = (x, grad) => {
  let f = 0;
  for (let i = 0; i < 3; i++) {
    let ax = 0;
    for (let j = 0; j < 3; j++) ax += A[i]![j]! * x[j]!;
    grad[i] = ax - B[i]!;
    f += 0.5 * x[i]! * ax - B[i]! * x[i]!;
  }
  return f;
};

/** The same quadratic computed entirely in float32, as a GPU or wasm backend would. */
const quadraticFloat32: Objective = (x, grad) => {
  let f = 0;
  for (let i = 0; i < 3; i++) {
    let ax = 0;
    for (let j = 0; j < 3; j++) ax = f32(ax + f32(A[i]![j]! * f32(x[j]!)));
    grad[i] = f32(ax - B[i]!);
    f = f32(f + f32(f32(0.5 * f32(x[i]!) * ax) - f32(B[i]! * f32(x[i]!))));
  }
  return f;
};

/** Rosenbrock's banana: minimum 0 at (1, 1). */
const rosenbrock: Objective = (x, grad) => {
  const [a, b] = [x[0]!, x[1]!];
  grad[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  grad[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

const rosenbrockFloat32: Objective = (x, grad) => {
  const [a, b] = [f32(x[0]!), f32(x[1]!)];
  const r1 = f32(1 - a);
  const r2 = f32(b - f32(a * a));
  grad[0] = f32(-2 * r1 - f32(400 * f32(a * r2)));
  grad[1] = f32(200 * r2);
  return f32(f32(r1 * r1) + f32(100 * f32(r2 * r2)));
};

/** Counts evaluations so tests can check what the optimizer does between steps. */
function counted(objective: Objective): { objective: Objective; calls: () => number } {
  let calls = 0;
  return {
    objective: (x, grad) => {
      calls++;
      return objective(x, grad);
    },
    calls: () => calls,
  };
}

describe('Lbfgs', () => {
  it('new Lbfgs(quadratic, x0).run() finds the closed-form minimizer A⁻¹b', () => {
    const state = new Lbfgs(quadratic, [0, 0, 0], { gradientTolerance: 1e-9, functionTolerance: 0 }).run();
    expect(state.stopped).toBe('gradient');
    expect(state.gradientMax).toBeLessThanOrEqual(1e-9);
    state.x.forEach((v, i) => expect(Math.abs(v - QUADRATIC_MINIMUM[i]!)).toBeLessThan(1e-9));
    // f(x*) = −½ bᵀA⁻¹b
    const fStar = -0.5 * QUADRATIC_MINIMUM.reduce((s, v, i) => s + v * B[i]!, 0);
    expect(state.f).toBeCloseTo(fStar, 12);
    expect(state.iterations).toBeLessThan(20);
  });

  it('new Lbfgs(quadratic, x0) with default options stops on the gradient tolerance 1e-4', () => {
    const state = new Lbfgs(quadratic, [5, -5, 5]).run();
    expect(state.stopped).toBe('gradient');
    expect(state.gradientMax).toBeLessThanOrEqual(1e-4);
    state.x.forEach((v, i) => expect(Math.abs(v - QUADRATIC_MINIMUM[i]!)).toBeLessThan(1e-4));
  });

  it('new Lbfgs(quadratic, x0, {memory: 1}) still converges', () => {
    const state = new Lbfgs(quadratic, [0, 0, 0], { memory: 1, gradientTolerance: 1e-8, functionTolerance: 0 }).run();
    expect(state.stopped).toBe('gradient');
    state.x.forEach((v, i) => expect(Math.abs(v - QUADRATIC_MINIMUM[i]!)).toBeLessThan(1e-7));
  });

  it('new Lbfgs(rosenbrock, [−1.2, 1]).run() reaches (1, 1) within 1e-5 and stops on the gradient', () => {
    const state = new Lbfgs(rosenbrock, [-1.2, 1]).run();
    expect(state.stopped).toBe('gradient');
    expect(Math.abs(state.x[0]! - 1)).toBeLessThan(1e-5);
    expect(Math.abs(state.x[1]! - 1)).toBeLessThan(1e-5);
    expect(state.f).toBeLessThan(1e-10);
    expect(state.iterations).toBeLessThan(100);
    expect(state.evaluations).toBeGreaterThan(state.iterations);
  });

  it('Lbfgs.step() decreases f at every iteration (sufficient decrease) and counts iterations', () => {
    const optimizer = new Lbfgs(rosenbrock, [-1.2, 1]);
    let previous = optimizer.state.f;
    let steps = 0;
    while (!optimizer.done) {
      const state = optimizer.step();
      steps++;
      expect(state.iterations).toBe(steps);
      expect(state.f).toBeLessThan(previous);
      previous = state.f;
    }
  });

  it('Lbfgs.state reports evaluations including the one at the starting point', () => {
    const { objective, calls } = counted(rosenbrock);
    const optimizer = new Lbfgs(objective, [-1.2, 1]);
    expect(optimizer.state.evaluations).toBe(1);
    expect(optimizer.state.iterations).toBe(0);
    expect(optimizer.state.stopped).toBeNull();
    expect(optimizer.done).toBe(false);
    optimizer.run();
    expect(optimizer.state.evaluations).toBe(calls());
  });

  it('new Lbfgs(f, x0, {maxIterations: 5}).run() stops after 5 iterations with reason max_iterations', () => {
    const state = new Lbfgs(rosenbrock, [-1.2, 1], { maxIterations: 5 }).run();
    expect(state.stopped).toBe('max_iterations');
    expect(state.iterations).toBe(5);
  });

  it('new Lbfgs(f, x0, {maxIterations: 0}) is done before any step', () => {
    const optimizer = new Lbfgs(rosenbrock, [-1.2, 1], { maxIterations: 0 });
    expect(optimizer.done).toBe(true);
    expect(optimizer.state.stopped).toBe('max_iterations');
    expect(optimizer.run().iterations).toBe(0);
  });

  it('Lbfgs.step() after the optimizer is done changes nothing and evaluates nothing', () => {
    const { objective, calls } = counted(rosenbrock);
    const optimizer = new Lbfgs(objective, [-1.2, 1], { maxIterations: 3 });
    const final = optimizer.run();
    const evaluations = calls();
    const again = optimizer.step();
    expect(calls()).toBe(evaluations);
    expect(again.iterations).toBe(final.iterations);
    expect(again.f).toBe(final.f);
    expect(Array.from(again.x)).toEqual(Array.from(final.x));
    expect(again.stopped).toBe('max_iterations');
  });

  it('new Lbfgs(f, optimum) stops immediately with reason gradient after one evaluation', () => {
    const { objective, calls } = counted(rosenbrock);
    const optimizer = new Lbfgs(objective, [1, 1]);
    expect(optimizer.done).toBe(true);
    expect(optimizer.state.stopped).toBe('gradient');
    expect(optimizer.state.iterations).toBe(0);
    expect(optimizer.run().f).toBe(0);
    expect(calls()).toBe(1);
  });

  it('new Lbfgs(f, x0) copies x0 and does not modify it', () => {
    const x0 = [-1.2, 1];
    const optimizer = new Lbfgs(rosenbrock, x0);
    optimizer.run();
    expect(x0).toEqual([-1.2, 1]);
    expect(optimizer.state.x).toBeInstanceOf(Float64Array);
  });

  it('new Lbfgs(f, x0 with NaN) throws a RangeError about the starting point', () => {
    expect(() => new Lbfgs(rosenbrock, [NaN, 1])).toThrow(RangeError);
    expect(() => new Lbfgs(rosenbrock, [NaN, 1])).toThrow('the objective is NaN at the starting point');
    expect(() => new Lbfgs(rosenbrock, [Infinity, 1])).toThrow('at the starting point');
  });

  it('new Lbfgs(f, x0) throws when f(x0) is infinite', () => {
    expect(() => new Lbfgs(() => Infinity, [0])).toThrow('the objective is Infinity at the starting point');
  });

  it('new Lbfgs(f, x0) backs off from steps where f is not finite (a barrier)', () => {
    // f(x) = x − ln x, minimum at 1; NaN for x ≤ 0, which a full step from x = 50 overshoots into.
    let outside = 0;
    const barrier: Objective = (x, grad) => {
      const v = x[0]!;
      grad[0] = 1 - 1 / v;
      if (!(v > 0)) outside++;
      return v > 0 ? v - Math.log(v) : NaN;
    };
    for (const x0 of [0.01, 3, 50]) {
      const state = new Lbfgs(barrier, [x0]).run();
      expect(state.stopped).toBe('gradient');
      expect(Math.abs(state.x[0]! - 1)).toBeLessThan(1e-3);
    }
    expect(outside).toBeGreaterThan(0);
  });

  it('new Lbfgs(f, x0) stops on the function tolerance when f stops improving', () => {
    // Ill-conditioned (κ = 400²) 20-dimensional quadratic with an unreachable gradient tolerance.
    const n = 20;
    const illConditioned: Objective = (x, grad) => {
      let f = 0;
      for (let i = 0; i < n; i++) {
        const d = (i + 1) ** 2;
        grad[i] = d * (x[i]! - 1);
        f += 0.5 * d * (x[i]! - 1) ** 2;
      }
      return f;
    };
    const state = new Lbfgs(illConditioned, new Array<number>(n).fill(0), { gradientTolerance: 1e-14 }).run();
    expect(state.stopped).toBe('function');
    expect(state.f).toBeLessThan(1e-8);
  });

  it('new Lbfgs(float32 rosenbrock, [−1.2, 1]).run() converges although f is computed in float32', () => {
    const state = new Lbfgs(rosenbrockFloat32, [-1.2, 1]).run();
    expect(['gradient', 'function', 'line_search']).toContain(state.stopped);
    expect(Math.abs(state.x[0]! - 1)).toBeLessThan(1e-3);
    expect(Math.abs(state.x[1]! - 1)).toBeLessThan(1e-3);
  });

  it('new Lbfgs(float32 quadratic, x0) stops cleanly near A⁻¹b when float32 rounding stalls the line search', () => {
    for (const gradientTolerance of [1e-4, 1e-12]) {
      const state = new Lbfgs(quadraticFloat32, [0, 0, 0], { gradientTolerance }).run();
      expect(['gradient', 'function', 'line_search']).toContain(state.stopped);
      expect(state.iterations).toBeLessThan(100);
      state.x.forEach((v, i) => expect(Math.abs(v - QUADRATIC_MINIMUM[i]!)).toBeLessThan(1e-3));
    }
  });

  it('new Lbfgs(f, x0) gives the same iterates on every run (deterministic)', () => {
    const a = new Lbfgs(rosenbrock, [-1.2, 1]).run();
    const b = new Lbfgs(rosenbrock, [-1.2, 1]).run();
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(b.evaluations).toBe(a.evaluations);
  });
});
