import { describe, expect, it } from 'vitest';
import { CodeCellState, NO_RUNNER, type CodeRunner, type CodeRunResult } from '../../src/state/codeCell.svelte.ts';
import type { CodeCellSpec } from '../../src/notebook/types.ts';

const spec: CodeCellSpec = { type: 'code', id: 'c', title: 'Code', line: 1, params: { code: 'return 1;' } };

/** A runner whose runs wait until the test settles them; aborting rejects like the real client. */
function fakeRunner() {
  const calls: { code: string; resolve: (r: CodeRunResult) => void; signal: AbortSignal | undefined }[] = [];
  const runner: CodeRunner = {
    run: (code, options = {}) =>
      new Promise((resolve, reject) => {
        calls.push({ code, resolve, signal: options.signal });
        options.signal?.addEventListener('abort', () =>
          reject(Object.assign(new Error('stopped'), { name: 'AbortError' })),
        );
      }),
  };
  return { calls, runner };
}

const number = (value: number): CodeRunResult => ({ ok: true, value: { kind: 'number', value }, logs: [] });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function manualTimers() {
  const pending: (() => void)[] = [];
  return {
    setTimeout: (callback: () => void) => pending.push(callback),
    clearTimeout: () => pending.splice(0),
    fire: () => pending.splice(0).forEach((f) => f()),
  };
}

describe('CodeCellState: the code, the run, its result', () => {
  it('starts with the lesson code, unedited and idle; without a runner it says why it cannot run', async () => {
    const cell = new CodeCellState(spec, null);
    expect([cell.code, cell.edited, cell.status.kind, cell.unavailable]).toEqual([
      'return 1;',
      false,
      'idle',
      NO_RUNNER,
    ]);
    await cell.run();
    expect(cell.status.kind).toBe('idle');
  });

  it('run() sends the current code and shows the result; the number is the cell output', async () => {
    const { calls, runner } = fakeRunner();
    const cell = new CodeCellState(spec, () => runner);
    cell.setCode('return 42;');
    const run = cell.run();
    expect(cell.status.kind).toBe('running');
    expect(calls[0]!.code).toBe('return 42;');
    calls[0]!.resolve(number(42));
    await run;
    expect(cell.status.kind).toBe('done');
    expect(cell.result).toEqual(number(42));
    expect(cell.outputs).toEqual({ value: 42 });
  });

  it("a failure of the reader's code is an error status with its message; the code stays as typed", async () => {
    const { calls, runner } = fakeRunner();
    const cell = new CodeCellState(spec, () => runner);
    cell.setCode('oops(');
    const run = cell.run();
    calls[0]!.resolve({
      ok: false,
      failure: { kind: 'syntax', message: 'SyntaxError: Unexpected end', line: 1, column: 6 },
      logs: [],
    });
    await run;
    expect(cell.status).toMatchObject({ kind: 'error', message: 'SyntaxError: Unexpected end' });
    expect(cell.code).toBe('oops(');
    expect(cell.outputs).toEqual({ value: null });
  });

  it('stop() cancels at once (the runner sees the abort); the result before stays', async () => {
    const { calls, runner } = fakeRunner();
    const cell = new CodeCellState(spec, () => runner);
    const first = cell.run();
    calls[0]!.resolve(number(1));
    await first;
    const second = cell.run();
    cell.stop();
    await second;
    expect(calls[1]!.signal?.aborted).toBe(true);
    expect(cell.status).toEqual({ kind: 'idle', note: 'cancelled' });
    expect(cell.result).toEqual(number(1));
  });

  it('a run going on past slowAfterMs is flagged slow; the flag clears when it ends', async () => {
    const { calls, runner } = fakeRunner();
    const timers = manualTimers();
    const cell = new CodeCellState(spec, () => runner, { ...timers, slowAfterMs: 5000 });
    const run = cell.run();
    expect(cell.slow).toBe(false);
    timers.fire();
    expect(cell.slow).toBe(true);
    expect(cell.slowAfterSeconds).toBe(5);
    calls[0]!.resolve(number(1));
    await run;
    expect(cell.slow).toBe(false);
  });

  it('editing after a run marks the result out of date; reset() brings back the lesson code', async () => {
    const { calls, runner } = fakeRunner();
    const cell = new CodeCellState(spec, () => runner);
    const run = cell.run();
    calls[0]!.resolve(number(1));
    await run;
    cell.setCode('return 2;');
    expect([cell.status.kind, cell.edited, cell.ranCode]).toEqual(['stale', true, 'return 1;']);
    cell.reset();
    expect([cell.code, cell.edited]).toEqual(['return 1;', false]);
  });

  it('a runner that fails (the worker crashed) is an error naming the cause, not a lost cell', async () => {
    const runner: CodeRunner = { run: () => Promise.reject(new Error('the code worker failed: out of memory')) };
    const cell = new CodeCellState(spec, () => runner);
    await cell.run();
    await flush();
    expect(cell.status).toMatchObject({ kind: 'error', message: 'the code worker failed: out of memory' });
    expect(cell.result).toMatchObject({ ok: false, failure: { line: null } });
  });
});

describe('CodeCellState: kept between visits, never shared in links', () => {
  it('saveState keeps the edited code; restoreState puts it back; resetToDefaults brings the lesson code', () => {
    const cell = new CodeCellState(spec, null);
    cell.setCode('return 2;');
    const saved = cell.saveState();
    expect(saved).toEqual({ params: { code: 'return 2;' } });
    const again = new CodeCellState(spec, null);
    expect(again.restoreState(structuredClone(saved))).toEqual([]);
    expect([again.code, again.edited]).toEqual(['return 2;', true]);
    again.resetToDefaults();
    expect([again.code, again.edited]).toEqual(['return 1;', false]);
  });

  it('refuses saved code that is not text or too long, and changes nothing', () => {
    const cell = new CodeCellState(spec, null);
    expect(cell.restoreState({ params: { code: 42 } })).toEqual(['code: must be text']);
    expect(cell.restoreState({ params: { code: 'x'.repeat(100_001) } })).toEqual([
      'code: longer than 100,000 characters',
    ]);
    expect(cell.code).toBe('return 1;');
    expect(Object.keys(cell.linkState.params)).toEqual([]); // a link never carries code
  });
});

describe('CodeCellState: a finished result is kept with the code it came from', () => {
  it('restores the result for the same code, and not for other code', async () => {
    const { calls, runner } = fakeRunner();
    const cell = new CodeCellState(spec, () => runner);
    const run = cell.run();
    calls[0]!.resolve(number(7));
    await run;
    const saved = structuredClone(cell.saveState());
    expect(saved).toEqual({ params: { code: 'return 1;' }, result: { code: 'return 1;', result: number(7) } });

    const again = new CodeCellState(spec, () => runner);
    expect(again.restoreState(saved)).toEqual([]);
    expect([again.status.kind, again.result, again.ranCode]).toEqual(['done', number(7), 'return 1;']);

    const other = new CodeCellState(spec, () => runner);
    other.restoreState({ params: { code: 'return 2;' }, result: saved.result });
    expect([other.code, other.status.kind, other.result]).toEqual(['return 2;', 'idle', null]);
  });
});

describe('CodeCellState with controls', () => {
  const spec: CodeCellSpec = {
    type: 'code',
    id: 'c',
    title: '',
    line: 1,
    params: { code: 'return controls.n;' },
    controls: [{ kind: 'number', name: 'n', label: 'N', value: 3, min: 1, max: 10, integer: true }],
  };
  const runner = (): CodeRunner => ({
    run: async (_code, { controls } = {}) => ({
      ok: true,
      value: { kind: 'number', value: controls!.n as number },
      logs: [],
    }),
  });

  it('keeps the values with the code and restores them; a saved result shows only for the values it came from', async () => {
    const cell = new CodeCellState(spec, runner);
    cell.setControl('n', 5);
    await cell.run();
    expect(cell.outputs.value).toBe(5);
    const saved = cell.saveState();
    expect(saved.params).toEqual({ code: 'return controls.n;', controls: { n: 5 } });
    const back = new CodeCellState(spec, runner);
    expect(back.restoreState(saved)).toEqual([]);
    expect(back.values.n).toBe(5);
    expect(back.status.kind).toBe('done');
    expect(back.outputs.value).toBe(5);
    const other = new CodeCellState(spec, runner);
    expect(other.restoreState({ ...saved, params: { ...saved.params, controls: { n: 4 } } })).toEqual([]);
    expect(other.result).toBeNull();
  });

  it('a saved value the field would refuse is named and the lesson value stays', () => {
    const cell = new CodeCellState(spec, runner);
    expect(cell.restoreState({ params: { code: 'return 1', controls: { n: 99 } } })).toEqual([
      'N (n): must be between 1 and 10, got 99',
    ]);
    expect(cell.values.n).toBe(3);
    expect(cell.code).toBe('return 1');
  });

  it('Run waits while a value is not usable; Reset puts the lesson values back', async () => {
    let runs = 0;
    const cell = new CodeCellState(spec, () => ({
      run: async () => (runs++, { ok: true, value: { kind: 'none' }, logs: [] }),
    }));
    cell.setControl('n', Number.NaN);
    expect(cell.problems).toEqual(['N (n): enter a number between 1 and 10']);
    await cell.run();
    expect(runs).toBe(0);
    cell.resetToDefaults();
    expect(cell.values.n).toBe(3);
    expect(cell.controlsChanged).toBe(false);
  });
});

describe('CodeCellState with controls: what is kept', () => {
  it('the lesson values are not kept (the cell stays pristine); a changed value is', () => {
    const spec: CodeCellSpec = {
      type: 'code',
      id: 'c',
      title: '',
      line: 1,
      params: { code: 'return 1;' },
      controls: [{ kind: 'checkbox', name: 'on', label: 'On', value: false }],
    };
    const cell = new CodeCellState(spec, null);
    expect(cell.saveState()).toEqual({ params: { code: 'return 1;' } });
    cell.setControl('on', true);
    expect(cell.saveState()).toEqual({ params: { code: 'return 1;', controls: { on: true } } });
  });
});
