// The elapsed-time line under a long command, with a fake clock: nothing for a quick command, a line
// rewritten in place once the delay has passed, erased when the command ends or before other output.
import { describe, expect, it } from 'vitest';
import { elapsedTicker, type TickerClock } from '../../src/cli/elapsed-ticker.ts';
import { LiveLine } from '../../src/cli/live-line.ts';

function fakeClock(): TickerClock & { advance(ms: number): void; timers: number } {
  let now = 0;
  const timers = new Map<number, { fn: () => void; every: number; next: number }>();
  let nextId = 1;
  return {
    now: () => now,
    setInterval(fn, ms) {
      const id = nextId++;
      timers.set(id, { fn, every: ms, next: now + ms });
      return id;
    },
    clearInterval(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.values()].filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        now = due.next;
        due.next += due.every;
        due.fn();
      }
      now = end;
    },
    get timers() {
      return timers.size;
    },
  };
}

function setup() {
  const out: string[] = [];
  const line = new LiveLine((t) => out.push(t));
  const clock = fakeClock();
  const ticker = elapsedTicker(line, clock, 3_000, 1_000);
  return { out, line, clock, ticker };
}

describe('elapsedTicker', () => {
  it('shows nothing for a command that ends before the delay', () => {
    const { out, clock, ticker } = setup();
    ticker.start();
    clock.advance(2_500);
    ticker.stop();
    expect(out).toEqual([]);
    expect(clock.timers).toBe(0);
  });

  it('rewrites one line in place after the delay and erases it when the command ends', () => {
    const { out, clock, ticker } = setup();
    ticker.start();
    clock.advance(5_000);
    expect(out).toEqual(['\r\u001b[2K  … running 3s', '\r\u001b[2K  … running 4s', '\r\u001b[2K  … running 5s']);
    ticker.stop();
    expect(out.at(-1)).toBe('\r\u001b[2K');
    expect(clock.timers).toBe(0);
    clock.advance(5_000);
    expect(out).toHaveLength(4);
  });

  it('erases the line before other output, and draws it again on the next tick', () => {
    const { out, line, clock, ticker } = setup();
    ticker.start();
    clock.advance(3_000);
    line.write('✋ approved `npm test`\n');
    expect(out.slice(-2)).toEqual(['\r\u001b[2K', '✋ approved `npm test`\n']);
    clock.advance(1_000);
    expect(out.at(-1)).toBe('\r\u001b[2K  … running 4s');
  });

  it('a second start restarts the count', () => {
    const { out, clock, ticker } = setup();
    ticker.start();
    clock.advance(3_000);
    ticker.start();
    clock.advance(2_000);
    expect(out).toEqual(['\r\u001b[2K  … running 3s', '\r\u001b[2K']);
    expect(clock.timers).toBe(1);
  });

  it('writes through untouched when no line is shown', () => {
    const { out, line } = setup();
    line.write('plain\n');
    expect(out).toEqual(['plain\n']);
  });
});
