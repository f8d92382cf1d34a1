// The retry policy: how many attempts, how long to wait (exponential backoff with full jitter, or the
// server's Retry-After), and an abortable sleep.
import { ModelError } from './types.ts';

export interface RetryOptions {
  /** Attempts in total, the first included. Default 5. */
  maxAttempts?: number;
  /** Default 500 ms. */
  baseDelayMs?: number;
  /** Cap on any single wait, Retry-After included. Default 20 s. */
  maxDelayMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export function resolveRetryPolicy(opts: RetryOptions = {}): RetryPolicy {
  return {
    maxAttempts: Math.max(1, Math.floor(opts.maxAttempts ?? 5)),
    baseDelayMs: Math.max(0, opts.baseDelayMs ?? 500),
    maxDelayMs: Math.max(0, opts.maxDelayMs ?? 20_000),
  };
}

/**
 * The wait before attempt `nextAttempt` (2 for the first retry): the server's hint when it gave one,
 * otherwise a uniform draw from [0, base·2^(n-2)] ("full jitter"); capped at maxDelayMs either way.
 */
export function backoffDelay(policy: RetryPolicy, nextAttempt: number, retryAfterMs?: number, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return Math.round(Math.min(Math.max(0, retryAfterMs), policy.maxDelayMs));
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, nextAttempt - 2));
  return Math.round(random() * ceiling);
}

/** Reads `retry-after-ms`, then `retry-after` (seconds or an HTTP date). */
export function parseRetryAfter(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Sleeps `ms`; rejects with ModelError('aborted') as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortedError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortedError(): ModelError {
  return new ModelError('aborted', 'The model request was aborted.');
}
