// Retries and failures through the real SDK: HTTP errors, cut and stalled streams, exhaustion, and
// the errors that must not be retried.
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer } from '../support/model-server.ts';
import { createModelClient } from '../../src/model/client.ts';
import { clientFor, collect, completedOf, lastAttempt, modelError, request, retriesOf, textOf } from './harness.ts';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const WIRES = ['responses', 'chat'] as const;

describe.each(WIRES)('retries on the %s wire', (wire) => {
  it('honours Retry-After on a 429, then succeeds', async () => {
    server = await startModelServer([{ fault: { kind: 'status', status: 429, retryAfter: 1 } }, { outputs: [{ text: 'after the wait' }] }]);
    const started = Date.now();
    const { deltas, error } = await collect(clientFor(server.url, wire));
    expect(error).toBeUndefined();
    const [retry, ...more] = retriesOf(deltas);
    expect(more).toHaveLength(0);
    expect(retry).toMatchObject({ attempt: 2, delayMs: 1000 });
    expect(retry?.message).toMatch(/429/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(textOf(lastAttempt(deltas))).toBe('after the wait');
    expect(server.requests).toHaveLength(2);
  });

  it('caps a long Retry-After at maxDelayMs', async () => {
    server = await startModelServer([{ fault: { kind: 'status', status: 429, retryAfter: 3600 } }, { outputs: [{ text: 'ok' }] }]);
    const { deltas } = await collect(clientFor(server.url, wire, { retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50 } }));
    expect(retriesOf(deltas)[0]?.delayMs).toBe(50);
    expect(completedOf(deltas).output).toEqual([{ type: 'message', role: 'assistant', content: 'ok' }]);
  });

  it('retries a 500, then succeeds', async () => {
    server = await startModelServer([{ fault: { kind: 'status', status: 500 } }, { outputs: [{ text: 'recovered' }] }]);
    const { deltas, error } = await collect(clientFor(server.url, wire));
    expect(error).toBeUndefined();
    expect(retriesOf(deltas)).toHaveLength(1);
    expect(retriesOf(deltas)[0]?.message).toMatch(/500/);
    expect(textOf(lastAttempt(deltas))).toBe('recovered');
  });

  it('retries a stream cut mid-response: partial deltas, a retry, then the whole output', async () => {
    const text = 'The complete answer, streamed in pieces.';
    // Both encodings have at least 3 events before the second text delta.
    server = await startModelServer([{ outputs: [{ text }], fault: { kind: 'cut', afterEvents: wire === 'chat' ? 2 : 5 } }, { outputs: [{ text }] }]);
    const { deltas, error } = await collect(clientFor(server.url, wire));
    expect(error).toBeUndefined();
    const retryAt = deltas.findIndex((d) => d.type === 'retry');
    expect(retryAt).toBeGreaterThan(0);
    const partial = textOf(deltas.slice(0, retryAt));
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(text.length);
    expect(text.startsWith(partial)).toBe(true);
    expect(deltas.slice(0, retryAt).some((d) => d.type === 'completed')).toBe(false);
    expect(textOf(lastAttempt(deltas))).toBe(text);
    expect(completedOf(deltas).output).toEqual([{ type: 'message', role: 'assistant', content: text }]);
  });

  it('treats a stream that stalls longer than idleTimeoutMs as cut, then succeeds', async () => {
    server = await startModelServer([
      { outputs: [{ text: 'slow slow slow' }], fault: { kind: 'stall', afterEvents: 2, ms: 3_000 } },
      { outputs: [{ text: 'fast' }] },
    ]);
    const started = Date.now();
    const { deltas, error } = await collect(clientFor(server.url, wire, { idleTimeoutMs: 200 }));
    expect(error).toBeUndefined();
    expect(retriesOf(deltas)).toHaveLength(1);
    expect(retriesOf(deltas)[0]?.message).toMatch(/sent nothing for 200ms/);
    expect(textOf(lastAttempt(deltas))).toBe('fast');
    expect(Date.now() - started).toBeLessThan(2_500); // did not wait out the stall
  });

  it('does not time out a slow but steady stream', async () => {
    server = await startModelServer([{ outputs: [{ text: 'one two three four' }], chunkDelayMs: 60 }]);
    const { deltas, error } = await collect(clientFor(server.url, wire, { idleTimeoutMs: 300 }));
    expect(error).toBeUndefined();
    expect(retriesOf(deltas)).toHaveLength(0);
    expect(textOf(deltas)).toBe('one two three four');
  });

  it('gives up after maxAttempts with unavailable and the last error', async () => {
    server = await startModelServer(Array.from({ length: 3 }, () => ({ fault: { kind: 'status' as const, status: 503 } })));
    const { deltas, error } = await collect(clientFor(server.url, wire, { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 } }));
    const err = modelError(error);
    expect(err.kind).toBe('unavailable');
    expect(err.message).toMatch(/scripted.*3 times.*503/);
    expect(retriesOf(deltas).map((r) => r.attempt)).toEqual([2, 3]);
    for (const r of retriesOf(deltas)) expect(r.delayMs).toBeLessThanOrEqual(20);
    expect(server.requests).toHaveLength(3);
  });

  it('fails with auth on a 401, naming the provider and env var, without retrying', async () => {
    server = await startModelServer([{ outputs: [{ text: 'never' }] }], { apiKey: 'sk-right' });
    const { deltas, error } = await collect(clientFor(server.url, wire));
    const err = modelError(error);
    expect(err.kind).toBe('auth');
    expect(err.status).toBe(401);
    expect(err.message).toContain('scripted');
    expect(err.message).toContain('SCRIPTED_API_KEY');
    expect(retriesOf(deltas)).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });

  it('succeeds with the right key', async () => {
    server = await startModelServer([{ outputs: [{ text: 'welcome' }] }], { apiKey: 'sk-right' });
    const { deltas } = await collect(clientFor(server.url, wire, { apiKey: 'sk-right' }));
    expect(textOf(deltas)).toBe('welcome');
  });

  it('fails with model_not_found for a model the provider does not know', async () => {
    server = await startModelServer([{ outputs: [{ text: 'never' }] }], { models: ['real-model'] });
    const { error } = await collect(clientFor(server.url, wire), request({ model: 'imaginary-model' }));
    const err = modelError(error);
    expect(err.kind).toBe('model_not_found');
    expect(err.message).toBe('The provider scripted does not know the model imaginary-model; `hew models` lists the models it serves (choose one with -m MODEL or model = "…" in the config).');
    expect(server.requests).toHaveLength(1);
    expect(server.remaining()).toBe(1);
  });

  it('maps a context-length 400 to context_length and another 400 to bad_request', async () => {
    server = await startModelServer([
      { fault: { kind: 'status', status: 400, body: { error: { message: "This model's maximum context length is 128000 tokens.", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } } } },
      { fault: { kind: 'status', status: 400, body: { error: { message: "Invalid type for 'tools[0].parameters'.", type: 'invalid_request_error', param: null, code: null } } } },
    ]);
    const first = modelError((await collect(clientFor(server.url, wire))).error);
    expect(first.kind).toBe('context_length');
    expect(first.message).toContain('maximum context length');
    const second = modelError((await collect(clientFor(server.url, wire))).error);
    expect(second.kind).toBe('bad_request');
    expect(second.message).toContain("Invalid type for 'tools[0].parameters'.");
    expect(server.requests).toHaveLength(2);
  });
});

describe('client edge cases', () => {
  it('fails with auth naming the env var when there is no key, before any request', async () => {
    server = await startModelServer([{ outputs: [{ text: 'never' }] }]);
    const client = createModelClient({ provider: 'openrouter', model: 'm', baseURL: server.url, apiKey: undefined, apiKeyEnv: 'OPENROUTER_API_KEY', wireApi: 'chat' });
    const err = modelError((await collect(client)).error);
    expect(err.kind).toBe('auth');
    expect(err.message).toContain('OPENROUTER_API_KEY');
    expect(server.requests).toHaveLength(0);
  });

  it('names OPENAI_API_KEY by default', async () => {
    const client = createModelClient({ provider: 'openai', model: 'm', baseURL: 'http://127.0.0.1:9/v1', apiKey: undefined, wireApi: 'responses' });
    expect(modelError((await collect(client)).error).message).toContain('OPENAI_API_KEY');
  });

  it('does not retry a refused connection (nothing listens): one error with the URL and the fix', async () => {
    const closed = await startModelServer([]);
    const url = closed.url;
    await closed.close();
    const { deltas, error } = await collect(clientFor(url, 'chat', { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10 } }));
    expect(retriesOf(deltas)).toHaveLength(0);
    const err = modelError(error);
    expect(err.kind).toBe('unavailable');
    expect(err.message).toMatch(new RegExp(`^cannot reach scripted at ${url.replace(/[.]/g, '\\.')} \\(ECONNREFUSED: nothing is listening there\\); start the server, or point hew at the right URL; \`hew doctor\` checks the connection\\.$`));
  });

  it('aborts during the backoff sleep with aborted', async () => {
    server = await startModelServer([{ fault: { kind: 'status', status: 429, retryAfter: 10 } }, { outputs: [{ text: 'never' }] }]);
    const ac = new AbortController();
    const started = Date.now();
    const client = clientFor(server.url, 'responses', { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10_000 } });
    const deltas = [];
    let error: unknown;
    try {
      for await (const d of client.stream(request(), ac.signal)) {
        deltas.push(d);
        if (d.type === 'retry') setTimeout(() => ac.abort(), 50);
      }
    } catch (e) {
      error = e;
    }
    expect(modelError(error).kind).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.requests).toHaveLength(1);
  });

  it('aborts mid-stream with aborted', async () => {
    server = await startModelServer([{ outputs: [{ text: 'a long and slow answer' }], chunkDelayMs: 200 }]);
    const ac = new AbortController();
    const client = clientFor(server.url, 'chat');
    let error: unknown;
    const seen: string[] = [];
    try {
      for await (const d of client.stream(request(), ac.signal)) {
        seen.push(d.type);
        if (d.type === 'text_delta') ac.abort();
      }
    } catch (e) {
      error = e;
    }
    expect(modelError(error).kind).toBe('aborted');
    expect(seen).not.toContain('completed');
    expect(seen).not.toContain('retry');
  });

  it('closes the HTTP stream when the consumer stops early', async () => {
    server = await startModelServer([{ outputs: [{ text: 'x'.repeat(30) }], chunkDelayMs: 100 }, { outputs: [{ text: 'second' }] }]);
    const client = clientFor(server.url, 'responses');
    for await (const d of client.stream(request(), new AbortController().signal)) {
      if (d.type === 'text_delta') break;
    }
    for (let i = 0; i < 50 && !server.requests[0]?.clientClosed; i++) await new Promise((r) => setTimeout(r, 20));
    expect(server.requests[0]?.clientClosed).toBe(true);
    const { deltas } = await collect(client);
    expect(textOf(deltas)).toBe('second');
  });
});
