import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { mountApp } from './app-harness.tsx';
import { command, delta, message, started } from './events.ts';
import { ManualScheduler } from './manual-scheduler.ts';

afterEach(() => cleanup());

/** React commits store updates in a microtask: let it, as the event loop would between timer ticks. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('render throttling', () => {
  it('2,000 streamed tokens cause a few dozen renders, and the text is all there', async () => {
    const clock = new ManualScheduler();
    const app = mountApp({ scheduler: clock });
    const c = app.controller;
    c.push({ type: 'turn.started', turn: 1 });
    c.push(started(message('m', '', 'in_progress')));
    await settle();
    clock.advance(60);
    await settle();
    const before = app.frames.length;
    for (let i = 0; i < 2000; i++) {
      c.push(delta('m', i % 20 === 19 ? `w${i}\n` : `w${i} `));
      clock.advance(1);
      await settle();
    }
    clock.advance(100);
    await settle();
    const renders = app.frames.length - before;
    expect(renders).toBeGreaterThan(10);
    expect(renders).toBeLessThanOrEqual(45); // one per ~50 ms flush, not one per token
    expect(app.store.flushCount()).toBeLessThanOrEqual(45);
    expect(app.frame()).toContain('w1999');
  });

  it('a 5,000-line command output keeps the card to its tail', async () => {
    const clock = new ManualScheduler();
    const app = mountApp({ scheduler: clock });
    const c = app.controller;
    await settle();
    c.push(started(command('c', 'seq 5000')));
    for (let i = 1; i <= 5000; i++) {
      c.push(delta('c', `${i}\n`));
      if (i % 10 === 0) {
        clock.advance(1);
        await settle();
      }
    }
    clock.advance(100);
    await settle();
    const out = app.frame();
    expect(out).toContain('│ 5000');
    expect(out).toContain('│ 4993');
    expect(out).not.toContain('│ 4992');
    expect(out).toContain('… 4992 earlier lines');
    expect(app.frames.length).toBeLessThan(20);
  });
});
