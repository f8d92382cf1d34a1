import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../src/ui/batcher.ts';
import { initialState } from '../../src/ui/state/initial.ts';
import { createViewStore } from '../../src/ui/view-store.ts';
import { delta, message, stamp, started } from './events.ts';
import { sessionInfo } from './fake-controller.ts';
import { ManualScheduler } from './manual-scheduler.ts';

describe('createBatcher', () => {
  it('flushes the first item on the next tick and coalesces a burst after it', () => {
    const clock = new ManualScheduler();
    const flushes: number[][] = [];
    const b = createBatcher<number>((items) => flushes.push(items), { intervalMs: 50, scheduler: clock });
    b.push(1);
    expect(flushes).toEqual([]);
    clock.advance(0);
    expect(flushes).toEqual([[1]]);
    for (let i = 2; i <= 6; i++) {
      b.push(i);
      clock.advance(10);
    }
    expect(flushes).toEqual([[1], [2, 3, 4, 5, 6]]); // the second flush waited for 50 ms after the first
    clock.advance(200);
    b.push(7);
    clock.advance(0);
    expect(flushes.at(-1)).toEqual([7]); // quiet for a while: no waiting
  });

  it('flush() empties the queue now; dispose() drops it', () => {
    const clock = new ManualScheduler();
    const flushes: string[][] = [];
    const b = createBatcher<string>((items) => flushes.push(items), { scheduler: clock });
    b.push('a');
    b.flush();
    expect(flushes).toEqual([['a']]);
    expect(clock.pending()).toBe(0);
    b.push('b');
    b.dispose();
    clock.advance(1000);
    expect(flushes).toEqual([['a']]);
  });
});

describe('view store', () => {
  it('2,000 deltas streamed over 2 s reach subscribers about every 50 ms, not 2,000 times', () => {
    const clock = new ManualScheduler();
    const store = createViewStore(initialState(sessionInfo()), { scheduler: clock });
    let notified = 0;
    store.subscribe(() => (notified += 1));
    store.dispatch(stamp(started(message('m', '', 'in_progress')), 1));
    for (let i = 0; i < 2000; i++) {
      store.dispatch(stamp(delta('m', 'x'), i + 2));
      clock.advance(1);
    }
    clock.advance(100);
    expect(notified).toBeLessThanOrEqual(42);
    expect(notified).toBeGreaterThanOrEqual(38);
    const live = store.getState().live[0];
    expect(live?.kind === 'message' && live.text.length).toBe(2000);
  });

  it('dispatchNow applies at once, after what was queued', () => {
    const clock = new ManualScheduler();
    const store = createViewStore(initialState(sessionInfo()), { scheduler: clock });
    store.dispatch({ type: 'notice.info', title: 'first', lines: [] });
    store.dispatchNow({ type: 'ui.prompt', text: 'second' });
    expect(store.getState().transcript.map((e) => e.kind)).toEqual(['header', 'notice', 'prompt']);
  });
});
