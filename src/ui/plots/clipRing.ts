/** Clipping a polygon ring to a rectangle in grid units. */

export type Point = readonly [number, number];

/**
 * A ring clipped to [0, nx] × [0, ny] (Sutherland–Hodgman, one window edge at
 * a time); points on the window's edges get exactly 0, nx or ny. Returned open
 * (the first point is not repeated at the end).
 */
export function clipRing(ring: readonly Point[], nx: number, ny: number): Point[] {
  const edges: readonly { inside: (p: Point) => boolean; cut: (a: Point, b: Point) => Point }[] = [
    { inside: (p) => p[0] >= 0, cut: (a, b) => [0, lerp(a[1], b[1], a[0] / (a[0] - b[0]))] },
    { inside: (p) => p[0] <= nx, cut: (a, b) => [nx, lerp(a[1], b[1], (a[0] - nx) / (a[0] - b[0]))] },
    { inside: (p) => p[1] >= 0, cut: (a, b) => [lerp(a[0], b[0], a[1] / (a[1] - b[1])), 0] },
    { inside: (p) => p[1] <= ny, cut: (a, b) => [lerp(a[0], b[0], (a[1] - ny) / (a[1] - b[1])), ny] },
  ];
  let points: Point[] = ring.slice();
  const last = points[points.length - 1];
  if (points.length > 1 && last && last[0] === points[0]![0] && last[1] === points[0]![1]) points.pop();
  for (const edge of edges) {
    const input = points;
    points = [];
    input.forEach((b, i) => {
      const a = input[(i + input.length - 1) % input.length]!;
      if (edge.inside(b)) {
        if (!edge.inside(a)) points.push(edge.cut(a, b));
        points.push(b);
      } else if (edge.inside(a)) {
        points.push(edge.cut(a, b));
      }
    });
  }
  return points;
}

function lerp(a: number, b: number, t: number): number {
  return a + t * (b - a);
}
