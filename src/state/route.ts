/**
 * The URL hash names the lesson: `#/01-clean-vs-more-data`. Pure parse and
 * format; the component that owns navigation reads and writes location.
 */
export interface Route {
  readonly lesson: string | null;
}

export function parseRoute(hash: string): Route {
  const slug = hash.replace(/^#\/?/, '').split(/[?/]/)[0] ?? '';
  return { lesson: /^[\w-]+$/.test(slug) ? decodeURIComponent(slug) : null };
}

export function formatRoute(route: Route): string {
  return route.lesson ? `#/${encodeURIComponent(route.lesson)}` : '#/';
}
