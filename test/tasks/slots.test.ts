// The batch's slots: at most `size` runs at once, handed out first come first served; none after a stop.
import { describe, expect, it } from 'vitest';
import { Slots } from '../../src/tasks/slots.ts';

describe('Slots', () => {
  it('gives out at most `size` at once, to the waiters in order', async () => {
    const slots = new Slots(2, new AbortController().signal);
    const a = await slots.acquire();
    const b = await slots.acquire();
    const order: string[] = [];
    const c = slots.acquire().then((r) => (order.push('c'), r));
    const d = slots.acquire().then((r) => (order.push('d'), r));
    await Promise.resolve();
    expect(order).toEqual([]);
    b?.();
    b?.(); // a second release of the same slot gives nothing more
    const cRelease = await c;
    expect(order).toEqual(['c']);
    a?.();
    await d;
    expect(order).toEqual(['c', 'd']);
    expect(cRelease).toBeTypeOf('function');
  });

  it('refuses every waiter, and every later ask, once stopped', async () => {
    const stop = new AbortController();
    const slots = new Slots(1, stop.signal);
    expect(await slots.acquire()).toBeTypeOf('function');
    const waiting = slots.acquire();
    stop.abort();
    expect(await waiting).toBeNull();
    expect(await slots.acquire()).toBeNull();
  });
});
