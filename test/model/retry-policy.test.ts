// The retry policy as pure functions: backoff bounds, Retry-After parsing, the abortable sleep; and
// the scripted server loading under plain Node (the benchmark imports it without a bundler).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, resolveRetryPolicy, sleep } from '../../src/model/retry.ts';
import { ModelError } from '../../src/model/types.ts';

describe('retry policy', () => {
  it('defaults to 5 attempts, 500 ms base, 20 s cap', () => {
    expect(resolveRetryPolicy()).toEqual({ maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 20_000 });
  });

  it('draws full jitter from a doubling window, capped', () => {
    const policy = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000 });
    expect(backoffDelay(policy, 2, undefined, () => 0.999999)).toBe(100);
    expect(backoffDelay(policy, 3, undefined, () => 0.999999)).toBe(200);
    expect(backoffDelay(policy, 4, undefined, () => 0.5)).toBe(200);
    expect(backoffDelay(policy, 9, undefined, () => 0.999999)).toBe(1_000);
    expect(backoffDelay(policy, 2, undefined, () => 0)).toBe(0);
  });

  it('prefers the server hint, capped at maxDelayMs', () => {
    const policy = resolveRetryPolicy({ maxDelayMs: 5_000 });
    expect(backoffDelay(policy, 2, 1_500, () => 0)).toBe(1_500);
    expect(backoffDelay(policy, 2, 60_000, () => 0)).toBe(5_000);
  });

  it('parses retry-after-ms, seconds and HTTP dates', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250' }), now)).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '3' }), now)).toBe(3_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Tue, 01 Jan 2030 00:00:04 GMT' }), now)).toBe(4_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });

  it('sleep rejects with aborted when the signal fires', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 10);
    const err = await sleep(10_000, ac.signal).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).kind).toBe('aborted');
  });
});

describe('model server under plain Node', () => {
  it('imports and serves without a bundler (type stripping only)', () => {
    const url = new URL('../support/model-server.ts', import.meta.url).href;
    const script = `
      const { startModelServer } = await import(${JSON.stringify(url)});
      const s = await startModelServer([{ outputs: [{ text: 'hi' }] }]);
      const r = await fetch(s.url + '/models');
      console.log(r.status);
      await s.close();`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8' });
    expect(out.trim()).toBe('200');
  });
});
