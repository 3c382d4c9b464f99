/**
 * The time left of a run, from its pace so far. Fits differ in size — the
 * Worth analysis of a large table first chooses its model on a 4,000-row
 * sample, then trains on 160,000 rows — so when the progress says how many
 * training rows its fits use (`work` of `totalWork`), the pace is per row;
 * otherwise per fit.
 */
export interface PacedProgress {
  readonly done: number;
  readonly total: number;
  readonly work?: number;
  readonly totalWork?: number;
}

/** Seconds left after `elapsed` seconds at `progress`, or null while there is no basis (nothing done yet). */
export function secondsLeft(elapsed: number, progress: PacedProgress): number | null {
  const { work, totalWork } = progress;
  if (work !== undefined && totalWork !== undefined && totalWork > 0) {
    return work > 0 ? Math.max(0, (elapsed / work) * (totalWork - work)) : null;
  }
  return progress.done > 0 ? Math.max(0, (elapsed / progress.done) * (progress.total - progress.done)) : null;
}
