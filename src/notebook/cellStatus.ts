/**
 * A cell's run status as a discriminated union, advanced by one pure reducer.
 * Every element of a cell carries `data-status` = `status.kind`.
 *
 *   idle ──submit──▶ queued ──start──▶ running ──finish──▶ done
 *     ▲                 │                 │ fail              │ invalidate
 *     └────cancel───────┴──────cancel─────┘──▶ error           ▼
 *                                                             stale
 *
 * Inputs that change while a run is queued or running mark it `outdated`;
 * such a run finishes as `stale`, not `done`, since its results answer the
 * old inputs.
 *
 * Every event carries the run id it belongs to; an event from a run that is
 * no longer current is ignored, so a superseded run can never overwrite the
 * status of the run that replaced it.
 */

export type CellStatus =
  | { readonly kind: 'idle'; readonly note: 'cancelled' | null }
  | { readonly kind: 'queued'; readonly runId: number; readonly outdated: boolean }
  | {
      readonly kind: 'running';
      readonly runId: number;
      readonly done: number;
      readonly total: number;
      readonly startedAt: number;
      /** The inputs changed after this run was submitted. */
      readonly outdated: boolean;
    }
  | { readonly kind: 'done'; readonly runId: number; readonly seconds: number }
  | { readonly kind: 'error'; readonly runId: number; readonly message: string }
  | { readonly kind: 'stale'; readonly previous: 'done' | 'error' };

export type CellStatusKind = CellStatus['kind'];

export type CellEvent =
  | { readonly type: 'submit'; readonly runId: number }
  | { readonly type: 'start'; readonly runId: number; readonly total: number; readonly at: number }
  | { readonly type: 'progress'; readonly runId: number; readonly done: number; readonly total: number }
  | { readonly type: 'finish'; readonly runId: number; readonly at: number }
  | { readonly type: 'fail'; readonly runId: number; readonly message: string }
  | { readonly type: 'cancel'; readonly runId: number }
  /** The inputs changed: results on screen no longer match them. */
  | { readonly type: 'invalidate' }
  | { readonly type: 'reset' };

export const IDLE: CellStatus = { kind: 'idle', note: null };

function currentRun(status: CellStatus): number | null {
  switch (status.kind) {
    case 'queued':
    case 'running':
    case 'done':
    case 'error':
      return status.runId;
    case 'idle':
    case 'stale':
      return null;
  }
}

export function cellStatusReducer(status: CellStatus, event: CellEvent): CellStatus {
  switch (event.type) {
    case 'submit':
      return { kind: 'queued', runId: event.runId, outdated: false };
    case 'start':
      if (currentRun(status) !== event.runId || status.kind !== 'queued') return status;
      return {
        kind: 'running',
        runId: event.runId,
        done: 0,
        total: event.total,
        startedAt: event.at,
        outdated: status.outdated,
      };
    case 'progress':
      if (status.kind !== 'running' || status.runId !== event.runId) return status;
      return { ...status, done: event.done, total: event.total };
    case 'finish':
      if (status.kind !== 'running' || status.runId !== event.runId) return status;
      if (status.outdated) return { kind: 'stale', previous: 'done' };
      return { kind: 'done', runId: event.runId, seconds: (event.at - status.startedAt) / 1000 };
    case 'fail':
      if ((status.kind !== 'running' && status.kind !== 'queued') || status.runId !== event.runId) return status;
      return { kind: 'error', runId: event.runId, message: event.message };
    case 'cancel':
      if ((status.kind !== 'running' && status.kind !== 'queued') || status.runId !== event.runId) return status;
      return { kind: 'idle', note: 'cancelled' };
    case 'invalidate':
      if (status.kind === 'done' || status.kind === 'error') return { kind: 'stale', previous: status.kind };
      if (status.kind === 'queued' || status.kind === 'running') return { ...status, outdated: true };
      return status;
    case 'reset':
      return IDLE;
  }
}

/** True while work for the cell is queued or running. */
export function isBusy(status: CellStatus): boolean {
  return status.kind === 'queued' || status.kind === 'running';
}
