import { describe, expect, it } from 'vitest';
import type { Objective } from '../../src/engine/lbfgs.ts';
import { minimize } from '../../src/model/minimize.ts';

/** A one-dimensional quadratic that busy-waits `ms` per evaluation: a short fit that costs real time. */
function slowQuadratic(ms: number): Objective {
  return (x, grad) => {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // Spin: the cost of a real loss and gradient, without the event loop getting a turn.
    }
    grad[0] = 2 * (x[0]! - 3);
    return (x[0]! - 3) ** 2;
  };
}

describe('minimize yields to the event loop', () => {
  it('many short fits in a row still let a cancel in: the yield period runs across calls', async () => {
    // Each fit is a handful of 2 ms evaluations, well under the 25 ms period on its own;
    // counted per call, 60 of them in a row would never yield and the abort below would land only at the end.
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    let fits = 0;
    const run = async (): Promise<void> => {
      for (let i = 0; i < 60; i++) {
        await minimize(slowQuadratic(2), [i], { maxIterations: 50 }, { signal: controller.signal });
        fits++;
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(fits).toBeLessThan(60);
  });

  it('a fit still ends at the minimum and stops by itself when nothing cancels it', async () => {
    const state = await minimize(slowQuadratic(0), [10], { maxIterations: 50 }, {});
    expect(state.x[0]).toBeCloseTo(3, 5);
    expect(state.stopped).not.toBeUndefined();
  });

  it('with its own clock a call counts from its start (as tests that drive the clock expect)', async () => {
    // Rosenbrock's banana takes dozens of steps, so the fake clock crosses the period many times.
    const rosenbrock: Objective = (x, grad) => {
      const [a, b] = [x[0]!, x[1]!];
      grad[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      grad[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    let t = 0;
    const progress: number[] = [];
    await minimize(
      rosenbrock,
      [-1.2, 1],
      { maxIterations: 50 },
      {
        now: () => (t += 10),
        yieldEveryMs: 25,
        onProgress: (p) => progress.push(p.iteration),
      },
    );
    // The clock reads 10 at the start and 10 more per step: the third step is the first 25 past it, then every third.
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.slice(0, 3)).toEqual([3, 6, 9]);
  });
});
