/**
 * Teaching mode's flags for the page (see teachingFlags.ts), read from the
 * address when the app starts and written back to it — without a reload or a
 * history entry — when the instructor changes them, so the address can be
 * shared as it is.
 */
import { NO_TEACHING, parseTeachingFlags, withTeachingFlags, type TeachingFlags } from './teachingFlags.ts';

type Place = Pick<Window, 'location' | 'history'>;

export class Teaching {
  readonly #place: Place | null;
  #flags = $state.raw<TeachingFlags>(NO_TEACHING);

  /** Without a window (tests), the flags live only here. */
  constructor(place: Place | null) {
    this.#place = place;
    if (place) this.#flags = parseTeachingFlags(place.location.search);
  }

  get flags(): TeachingFlags {
    return this.#flags;
  }

  set(flags: TeachingFlags): void {
    this.#flags = flags;
    const place = this.#place;
    if (!place) return;
    const { pathname, search, hash } = place.location;
    place.history.replaceState(place.history.state, '', `${pathname}${withTeachingFlags(search, flags)}${hash}`);
  }
}
