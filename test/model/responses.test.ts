// The Responses adapter through the real SDK against the scripted server: output, tool calls, usage,
// reasoning round trip and the request body it sends.
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer } from '../support/model-server.ts';
import { TOOLS, clientFor, collect, completedOf, request, textOf } from './harness.ts';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('responses wire', () => {
  it('streams a text answer as deltas and completes with the message and usage', async () => {
    server = await startModelServer([{ outputs: [{ text: 'Hello there, world.' }], usage: { input_tokens: 120, output_tokens: 7, cached_input_tokens: 100 } }]);
    const { deltas, error } = await collect(clientFor(server.url, 'responses'));
    expect(error).toBeUndefined();
    const textDeltas = deltas.filter((d) => d.type === 'text_delta');
    expect(textDeltas.length).toBeGreaterThan(1);
    expect(textOf(deltas)).toBe('Hello there, world.');
    const done = completedOf(deltas);
    expect(done.output).toEqual([{ type: 'message', role: 'assistant', content: 'Hello there, world.' }]);
    expect(done.usage).toEqual({ input_tokens: 120, cached_input_tokens: 100, output_tokens: 7, reasoning_output_tokens: 0 });
    expect(server.remaining()).toBe(0);
  });

  it('reports no usage as null', async () => {
    server = await startModelServer([{ outputs: [{ text: 'ok' }], usage: null }]);
    const { deltas } = await collect(clientFor(server.url, 'responses'));
    expect(completedOf(deltas).usage).toBeNull();
  });

  it('yields a tool call once, complete, and puts it in the output', async () => {
    server = await startModelServer([{ outputs: [{ tool: 'shell', args: { command: 'ls -la' }, id: 'call_abc' }] }]);
    const { deltas, error } = await collect(clientFor(server.url, 'responses'), request({ tools: TOOLS }));
    expect(error).toBeUndefined();
    const calls = deltas.filter((d) => d.type === 'tool_call');
    expect(calls).toEqual([{ type: 'tool_call', call: { call_id: 'call_abc', name: 'shell', arguments: '{"command":"ls -la"}' } }]);
    expect(completedOf(deltas).output).toEqual([
      { type: 'function_call', call_id: 'call_abc', name: 'shell', arguments: '{"command":"ls -la"}' },
    ]);
  });

  it('handles parallel tool calls after a message, in order', async () => {
    server = await startModelServer([{
      outputs: [
        { text: 'Looking.' },
        { tool: 'read_file', args: { path: 'a.ts' } },
        { tool: 'read_file', args: '{"path": "b.ts"' }, // malformed JSON passes through raw
      ],
    }]);
    const { deltas } = await collect(clientFor(server.url, 'responses'), request({ tools: TOOLS, parallelToolCalls: true }));
    const calls = deltas.flatMap((d) => (d.type === 'tool_call' ? [d.call] : []));
    expect(calls.map((c) => c.arguments)).toEqual(['{"path":"a.ts"}', '{"path": "b.ts"']);
    expect(new Set(calls.map((c) => c.call_id)).size).toBe(2);
    const output = completedOf(deltas).output;
    expect(output.map((o) => o.type)).toEqual(['message', 'function_call', 'function_call']);
  });

  it('streams reasoning and sends encrypted reasoning back on the next request', async () => {
    server = await startModelServer([{ outputs: [{ reasoning: 'Think first.' }, { text: 'Done.' }] }, { outputs: [{ text: 'Again.' }] }]);
    const client = clientFor(server.url, 'responses', { reasoning: { effort: 'low', summary: 'auto' } });
    const first = await collect(client);
    expect(first.deltas.filter((d) => d.type === 'reasoning_delta').map((d) => (d.type === 'reasoning_delta' ? d.text : '')).join('')).toBe('Think first.');
    const out = completedOf(first.deltas).output;
    expect(out[0]).toMatchObject({ type: 'reasoning', text: 'Think first.', id: expect.any(String), encrypted_content: expect.stringMatching(/^enc:/) });
    expect(server.requests[0]?.body).toMatchObject({ reasoning: { effort: 'low', summary: 'auto' }, include: ['reasoning.encrypted_content'] });

    const input = [...request().input, ...out, { type: 'message' as const, role: 'user' as const, content: 'more' }];
    await collect(client, request({ input }));
    const sent = server.requests[1]?.body.input as unknown[];
    expect(sent[1]).toEqual({ type: 'reasoning', summary: [{ type: 'summary_text', text: 'Think first.' }], encrypted_content: out[0]?.type === 'reasoning' ? out[0].encrypted_content : '' });
    expect(sent[2]).toEqual({ type: 'message', role: 'assistant', content: 'Done.' });
  });

  it('translates the request: instructions, items, tools, store:false, stream', async () => {
    server = await startModelServer([{ outputs: [{ text: 'ok' }] }]);
    await collect(clientFor(server.url, 'responses'), request({
      instructions: 'Be brief.',
      tools: TOOLS,
      parallelToolCalls: false,
      input: [
        { type: 'message', role: 'developer', content: 'Repo rules.' },
        { type: 'message', role: 'user', content: 'List files' },
        { type: 'reasoning', text: 'no encrypted content, dropped' },
        { type: 'function_call', call_id: 'c1', name: 'shell', arguments: '{"command":"ls"}' },
        { type: 'function_call_output', call_id: 'c1', output: 'a.ts\nb.ts' },
      ],
    }));
    const rec = server.requests[0];
    expect(rec?.path).toBe('/v1/responses');
    expect(rec?.headers.authorization).toBe('Bearer sk-test-key');
    expect(rec?.body).toMatchObject({ model: 'test-model', instructions: 'Be brief.', store: false, stream: true, parallel_tool_calls: false });
    expect(rec?.body.input).toEqual([
      { type: 'message', role: 'developer', content: 'Repo rules.' },
      { type: 'message', role: 'user', content: 'List files' },
      { type: 'function_call', call_id: 'c1', name: 'shell', arguments: '{"command":"ls"}' },
      { type: 'function_call_output', call_id: 'c1', output: 'a.ts\nb.ts' },
    ]);
    expect(rec?.body.tools).toEqual(TOOLS.map((t) => ({ type: 'function', name: t.name, description: t.description, parameters: t.parameters, strict: false })));
  });

  it('sends extra headers from the provider config', async () => {
    server = await startModelServer([{ outputs: [{ text: 'ok' }] }]);
    await collect(clientFor(server.url, 'responses', { headers: { 'x-team': 'hew' } }));
    expect(server.requests[0]?.headers['x-team']).toBe('hew');
  });
});

describe('request fields of a reasoning model (pure)', async () => {
  const { toResponsesBody } = await import('../../src/model/wire-responses.ts');
  const { toChatBody } = await import('../../src/model/wire-chat.ts');
  const base = { model: 'm', instructions: 'i', input: [], tools: [] };
  const reasoning = { effort: 'high' as const };

  it('Responses: reasoning and include only with the capability; the cache key whenever the request has one', () => {
    const cases: [Parameters<typeof toResponsesBody>[1], string | undefined, Record<string, unknown>, string[]][] = [
      [{ reasoning }, 'k', { reasoning, include: ['reasoning.encrypted_content'], prompt_cache_key: 'k' }, []],
      [{ reasoning, sendReasoning: false }, 'k', { prompt_cache_key: 'k' }, ['reasoning', 'include']],
      [{}, undefined, {}, ['reasoning', 'include', 'prompt_cache_key']],
    ];
    for (const [opts, key, present, absent] of cases) {
      const body = toResponsesBody({ ...base, ...(key ? { promptCacheKey: key } : {}) }, opts) as unknown as Record<string, unknown>;
      expect(body).toMatchObject(present);
      for (const field of absent) expect(body).not.toHaveProperty(field);
    }
  });

  it('Chat: reasoning_effort only with the capability; never a cache key, reasoning or include', () => {
    const on = toChatBody({ ...base, promptCacheKey: 'k' }, { reasoning }) as unknown as Record<string, unknown>;
    expect(on.reasoning_effort).toBe('high');
    const off = toChatBody({ ...base, promptCacheKey: 'k' }, { reasoning, sendReasoning: false }) as unknown as Record<string, unknown>;
    for (const body of [on, off]) for (const field of ['prompt_cache_key', 'reasoning', 'include']) expect(body).not.toHaveProperty(field);
    expect(off).not.toHaveProperty('reasoning_effort');
  });
});
