/**
 * The current route, read from the URL hash and kept in step with it.
 * The only code that touches the URL; the window is injected.
 */
import { formatRoute, parseRoute, type Route } from './route.ts';
import { shareQuery } from './shareLink.ts';

export type HashWindow = Pick<Window, 'addEventListener' | 'removeEventListener'> & {
  readonly location: Pick<Location, 'hash'> & Partial<Pick<Location, 'href'>>;
  /** To drop a sharing link's parameters from the address once applied (without a new history entry). */
  readonly history?: Pick<History, 'replaceState'>;
};

export class Router {
  readonly #window: HashWindow;
  #hash = $state('');
  readonly #onChange = () => (this.#hash = this.#window.location.hash);

  constructor(window: HashWindow) {
    this.#window = window;
    this.#hash = window.location.hash;
    window.addEventListener('hashchange', this.#onChange);
  }

  get route(): Route {
    return parseRoute(this.#hash);
  }

  /** A sharing link's parameters: the part of the hash after `?` ('' without). */
  get query(): string {
    return shareQuery(this.#hash);
  }

  /** Drops the query from the address (its parameters were applied), so a reload does not apply them again. */
  clearQuery(): void {
    const at = this.#hash.indexOf('?');
    if (at < 0) return;
    const hash = this.#hash.slice(0, at);
    const href = this.#window.location.href;
    if (this.#window.history && href !== undefined)
      this.#window.history.replaceState(null, '', href.replace(/#.*$/, '') + hash);
    this.#hash = hash;
  }

  /** The absolute address of a hash on this page (its path, whatever sub-path the app is served from). */
  absolute(hash: string): string {
    const href = this.#window.location.href;
    return href === undefined ? hash : href.replace(/#.*$/, '') + hash;
  }

  /** The link to a lesson (null: the first one). */
  href(lesson: string | null): string {
    return formatRoute({ page: 'lesson', lesson });
  }

  /** The link to the "Your own data" page. */
  get dataHref(): string {
    return formatRoute({ page: 'data' });
  }

  dispose(): void {
    this.#window.removeEventListener('hashchange', this.#onChange);
  }
}
