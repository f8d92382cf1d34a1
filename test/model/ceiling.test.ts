import { describe, expect, it } from 'vitest';
import { describeCeilingHit, DEFAULT_RESPONSE_MAX_BYTES, DEFAULT_RESPONSE_MAX_MS, meteredFetch, meteredFetchOptions, startCeiling } from '../../src/model/ceiling.ts';
import type { CeilingHit, Timers } from '../../src/model/ceiling.ts';

/** A clock the test moves by hand. */
function fakeTimers(): Timers & { advance(ms: number): void } {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  return {
    setTimeout(fn, ms) {
      const id = next++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    advance(ms) {
      now += ms;
      for (const [id, t] of [...pending]) {
        if (t.at <= now) {
          pending.delete(id);
          t.fn();
        }
      }
    },
  };
}

describe('startCeiling', () => {
  it('has finite, generous defaults', () => {
    expect(DEFAULT_RESPONSE_MAX_MS).toBe(20 * 60_000);
    expect(DEFAULT_RESPONSE_MAX_BYTES).toBe(64 * 1024 * 1024);
  });

  it('fires once at the time limit, however many bytes keep arriving', () => {
    const timers = fakeTimers();
    const hits: CeilingHit[] = [];
    const ceiling = startCeiling({ maxMs: 1000, maxBytes: 1_000_000 }, (h) => hits.push(h), timers);
    for (let i = 0; i < 9; i++) {
      ceiling.meter(10);
      timers.advance(100);
    }
    expect(hits).toEqual([]);
    timers.advance(100);
    expect(hits).toEqual([{ kind: 'time', limit: 1000 }]);
    expect(() => ceiling.meter(1)).toThrow(/ceiling/);
    timers.advance(10_000);
    expect(hits).toHaveLength(1);
  });

  // [bytes metered in turn, limit, index of the call that hits (or null)]
  const sizes: [number[], number, number | null][] = [
    [[10, 20, 30], 60, null],
    [[10, 20, 31], 60, 2],
    [[61], 60, 0],
    [[0, 0, 0], 1, null],
  ];
  it.each(sizes)('meters %j against %d', (chunks, limit, hitAt) => {
    const timers = fakeTimers();
    const hits: CeilingHit[] = [];
    const ceiling = startCeiling({ maxMs: 1000, maxBytes: limit }, (h) => hits.push(h), timers);
    let thrownAt: number | null = null;
    chunks.forEach((n, i) => {
      try {
        ceiling.meter(n);
      } catch {
        thrownAt ??= i;
      }
    });
    expect(thrownAt).toBe(hitAt);
    expect(ceiling.hit).toEqual(hitAt === null ? undefined : { kind: 'size', limit });
    expect(hits).toHaveLength(hitAt === null ? 0 : 1);
  });

  it('stop() clears the clock', () => {
    const timers = fakeTimers();
    const hits: CeilingHit[] = [];
    startCeiling({ maxMs: 10 }, (h) => hits.push(h), timers).stop();
    timers.advance(100);
    expect(hits).toEqual([]);
  });

  it('names the setting that raises it', () => {
    expect(describeCeilingHit({ kind: 'time', limit: 600_000 }, 'acme')).toMatch(/after 10 minutes.*raise providers\.acme\.response_max_ms\.$/);
    expect(describeCeilingHit({ kind: 'size', limit: 4 * 1024 * 1024 }, 'acme')).toMatch(/passed 4 MiB.*raise providers\.acme\.response_max_bytes\.$/);
  });
});

describe('meteredFetch', () => {
  const body = (text: string): typeof fetch => async () => new Response(text, { status: 200, headers: { 'x-test': '1' } });

  it('passes a request without a meter through untouched', async () => {
    const res = await meteredFetch(body('hello'))('http://x', {});
    expect(await res.text()).toBe('hello');
  });

  it('counts the body of a metered request and fails it when the meter throws', async () => {
    let seen = 0;
    const meter = (n: number): void => {
      seen += n;
      if (seen > 5) throw new Error('over');
    };
    const ok = await meteredFetch(body('hello'))('http://x', meteredFetchOptions(meter).fetchOptions as RequestInit);
    expect(ok.headers.get('x-test')).toBe('1');
    expect(await ok.text()).toBe('hello');
    expect(seen).toBe(5);
    const over = await meteredFetch(body('more'))('http://x', meteredFetchOptions(meter).fetchOptions as RequestInit);
    await expect(over.text()).rejects.toThrow(/over/);
  });
});
