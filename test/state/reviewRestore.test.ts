// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { parseLesson } from '../../src/notebook/parseLesson.ts';
import { LessonState } from '../../src/state/lessonState.svelte.ts';
import { LessonSync } from '../../src/state/lessonSync.svelte.ts';
import { createMemoryNotebookStore, type NotebookStore } from '../../src/state/notebookStore.ts';
import { ResultCache } from '../../src/state/resultCache.ts';
import { ReviewCellState } from '../../src/state/reviewCell.svelte.ts';
import { fakeReviewDeps } from '../support/fakeReviewDeps.ts';

const SOURCE = `---
title: Test
summary: A lesson for the tests.
---
Some prose.

\`\`\`cell review
id: review
size: 90
folds: 3
\`\`\`
`;
const lesson = parseLesson(SOURCE, 'lessons/05-test.md');

const settle = async () => {
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
  }
};

/** A page visit: a fresh fake pool behind a fresh result cache, a fresh LessonState and LessonSync over the same store. */
async function visit(store: NotebookStore, link?: string) {
  const fake = fakeReviewDeps();
  const cache = new ResultCache({ store: () => store });
  const state = new LessonState(lesson, { ...fake, trainer: cache.wrapTrainer(fake.trainer) });
  const sync = new LessonSync(state, { store, saveDelayMs: 0, now: () => 1_700_000_000_000 });
  if (link) sync.applyLink(link);
  await sync.open();
  await settle();
  const review = state.cells.review as ReviewCellState;
  const leave = async () => {
    await sync.flush();
    sync.close();
    state.stop();
  };
  return { sync, review, calls: fake.calls, cache, leave };
}

describe('a review cell across visits, with the result cache', () => {
  it('the second visit puts the detection back by itself, with zero trainer calls', async () => {
    const store = createMemoryNotebookStore();
    const first = await visit(store);
    expect(first.review.result).toBeNull();
    await first.review.run();
    const detection = first.review.result!;
    expect(detection).not.toBeNull();
    expect(first.calls.predict).toHaveLength(3);
    expect(first.review.resumed).toBe(false);
    await settle();
    await first.leave();

    const second = await visit(store);
    expect(second.calls.predict).toHaveLength(0);
    expect(second.calls.evaluate).toHaveLength(0);
    expect(second.cache.stats.hits).toBe(3);
    expect(second.review.status.kind).toBe('done');
    expect(second.review.resumed).toBe(true);
    expect(second.sync.restoredAt('review')).not.toBeNull();
    const again = second.review.result!;
    expect(Array.from(again.detection.ranked)).toEqual(Array.from(detection.detection.ranked));
    expect(again.flags).toEqual(detection.flags);
    expect(Array.from(again.probs)).toEqual(Array.from(detection.probs));
    await second.leave();
  });

  it('without a finished detection nothing runs on restore, and a link clears the re-run', async () => {
    const store = createMemoryNotebookStore();
    const first = await visit(store);
    first.review.setParams({ seed: 4 });
    await settle();
    await first.leave();
    const second = await visit(store);
    expect(second.review.params.seed).toBe(4);
    expect(second.review.result).toBeNull();
    expect(second.calls.load).toHaveLength(0);
    await second.review.run();
    await settle();
    await second.leave();

    // Opened from a link: the link's parameters win and nothing is run for the reader.
    const third = await visit(store, 'review.seed=5');
    expect(third.review.params.seed).toBe(5);
    expect(third.review.result).toBeNull();
    expect(third.calls.predict).toHaveLength(0);
    await third.leave();
  });

  it('a detection made outdated by a later change is not run again', async () => {
    const store = createMemoryNotebookStore();
    const first = await visit(store);
    await first.review.run();
    first.review.setParams({ seed: 7 });
    await settle();
    await first.leave();
    const second = await visit(store);
    expect(second.review.params.seed).toBe(7);
    expect(second.review.result).toBeNull();
    expect(second.calls.predict).toHaveLength(0);
    await second.leave();
  });
});
