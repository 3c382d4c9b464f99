/**
 * Where confident learning's flags cluster: the pair of classes the flagged
 * labels most often swap (given ↔ suggested, either way round). Flags that
 * pile up on one pair are not the random noise the Worth report assumes.
 */

/** The pair of classes the flags most often swap, and how many flags swap them. */
export interface ConfusedPair {
  /** The two class names, in alphabetical order. */
  readonly classes: readonly [string, string];
  readonly flags: number;
}

/** One flagged label: the class it was given and the class the model suggests. */
export interface FlaggedLabel {
  readonly given: string;
  readonly suggested: string;
}

/** The unordered pair of classes most flags swap; ties go to the pair met first (flags most suspect first); null without flags. */
export function confusedPair(issues: readonly FlaggedLabel[]): ConfusedPair | null {
  const counts = new Map<string, ConfusedPair>();
  for (const { given, suggested } of issues) {
    const classes = [given, suggested].sort() as [string, string];
    const key = JSON.stringify(classes);
    counts.set(key, { classes, flags: (counts.get(key)?.flags ?? 0) + 1 });
  }
  let best: ConfusedPair | null = null;
  for (const pair of counts.values()) if (!best || pair.flags > best.flags) best = pair;
  return best;
}
