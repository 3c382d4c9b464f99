import type { LabelledMatrix, ModelKind } from '../engine/types.ts';
import { fitLogReg } from './logreg.ts';
import { fitMlp } from './mlp.ts';
import type { FitOptions, FitResult } from './types.ts';

/** Trains the named model with its default settings. */
export function fitModel(kind: ModelKind, data: LabelledMatrix, options: FitOptions): Promise<FitResult> {
  switch (kind) {
    case 'logreg':
      return fitLogReg(data, options);
    case 'mlp':
      return fitMlp(data, options);
  }
}
