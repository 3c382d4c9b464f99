/** Pieces of output shared by the CSV commands (worth, and issues / curve on a CSV). */
import type { InjectNoiseKind, InjectedNoise } from '../model/tabular.ts';

/** Injected noise as printed: counts and the flags' precision, recall and F1 instead of position arrays. */
export interface InjectedOutput {
  readonly rate: number;
  readonly kind: InjectNoiseKind;
  readonly flipped: number;
  readonly trueNoiseRate: number;
  readonly flagged: number;
  readonly truePositives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** File rows (header = row 1) whose label was flipped. */
  readonly flippedRows: readonly number[];
}

export function injectedOutput(injected: InjectedNoise | null): InjectedOutput | null {
  return (
    injected && {
      rate: injected.rate,
      kind: injected.kind,
      flipped: injected.flipped.length,
      trueNoiseRate: injected.trueNoiseRate,
      ...injected.flags,
      flippedRows: injected.flippedRows,
    }
  );
}

/** `JSON.stringify` replacer: typed arrays as plain arrays. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) && !(value instanceof DataView)
    ? Array.from(value as unknown as ArrayLike<number>)
    : value;
}

/** The JSON a command prints: indented, typed arrays as arrays, with a final newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, jsonReplacer, 2)}\n`;
}
