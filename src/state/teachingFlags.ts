/**
 * Teaching mode: a lesson shown one section per screen, in large type and
 * high contrast, stepped through with the keyboard — and URL flags so a
 * shared link opens it ready for class:
 *
 *   ?present                 the presentation view: each section one slide that fits the screen,
 *                            a cell's form folded into a settings line, no sharing tools
 *   ?controls=locked         every field, preset, Reset and code editor shown but disabled,
 *                            with a note on each cell (Run and Cancel still work)
 *   ?controls=hidden         the same controls hidden (Run and Cancel stay)
 *
 * The flags live in the query string, before the hash, so they survive
 * moving between lessons (the hash names the lesson).
 */
export type ControlsMode = 'shown' | 'locked' | 'hidden';

export interface TeachingFlags {
  readonly present: boolean;
  readonly controls: ControlsMode;
}

export const NO_TEACHING: TeachingFlags = { present: false, controls: 'shown' };

const CONTROLS: readonly ControlsMode[] = ['shown', 'locked', 'hidden'];

/** The flags in a query string ("?present&controls=locked"); unknown values are ignored. */
export function parseTeachingFlags(search: string): TeachingFlags {
  const params = new URLSearchParams(search);
  const present = params.has('present') && !['0', 'false', 'no'].includes(params.get('present')!.toLowerCase());
  const controls = params.get('controls')?.toLowerCase() ?? 'shown';
  return { present, controls: CONTROLS.includes(controls as ControlsMode) ? (controls as ControlsMode) : 'shown' };
}

/** `search` with the flags set (other parameters kept), e.g. for history.replaceState. */
export function withTeachingFlags(search: string, flags: TeachingFlags): string {
  const params = new URLSearchParams(search);
  params.delete('present');
  params.delete('controls');
  if (flags.present) params.set('present', '');
  if (flags.controls !== 'shown') params.set('controls', flags.controls);
  const text = params.toString().replace(/(^|&)present=(?=&|$)/, '$1present');
  return text === '' ? '' : `?${text}`;
}
