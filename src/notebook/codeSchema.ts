/**
 * What a `cell code` block accepts: `id`, `title`, `code`, the JavaScript as
 * a YAML block scalar (`code: |`), and `controls`, the named inputs the
 * reader sets above the result (the code reads them as `controls.name`).
 * The code itself is checked when it runs, in the code worker, so a typo in
 * a lesson shows in the cell with its line rather than failing the build;
 * the controls are checked here, so a bad one fails the build naming it.
 *
 *   controls:
 *     size: { label: Training images, value: 1000, min: 200, max: 4000, step: 100 }
 *     slice: { label: Slice, value: auto, options: [auto, clean, rotated] }
 *     clean: { label: Clean the labels, value: true }
 *
 * A number control has `min`/`max`/`step` (optional; a whole-number `step`
 * and value make it whole numbers only); a control with `options` is a
 * select (each option a text or number, or `{ value, label }`); a true/false
 * value is a checkbox. A number control that holds a share — its label says
 * share, rate, noise, accuracy… and its range lies within 0–1, or it says
 * `unit: percent` — is entered and shown in percent (12 for 0.12), while the
 * code still reads the share; `unit: number` keeps such a field as it is.
 */
import type { ParamProblem } from './cellSchemas.ts';
import { looksLikeRate, toPercent } from '../engine/quantity.ts';

/** The value of one control, as the code sees it. */
export type CodeControlValue = number | string | boolean;

export type CodeControl =
  | {
      readonly kind: 'number';
      readonly name: string;
      readonly label: string;
      readonly value: number;
      readonly min?: number;
      readonly max?: number;
      readonly step?: number;
      /** Whole numbers only (a whole `step` and value). */
      readonly integer: boolean;
      /** A share the reader enters and sees in percent (12 %); the code reads the share (0.12). */
      readonly percent?: boolean;
    }
  | {
      readonly kind: 'select';
      readonly name: string;
      readonly label: string;
      readonly value: string | number;
      readonly options: readonly { readonly value: string | number; readonly label: string }[];
    }
  | { readonly kind: 'checkbox'; readonly name: string; readonly label: string; readonly value: boolean };

/** A control's name: what the code writes after `controls.`. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMBER_KEYS = ['label', 'value', 'min', 'max', 'step', 'unit'];
const NUMBER_UNITS = ['percent', 'number'];
const SELECT_KEYS = ['label', 'value', 'options'];
const CHECKBOX_KEYS = ['label', 'value'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one control; problems name it as `controls.name`. */
function readControl(name: string, raw: unknown, problems: ParamProblem[]): CodeControl | null {
  const key = `controls.${name}`;
  const problem = (reason: string) => {
    problems.push({ key: 'controls', reason: `${key}: ${reason}` });
    return null;
  };
  if (!NAME.test(name)) return problem('a control name is letters, digits and _, starting with a letter');
  if (!isRecord(raw)) {
    return problem('must be a map such as { label: Training images, value: 1000, min: 200, max: 4000 }');
  }
  const label = raw.label;
  if (typeof label !== 'string' || !label.trim()) return problem('needs a label (the words beside the field)');
  const value = raw.value;
  const unknown = (known: readonly string[]) => {
    const extra = Object.keys(raw).filter((k) => !known.includes(k));
    return extra.length ? problem(`unknown key ${extra.join(', ')} (known: ${known.join(', ')})`) : undefined;
  };
  if ('options' in raw) {
    if (unknown(SELECT_KEYS) === null) return null;
    const list = raw.options;
    if (!Array.isArray(list) || list.length < 2) return problem('options must list at least two choices');
    const options: { value: string | number; label: string }[] = [];
    for (const option of list as unknown[]) {
      if (typeof option === 'string' || (typeof option === 'number' && Number.isFinite(option))) {
        options.push({ value: option, label: String(option) });
      } else if (
        isRecord(option) &&
        (typeof option.value === 'string' || typeof option.value === 'number') &&
        typeof option.label === 'string'
      ) {
        options.push({ value: option.value, label: option.label });
      } else {
        return problem(`each option is a text, a number or { value, label }; got ${JSON.stringify(option)}`);
      }
    }
    if (new Set(options.map((o) => String(o.value))).size !== options.length) return problem('options repeat a value');
    const chosen = options.find((o) => o.value === value);
    if (!chosen) {
      return problem(
        `value must be one of the options (${options.map((o) => JSON.stringify(o.value)).join(', ')}); got ${JSON.stringify(value ?? null)}`,
      );
    }
    return { kind: 'select', name, label, value: chosen.value, options };
  }
  if (typeof value === 'boolean') {
    if (unknown(CHECKBOX_KEYS) === null) return null;
    return { kind: 'checkbox', name, label, value };
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return problem(
      `value must be a number, true or false (a checkbox), or one of its options; got ${JSON.stringify(value ?? null)}`,
    );
  }
  if (unknown(NUMBER_KEYS) === null) return null;
  const bound = (which: 'min' | 'max' | 'step'): number | undefined | null => {
    const b = raw[which];
    if (b === undefined) return undefined;
    if (typeof b !== 'number' || !Number.isFinite(b))
      return problem(`${which} must be a number; got ${JSON.stringify(b)}`);
    return b;
  };
  const min = bound('min');
  const max = bound('max');
  const step = bound('step');
  if (min === null || max === null || step === null) return null;
  if (step !== undefined && !(step > 0)) return problem(`step must be above 0; got ${step}`);
  if (min !== undefined && max !== undefined && min > max) return problem(`min (${min}) is above max (${max})`);
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    return problem(`value ${value} is outside ${min ?? '−∞'}–${max ?? '∞'}`);
  }
  const unit = raw.unit;
  if (unit !== undefined && (typeof unit !== 'string' || !NUMBER_UNITS.includes(unit))) {
    return problem(`unit must be percent (a share entered as 12 for 0.12) or number; got ${JSON.stringify(unit)}`);
  }
  if (
    unit === 'percent' &&
    ((min !== undefined && min < 0) || (max !== undefined && max > 1) || value < 0 || value > 1)
  ) {
    return problem('unit: percent is for shares: value, min and max between 0 and 1 (0.12 is shown as 12%)');
  }
  const percent = unit === 'percent' || (unit === undefined && looksLikeRate(label, min, max));
  const integer =
    !percent &&
    Number.isInteger(value) &&
    (step === undefined ? min !== undefined && Number.isInteger(min) : Number.isInteger(step));
  return {
    kind: 'number',
    name,
    label,
    value,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    ...(step !== undefined ? { step } : {}),
    integer,
    ...(percent ? { percent: true } : {}),
  };
}

/** Reads a code cell's `controls:` map; each problem names the control. */
export function readCodeControls(raw: unknown): { controls: CodeControl[]; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  if (raw === undefined) return { controls: [], problems };
  if (!isRecord(raw)) {
    problems.push({
      key: 'controls',
      reason:
        'controls: must be a map of named inputs, e.g. "controls:" and below it "size: { label: Training images, value: 1000 }"',
    });
    return { controls: [], problems };
  }
  const controls: CodeControl[] = [];
  for (const [name, spec] of Object.entries(raw)) {
    const control = readControl(name, spec, problems);
    if (control) controls.push(control);
  }
  return { controls, problems };
}

/** Reads a code cell's keys (without id and title), collecting every problem. */
export function readCodeParams(raw: Readonly<Record<string, unknown>>): {
  code: string;
  controls: CodeControl[];
  problems: ParamProblem[];
} {
  const problems: ParamProblem[] = [];
  for (const key of Object.keys(raw)) {
    if (key !== 'code' && key !== 'controls')
      problems.push({ key, reason: 'unknown parameter (known: code, controls)' });
  }
  const { controls, problems: controlProblems } = readCodeControls(raw.controls);
  problems.push(...controlProblems);
  const code = raw.code;
  if (typeof code !== 'string' || !code.trim()) {
    problems.push({
      key: 'code',
      reason: `must be JavaScript as a block of text: write "code: |" and the code indented below it; got ${JSON.stringify(code ?? null)}`,
    });
    return { code: '', controls, problems };
  }
  return { code: code.replace(/\n+$/, ''), controls, problems };
}

/** The values of the controls as the lesson sets them. */
export function controlDefaults(controls: readonly CodeControl[]): Record<string, CodeControlValue> {
  return Object.fromEntries(controls.map((c) => [c.name, c.value]));
}

/**
 * Checks a value typed into a control: the reason it cannot be used (naming
 * the control by its label), or null.
 */
export function controlProblem(control: CodeControl, value: unknown): string | null {
  const name = `${control.label} (${control.name})`;
  switch (control.kind) {
    case 'checkbox':
      return typeof value === 'boolean' ? null : `${name}: must be on or off`;
    case 'select':
      return control.options.some((o) => o.value === value)
        ? null
        : `${name}: must be one of ${control.options.map((o) => o.label).join(', ')}`;
    case 'number': {
      const { min, max } = control;
      // A share is named in the percent the reader typed: "between 0% and 50%, got 120%".
      const shown = (v: number) => (control.percent ? `${toPercent(v)}%` : String(v));
      const range =
        min !== undefined && max !== undefined
          ? `between ${shown(min)} and ${shown(max)}`
          : min !== undefined
            ? `at least ${shown(min)}`
            : `at most ${shown(max!)}`;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return `${name}: enter a number${min !== undefined || max !== undefined ? ` ${range}` : ''}`;
      }
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        return `${name}: must be ${range}, got ${shown(value)}`;
      }
      if (control.integer && !Number.isInteger(value)) return `${name}: must be a whole number, got ${value}`;
      return null;
    }
  }
}
