import { readFileSync } from 'node:fs';

/**
 * A shipped example CSV (public/data/tabular/) with every `every`-th row's
 * label (the last column) moved to the next class in order of first
 * appearance: known wrong labels, as a practitioner's table might have. The
 * shipped labels are right, so the Worth report suspects none of them; review
 * needs a table like this.
 */
export function withWrongLabels(file: string, every: number): string {
  const lines = readFileSync(new URL(`../../public/data/tabular/${file}`, import.meta.url), 'utf8')
    .trim()
    .split('\n');
  const label = (line: string) => line.slice(line.lastIndexOf(',') + 1);
  const classes = [...new Set(lines.slice(1).map(label))];
  return `${lines
    .map((line, i) => {
      if (i === 0 || i % every !== 0) return line;
      const next = classes[(classes.indexOf(label(line)) + 1) % classes.length]!;
      return `${line.slice(0, line.lastIndexOf(',') + 1)}${next}`;
    })
    .join('\n')}\n`;
}
