/**
 * A lesson cut into sections for the presentation view: one section per
 * screen. A section starts at each `<h2>` of the prose (the lesson's opening,
 * before the first `<h2>`, is the first section); the cells stay in the
 * section whose prose precedes them.
 */
import type { Block } from './types.ts';

export interface Section {
  /** The section's heading as plain text ("" for an opening without one). */
  readonly title: string;
  readonly blocks: readonly Block[];
}

const H2 = /<h2[\s>]/gi;

/** The heading's text: tags dropped, the few entities marked writes decoded. */
function headingText(html: string): string {
  const match = /<h2[^>]*>([\s\S]*?)<\/h2>/i.exec(html);
  if (!match) return '';
  return match[1]!
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** Splits prose at each `<h2>`: the part before the first one, then one part per heading. */
function splitAtHeadings(html: string): string[] {
  const starts = [...html.matchAll(H2)].map((m) => m.index);
  if (starts.length === 0) return [html];
  const parts = [html.slice(0, starts[0])];
  starts.forEach((start, i) => parts.push(html.slice(start, starts[i + 1] ?? html.length)));
  return parts;
}

export function lessonSections(blocks: readonly Block[]): Section[] {
  const sections: { title: string; blocks: Block[] }[] = [{ title: '', blocks: [] }];
  for (const block of blocks) {
    if (block.kind !== 'prose') {
      sections.at(-1)!.blocks.push(block);
      continue;
    }
    splitAtHeadings(block.html).forEach((html, i) => {
      if (i > 0) sections.push({ title: headingText(html), blocks: [] });
      if (html.trim() !== '') sections.at(-1)!.blocks.push({ ...block, html });
    });
  }
  return sections.filter((s) => s.blocks.length > 0);
}
