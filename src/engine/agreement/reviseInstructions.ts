/**
 * "Revise the instructions": the same annotator after the labeling guide was
 * made clear for some classes. A pure data transform on an AnnotatorSpec.
 */
import type { Ambiguity, AnnotatorSpec } from './simulateAnnotator.ts';

/**
 * The spec with the ambiguity removed for `classes`: items of a revised class
 * are no longer sent elsewhere (its entry goes), and items of other classes
 * are no longer sent to a revised class (it leaves their `to` lists; the rate
 * shrinks by the same share, so each remaining destination keeps its own
 * rate/|to| — an entry left with no destinations goes). Accuracy and the
 * other entries are unchanged; the input is not modified.
 *
 * `reviseInstructions({accuracy: 0.9, classes: 10, ambiguity: [{from: 6, to: [0, 2, 4], rate: 0.3}]}, [0])`
 * → ambiguity `[{from: 6, to: [2, 4], rate: 0.2}]` (0.3 · 2/3, up to rounding).
 */
export function reviseInstructions(spec: AnnotatorSpec, classes: readonly number[]): AnnotatorSpec {
  for (const c of classes) {
    if (!(Number.isInteger(c) && c >= 0 && c < spec.classes)) {
      throw new RangeError(
        `reviseInstructions: ${c} is not one of the annotator's ${spec.classes} classes 0…${spec.classes - 1}`,
      );
    }
  }
  const revised = new Set(classes);
  const ambiguity: Ambiguity[] = [];
  for (const entry of spec.ambiguity ?? []) {
    if (revised.has(entry.from)) continue;
    const to = entry.to.filter((t) => !revised.has(t));
    if (to.length === 0) continue;
    const rate = to.length === entry.to.length ? entry.rate : (entry.rate * to.length) / entry.to.length;
    ambiguity.push({ from: entry.from, to, rate });
  }
  return { ...spec, ambiguity };
}
