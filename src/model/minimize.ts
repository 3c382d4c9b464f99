import { Lbfgs, type LbfgsOptions, type LbfgsState, type Objective } from '../engine/lbfgs.ts';
import type { FitOptions } from './types.ts';
import { yieldToEventLoop } from './yieldToEventLoop.ts';

/**
 * When this thread last yielded from a minimization (performance.now()); only
 * minimize's own yields set it. Shared by every call, so that many short fits
 * in a row (cross-validation folds on a small table, each well under the yield
 * period) still yield every few milliseconds: counted per call, a fast machine
 * could run a whole analysis without once letting a cancel message in. A fit
 * that starts long after the last yield yields after its first step.
 */
let lastSharedYield = performance.now();

/**
 * Runs L-BFGS to convergence, yielding to the event loop every few
 * milliseconds so that a cancel (the AbortSignal) takes effect within one
 * yield and progress reaches the caller. The period runs from the thread's
 * last yield, not from the start of this call; a caller's own `now` clock
 * (tests) counts from the start of the call.
 */
export async function minimize(
  objective: Objective,
  x0: ArrayLike<number>,
  lbfgs: LbfgsOptions & { readonly maxIterations: number },
  options: Pick<FitOptions, 'signal' | 'onProgress' | 'yieldEveryMs' | 'now'>,
): Promise<LbfgsState> {
  const { signal, onProgress, yieldEveryMs = 25 } = options;
  const shared = options.now === undefined;
  const now = options.now ?? (() => performance.now());
  signal?.throwIfAborted();
  const optimizer = new Lbfgs(objective, x0, lbfgs);
  let lastYield = shared ? lastSharedYield : now();
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
      lastYield = now();
      if (shared) lastSharedYield = lastYield;
      signal?.throwIfAborted();
    }
  }
  return optimizer.state;
}
