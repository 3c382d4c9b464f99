/**
 * A lesson's number, as its file name, its address and the course's text give
 * it: lessons/03-labeler-consistency.md is lesson 03 (“lesson 3” in prose),
 * at #/03-labeler-consistency. The course counts from 00, so the sidebar and
 * the page show this number rather than a list position.
 */

/** The two-digit number a lesson slug starts with ("03-labeler-consistency" → "03"); null if it has none. */
export function lessonNumber(slug: string): string | null {
  return /^(\d\d)-/.exec(slug)?.[1] ?? null;
}

/** The title with the lesson's number before it ("03 Measuring labeler consistency"), or the title alone. */
export function numberedTitle(slug: string, title: string): string {
  const number = lessonNumber(slug);
  return number === null ? title : `${number} ${title}`;
}
