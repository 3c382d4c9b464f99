import { Lbfgs, type LbfgsOptions, type LbfgsState, type Objective } from '../engine/lbfgs.ts';
import type { FitOptions } from './types.ts';
import { yieldToEventLoop } from './yieldToEventLoop.ts';

/**
 * Runs L-BFGS to convergence, yielding to the event loop every few
 * milliseconds so that a cancel (the AbortSignal) takes effect within one
 * yield and progress reaches the caller.
 */
export async function minimize(
  objective: Objective,
  x0: ArrayLike<number>,
  lbfgs: LbfgsOptions & { readonly maxIterations: number },
  options: Pick<FitOptions, 'signal' | 'onProgress' | 'yieldEveryMs' | 'now'>,
): Promise<LbfgsState> {
  const { signal, onProgress, yieldEveryMs = 25, now = () => performance.now() } = options;
  signal?.throwIfAborted();
  const optimizer = new Lbfgs(objective, x0, lbfgs);
  let lastYield = now();
  while (!optimizer.done) {
    const state = optimizer.step();
    if (now() - lastYield >= yieldEveryMs) {
      onProgress?.({
        iteration: state.iterations,
        maxIterations: lbfgs.maxIterations,
        loss: state.f,
        gradientMax: state.gradientMax,
      });
      await yieldToEventLoop();
      signal?.throwIfAborted();
      lastYield = now();
    }
  }
  return optimizer.state;
}
