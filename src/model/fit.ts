import type { LabelledMatrix, ModelKind } from '../engine/types.ts';
import { fitCnn, type ImageShape } from './cnn.ts';
import { fitLogReg } from './logreg.ts';
import { fitMlp } from './mlp.ts';
import type { FitOptions, FitResult } from './types.ts';

/** What can change about a model while the data stays fixed; each left out keeps the model's default. */
export interface ModelSettings {
  /** Hidden units of the MLP (default 64); the logistic regression has none. */
  readonly hidden?: number;
  /**
   * L2 penalty strength: the MLP's alpha, the logistic regression's 1 / C.
   * Default 1 for both (the two defaults are the same penalty).
   */
  readonly l2?: number;
  /** Convolution filters of the CNN (default 16). */
  readonly filters?: number;
  /** The rows' image shape: needed by the CNN, ignored by the others. */
  readonly image?: ImageShape;
}

/** Trains the named model, with its default settings unless `hidden` / `l2` say otherwise. */
export function fitModel(
  kind: ModelKind,
  data: LabelledMatrix,
  options: FitOptions & ModelSettings,
): Promise<FitResult> {
  const { hidden, l2, filters, image, ...fit } = options;
  if (filters !== undefined && kind !== 'cnn') throw new RangeError(`filters needs model cnn, not ${kind}`);
  switch (kind) {
    case 'logreg':
      if (hidden !== undefined) throw new RangeError('logistic regression has no hidden units; use model mlp');
      return fitLogReg(data, l2 === undefined ? fit : { ...fit, C: 1 / l2 });
    case 'mlp':
      return fitMlp(data, { ...fit, hidden, alpha: l2 });
    case 'cnn':
      if (hidden !== undefined) throw new RangeError('the CNN has filters, not hidden units');
      if (!image) throw new RangeError("the CNN needs the images' height and width");
      return fitCnn(data, { ...fit, image, filters, alpha: l2 });
  }
}
