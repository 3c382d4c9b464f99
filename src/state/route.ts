/**
 * The URL hash names the page: a lesson (`#/01-clean-vs-more-data`) or the
 * "Your own data" page (`#/data`). Pure parse and format; the component that
 * owns navigation reads and writes location.
 */
export type Route = { readonly page: 'lesson'; readonly lesson: string | null } | { readonly page: 'data' };

/** The hash slug of the "Your own data" page (no lesson file is named like it: lessons are NN-slug). */
export const DATA_SLUG = 'data';

export function parseRoute(hash: string): Route {
  const slug = hash.replace(/^#\/?/, '').split(/[?/]/)[0] ?? '';
  if (slug === DATA_SLUG) return { page: 'data' };
  return { page: 'lesson', lesson: /^[\w-]+$/.test(slug) ? decodeURIComponent(slug) : null };
}

export function formatRoute(route: Route): string {
  if (route.page === 'data') return `#/${DATA_SLUG}`;
  return route.lesson ? `#/${encodeURIComponent(route.lesson)}` : '#/';
}
