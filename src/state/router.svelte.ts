/**
 * The current route, read from the URL hash and kept in step with it.
 * The only code that touches the URL; the window is injected.
 */
import { formatRoute, parseRoute, type Route } from './route.ts';

export type HashWindow = Pick<Window, 'addEventListener' | 'removeEventListener'> & {
  readonly location: Pick<Location, 'hash'>;
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
