/**
 * The light half of TF.js in code cells (codeLabTf.ts is the heavy one): when
 * a run needs the full `@tensorflow/tfjs`, loading it, and the clean-up that
 * leaves no tensor of a run behind. Only tfjs-core here, which the code worker
 * has anyway for the lab's own models.
 */
import * as tfc from '@tensorflow/tfjs-core';

/** The full TF.js and lab.fit, loaded once, on demand (a chunk of its own in the built code worker). */
export const loadTfLab = (() => {
  let loading: Promise<typeof import('./codeLabTf.ts')> | null = null;
  return () => (loading ??= import('./codeLabTf.ts'));
})();

/** Whether a cell's code names `tf` (then it gets the full TF.js; otherwise `tf` is not loaded for it). */
export const usesTf = (code: string): boolean => /(?<![\w$.])tf(?![\w$])/.test(code);

/**
 * Runs a cell's code so that no tensor of it outlives the run: every tensor
 * made during the run (by the reader or the lab) that is not kept is disposed
 * at its end, as is every variable registered during it (the weights of the
 * reader's models, their optimizers' state). A model therefore lives for one
 * run; `tf.keep` keeps a tensor, not a model. Tensors and variables that
 * existed before the run are left alone.
 */
export async function withRunTensors<T>(fn: () => Promise<T>): Promise<T> {
  const engine = tfc.engine();
  const variablesBefore = new Set(Object.keys(engine.registeredVariables));
  engine.startScope('code cell run');
  try {
    return await fn();
  } finally {
    engine.endScope();
    for (const [name, variable] of Object.entries(engine.registeredVariables)) {
      if (!variablesBefore.has(name)) variable.dispose();
    }
  }
}
