/**
 * The three things an error analysis can lead to, as training sets: add
 * `count` examples at random, add `count` from one slice, or clean one
 * slice's labels. Each starts from the first `size` rows of a pool order
 * (a seed's nested subset order) with the labellers' labels, skipping the
 * world's validation rows: nothing here ever trains on them.
 */
import type { SliceWorld } from './sliceWorld.ts';

export const SLICE_ACTIONS = ['none', 'addRandom', 'addSlice', 'cleanSlice'] as const;
export type SliceAction = (typeof SLICE_ACTIONS)[number];

export interface SliceActionSpec {
  readonly size: number;
  readonly action: SliceAction;
  /** The slice to add from or clean (an index into world.slices); ignored by none and addRandom. */
  readonly slice: number;
  readonly count: number;
}

export interface SliceTrainingSet {
  /** Data-set rows to train on, with the labels to train with. */
  readonly rows: Int32Array;
  readonly labels: Int32Array;
  /** Examples added, or labels corrected. */
  readonly changed: number;
  /** cleanSlice: the slice's training examples, every one of which had its label checked; otherwise 0. */
  readonly checked: number;
}

/** The training set `spec` asks for; `order` lists pool rows (the base set is its first `size`). */
export function sliceTrainingSet(world: SliceWorld, order: Int32Array, spec: SliceActionSpec): SliceTrainingSet {
  const { size, action, slice, count } = spec;
  const trainable = Array.from(order).filter((row) => !world.isValidation[row]);
  if (size > trainable.length) {
    throw new RangeError(
      `sliceTrainingSet: size ${size} is more than the ${trainable.length} training rows of the pool (the rest is validation)`,
    );
  }
  const base = trainable.slice(0, size);
  const rest = trainable.slice(size);
  let rows = base;
  let changed = 0;
  let checked = 0;
  if (action === 'addRandom' || action === 'addSlice') {
    const pick = action === 'addRandom' ? rest : rest.filter((row) => world.slice[row] === slice);
    if (pick.length < count) {
      throw new RangeError(
        `sliceTrainingSet: only ${pick.length} more ${action === 'addSlice' ? `"${world.slices[slice]}" ` : ''}examples in the pool, asked for ${count}`,
      );
    }
    rows = base.concat(pick.slice(0, count));
    changed = count;
  }
  const labels = Int32Array.from(rows, (row) => world.given[row]!);
  if (action === 'cleanSlice') {
    rows.forEach((row, i) => {
      if (world.slice[row] !== slice) return;
      checked++;
      if (labels[i] !== world.dataset.y[row]) {
        labels[i] = world.dataset.y[row]!;
        changed++;
      }
    });
  }
  return { rows: Int32Array.from(rows), labels, changed, checked };
}
