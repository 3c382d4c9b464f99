import { describe, it, expect } from 'vitest';
import {
  IDLE,
  cellStatusReducer,
  isBusy,
  type CellEvent,
  type CellStatus,
  type CellStatusKind,
} from '../../src/notebook/cellStatus.ts';

const queued = (runId: number, outdated = false): CellStatus => ({ kind: 'queued', runId, outdated });
const running = (runId: number, done = 0, total = 10, startedAt = 1000, outdated = false): CellStatus => ({
  kind: 'running',
  runId,
  outdated,
  done,
  total,
  startedAt,
});
const done = (runId: number, seconds = 2): CellStatus => ({ kind: 'done', runId, seconds });
const error = (runId: number, message = 'boom'): CellStatus => ({ kind: 'error', runId, message });
const cancelled: CellStatus = { kind: 'idle', note: 'cancelled' };

/** One status of every kind, all for run 1. */
const EVERY_STATUS: readonly CellStatus[] = [
  IDLE,
  cancelled,
  queued(1),
  running(1),
  done(1),
  error(1),
  { kind: 'stale', previous: 'done' },
  { kind: 'stale', previous: 'error' },
];

/** One event of every type, all for run 1. */
const EVERY_EVENT: readonly CellEvent[] = [
  { type: 'submit', runId: 1 },
  { type: 'start', runId: 1, total: 10, at: 1000 },
  { type: 'progress', runId: 1, done: 3, total: 10 },
  { type: 'finish', runId: 1, at: 3000 },
  { type: 'fail', runId: 1, message: 'boom' },
  { type: 'cancel', runId: 1 },
  { type: 'invalidate' },
  { type: 'reset' },
];

function reduceAll(status: CellStatus, events: readonly CellEvent[]): CellStatus {
  return events.reduce(cellStatusReducer, status);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('cellStatusReducer — the transitions of the diagram', () => {
  it('cellStatusReducer(idle, submit) is queued with the run id', () => {
    expect(cellStatusReducer(IDLE, { type: 'submit', runId: 4 })).toEqual({
      kind: 'queued',
      runId: 4,
      outdated: false,
    });
  });

  it('cellStatusReducer(queued, start) is running with no work done yet and the start time', () => {
    expect(cellStatusReducer(queued(4), { type: 'start', runId: 4, total: 80, at: 5000 })).toEqual({
      kind: 'running',
      runId: 4,
      done: 0,
      total: 80,
      startedAt: 5000,
      outdated: false,
    });
  });

  it('cellStatusReducer(running, progress) updates done and total and keeps the start time', () => {
    expect(cellStatusReducer(running(4, 0, 80, 5000), { type: 'progress', runId: 4, done: 12, total: 80 })).toEqual(
      running(4, 12, 80, 5000),
    );
  });

  it('cellStatusReducer(running, finish) is done with the seconds since start', () => {
    expect(cellStatusReducer(running(4, 80, 80, 5000), { type: 'finish', runId: 4, at: 7500 })).toEqual({
      kind: 'done',
      runId: 4,
      seconds: 2.5,
    });
  });

  it('cellStatusReducer(running | queued, fail) is error with the message', () => {
    const failure: CellEvent = { type: 'fail', runId: 4, message: 'worker crashed' };
    expect(cellStatusReducer(running(4), failure)).toEqual({ kind: 'error', runId: 4, message: 'worker crashed' });
    expect(cellStatusReducer(queued(4), failure)).toEqual({ kind: 'error', runId: 4, message: 'worker crashed' });
  });

  it('cellStatusReducer(queued | running, cancel) is idle with note "cancelled"', () => {
    expect(cellStatusReducer(queued(4), { type: 'cancel', runId: 4 })).toEqual(cancelled);
    expect(cellStatusReducer(running(4), { type: 'cancel', runId: 4 })).toEqual(cancelled);
  });

  it('cellStatusReducer(done | error, invalidate) is stale, remembering which', () => {
    expect(cellStatusReducer(done(4), { type: 'invalidate' })).toEqual({ kind: 'stale', previous: 'done' });
    expect(cellStatusReducer(error(4), { type: 'invalidate' })).toEqual({ kind: 'stale', previous: 'error' });
  });

  it('cellStatusReducer(stale | done | error | cancelled idle, submit) is queued again', () => {
    for (const status of [{ kind: 'stale', previous: 'done' } as const, done(1), error(1), cancelled]) {
      expect(cellStatusReducer(status, { type: 'submit', runId: 2 })).toEqual(queued(2));
    }
  });

  it('cellStatusReducer(status, reset) is IDLE from every status', () => {
    for (const status of EVERY_STATUS) expect(cellStatusReducer(status, { type: 'reset' })).toBe(IDLE);
  });

  it('cellStatusReducer(idle, submit → start → progress → finish) runs a whole cell to done', () => {
    const final = reduceAll(IDLE, [
      { type: 'submit', runId: 1 },
      { type: 'start', runId: 1, total: 4, at: 0 },
      { type: 'progress', runId: 1, done: 2, total: 4 },
      { type: 'progress', runId: 1, done: 4, total: 4 },
      { type: 'finish', runId: 1, at: 1234 },
    ]);
    expect(final).toEqual({ kind: 'done', runId: 1, seconds: 1.234 });
  });
});

describe('cellStatusReducer — events that do not apply are ignored', () => {
  it('cellStatusReducer(status, event of a stale run) returns the status unchanged', () => {
    const current: CellStatus[] = [queued(2), running(2), done(2), error(2)];
    const staleEvents: CellEvent[] = [
      { type: 'start', runId: 1, total: 10, at: 0 },
      { type: 'progress', runId: 1, done: 10, total: 10 },
      { type: 'finish', runId: 1, at: 9999 },
      { type: 'fail', runId: 1, message: 'old run failed' },
      { type: 'cancel', runId: 1 },
    ];
    for (const status of current) {
      for (const event of staleEvents)
        expect(cellStatusReducer(status, event), `${status.kind} ← ${event.type}`).toBe(status);
    }
  });

  it('cellStatusReducer(queued(2) after running(1), late finish of run 1) cannot overwrite run 2', () => {
    const final = reduceAll(IDLE, [
      { type: 'submit', runId: 1 },
      { type: 'start', runId: 1, total: 10, at: 0 },
      { type: 'submit', runId: 2 },
      { type: 'progress', runId: 1, done: 10, total: 10 },
      { type: 'finish', runId: 1, at: 500 },
      { type: 'start', runId: 2, total: 10, at: 600 },
      { type: 'fail', runId: 1, message: 'late' },
      { type: 'cancel', runId: 1 },
      { type: 'finish', runId: 2, at: 1600 },
    ]);
    expect(final).toEqual({ kind: 'done', runId: 2, seconds: 1 });
  });

  it('cellStatusReducer(running, start) ignores a repeated start of the same run', () => {
    const status = running(3, 5, 10, 1000);
    expect(cellStatusReducer(status, { type: 'start', runId: 3, total: 10, at: 2000 })).toBe(status);
  });

  it('cellStatusReducer(idle | done | error | stale, start | progress | finish | fail | cancel) is unchanged', () => {
    const settled: CellStatus[] = [IDLE, cancelled, done(1), error(1), { kind: 'stale', previous: 'done' }];
    const runEvents = EVERY_EVENT.filter((e) => e.type !== 'submit' && e.type !== 'reset' && e.type !== 'invalidate');
    for (const status of settled) {
      for (const event of runEvents)
        expect(cellStatusReducer(status, event), `${status.kind} ← ${event.type}`).toBe(status);
    }
  });

  it('cellStatusReducer(queued, progress | finish) is unchanged: the run has not started', () => {
    expect(cellStatusReducer(queued(1), { type: 'progress', runId: 1, done: 1, total: 2 })).toEqual(queued(1));
    expect(cellStatusReducer(queued(1), { type: 'finish', runId: 1, at: 10 })).toEqual(queued(1));
  });

  it('cellStatusReducer(idle | stale, invalidate) is unchanged', () => {
    for (const status of [IDLE, cancelled, { kind: 'stale', previous: 'error' } as const]) {
      expect(cellStatusReducer(status, { type: 'invalidate' })).toBe(status);
    }
  });

  it('cellStatusReducer(queued | running, invalidate) marks the run outdated; it then finishes stale, not done', () => {
    expect(cellStatusReducer(queued(1), { type: 'invalidate' })).toEqual(queued(1, true));
    const outdated = cellStatusReducer(running(1, 3, 10, 1000), { type: 'invalidate' });
    expect(outdated).toEqual(running(1, 3, 10, 1000, true));
    expect(cellStatusReducer(outdated, { type: 'finish', runId: 1, at: 2000 })).toEqual({
      kind: 'stale',
      previous: 'done',
    });
    const started = cellStatusReducer(cellStatusReducer(queued(2), { type: 'invalidate' }), {
      type: 'start',
      runId: 2,
      total: 4,
      at: 0,
    });
    expect(started).toMatchObject({ kind: 'running', outdated: true });
  });
});

describe('cellStatusReducer — every status × every event', () => {
  const KINDS: readonly CellStatusKind[] = ['idle', 'queued', 'running', 'done', 'error', 'stale'];

  it('cellStatusReducer(status, event) returns a status of a known kind without mutating its input', () => {
    for (const status of EVERY_STATUS) {
      for (const event of EVERY_EVENT) {
        const frozen = deepFreeze(structuredClone(status));
        const next = cellStatusReducer(frozen, deepFreeze({ ...event }));
        expect(KINDS).toContain(next.kind);
        expect(frozen).toEqual(status);
      }
    }
  });

  it('cellStatusReducer(status, event) matches the full transition table', () => {
    // Rows: status; columns: submit, start, progress, finish, fail, cancel, invalidate, reset (all run 1).
    const table: Record<string, CellStatusKind[]> = {
      idle: ['queued', 'idle', 'idle', 'idle', 'idle', 'idle', 'idle', 'idle'],
      cancelled: ['queued', 'idle', 'idle', 'idle', 'idle', 'idle', 'idle', 'idle'],
      queued: ['queued', 'running', 'queued', 'queued', 'error', 'idle', 'queued', 'idle'],
      running: ['queued', 'running', 'running', 'done', 'error', 'idle', 'running', 'idle'],
      done: ['queued', 'done', 'done', 'done', 'done', 'done', 'stale', 'idle'],
      error: ['queued', 'error', 'error', 'error', 'error', 'error', 'stale', 'idle'],
      staleDone: ['queued', 'stale', 'stale', 'stale', 'stale', 'stale', 'stale', 'idle'],
      staleError: ['queued', 'stale', 'stale', 'stale', 'stale', 'stale', 'stale', 'idle'],
    };
    const rows = Object.values(table);
    EVERY_STATUS.forEach((status, i) => {
      const kinds = EVERY_EVENT.map((event) => cellStatusReducer(status, event).kind);
      expect(kinds, Object.keys(table)[i]).toEqual(rows[i]);
    });
  });
});

describe('isBusy', () => {
  it('isBusy(status) is true only while queued or running', () => {
    expect(EVERY_STATUS.map(isBusy)).toEqual([false, false, true, true, false, false, false, false]);
  });
});
