// The scripted model server itself, over raw HTTP: faults really happen, the script is consumed in
// order, and the error bodies look like OpenAI's.
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer } from '../support/model-server.ts';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server?.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** Reads an SSE body to the end (or until the connection breaks), counting `data:` frames. */
async function readFrames(res: Response): Promise<{ frames: string[]; broken: boolean }> {
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  let text = '';
  let broken = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    broken = true;
  }
  const frames = text.split('\n\n').filter((f) => f.includes('data: '));
  return { frames, broken };
}

describe('model server', () => {
  it('cuts the connection after exactly N events', async () => {
    server = await startModelServer([{ outputs: [{ text: 'abcdefghijkl' }], fault: { kind: 'cut', afterEvents: 3 } }]);
    const res = await post('/chat/completions', { model: 'm', stream: true });
    expect(res.status).toBe(200);
    const { frames, broken } = await readFrames(res);
    expect(broken).toBe(true);
    expect(frames).toHaveLength(3);
    expect(frames.join('')).not.toContain('[DONE]');
  });

  it('without a fault, ends chat with [DONE] and responses with response.completed', async () => {
    server = await startModelServer([{ outputs: [{ text: 'hi' }] }, { outputs: [{ text: 'hi' }] }]);
    const chat = await readFrames(await post('/chat/completions', { model: 'm', stream: true }));
    expect(chat.broken).toBe(false);
    expect(chat.frames.at(-1)).toBe('data: [DONE]');
    const responses = await readFrames(await post('/responses', { model: 'm', stream: true }));
    expect(responses.broken).toBe(false);
    expect(responses.frames.at(-1)).toMatch(/^event: response\.completed\ndata: /);
  });

  it('stalls for the scripted time, then finishes the stream', async () => {
    server = await startModelServer([{ outputs: [{ text: 'abc' }], fault: { kind: 'stall', afterEvents: 1, ms: 300 } }]);
    const started = Date.now();
    const { frames, broken } = await readFrames(await post('/chat/completions', { model: 'm', stream: true }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(broken).toBe(false);
    expect(frames.at(-1)).toBe('data: [DONE]');
  });

  it('answers a status fault with the body and a Retry-After header', async () => {
    server = await startModelServer([{ fault: { kind: 'status', status: 429, retryAfter: 7 } }]);
    const res = await post('/responses', { model: 'm', stream: true });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toMatchObject({ error: { code: 'rate_limit_exceeded', type: 'requests' } });
  });

  it('consumes the script in order and says when it is exhausted', async () => {
    server = await startModelServer([{ outputs: [{ text: 'first' }] }]);
    expect(server.remaining()).toBe(1);
    const first = await readFrames(await post('/chat/completions', { model: 'm', stream: true, stream_options: { include_usage: true } }));
    expect(first.frames.join('')).toContain('"content":"fi"');
    expect(first.frames.join('')).toContain('"prompt_tokens"');
    expect(server.remaining()).toBe(0);
    const res = await post('/chat/completions', { model: 'm', stream: true });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('model-server: script exhausted after 1 turns');
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1/chat/completions']);
    expect(server.requests[0]?.body.model).toBe('m');
    expect(server.requests[0]?.bytes).toBeGreaterThan(10);
  });

  it('takes a function script with the request and its index', async () => {
    const seen: number[] = [];
    server = await startModelServer((req, index) => {
      seen.push(index);
      return { outputs: [{ text: `echo ${String(req.body.model)}` }] };
    });
    await readFrames(await post('/responses', { model: 'one', stream: true }));
    const { frames } = await readFrames(await post('/responses', { model: 'two', stream: true }));
    expect(seen).toEqual([0, 1]);
    expect(frames.join('')).toContain('"text":"echo two"');
    expect(server.remaining()).toBe(Number.POSITIVE_INFINITY);
  });

  it('lists models, rejects unknown ones with model_not_found, and checks the key', async () => {
    server = await startModelServer([{ outputs: [{ text: 'ok' }] }], { models: ['alpha', 'beta'], apiKey: 'sk-good' });
    const auth = { authorization: 'Bearer sk-good' };
    const list = await fetch(`${server.url}/models`, { headers: auth });
    expect(((await list.json()) as { data: { id: string }[] }).data.map((m) => m.id)).toEqual(['alpha', 'beta']);
    const unknown = await post('/responses', { model: 'gamma', stream: true }, auth);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'model_not_found', message: expect.stringContaining('gamma') } });
    const noKey = await post('/responses', { model: 'alpha', stream: true }, { authorization: 'Bearer sk-bad' });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
    expect(server.remaining()).toBe(1);
  });
});
