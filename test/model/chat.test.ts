// The Chat Completions adapter through the real SDK against the scripted server: output, parallel tool
// calls, provider quirks, usage, and the messages it sends.
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer, Quirks, ScriptedTurn } from '../support/model-server.ts';
import { TOOLS, clientFor, collect, completedOf, request, textOf } from './harness.ts';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const PARALLEL: ScriptedTurn = {
  outputs: [
    { text: 'Reading both.' },
    { tool: 'read_file', args: { path: 'src/a.ts' }, id: 'call_a' },
    { tool: 'shell', args: { command: 'git status --short' }, id: 'call_b' },
  ],
  usage: { input_tokens: 50, output_tokens: 30, cached_input_tokens: 10 },
};
const EXPECTED_CALLS = [
  { call_id: 'call_a', name: 'read_file', arguments: '{"path":"src/a.ts"}' },
  { call_id: 'call_b', name: 'shell', arguments: '{"command":"git status --short"}' },
];

async function runParallel(quirks: Quirks) {
  server = await startModelServer([PARALLEL], { quirks });
  const { deltas, error } = await collect(clientFor(server.url, 'chat'), request({ tools: TOOLS }));
  expect(error).toBeUndefined();
  return deltas;
}

describe('chat wire', () => {
  it('streams a text answer and completes with message and usage', async () => {
    server = await startModelServer([{ outputs: [{ text: 'Plain answer here.' }], usage: { input_tokens: 9, output_tokens: 4 } }]);
    const { deltas, error } = await collect(clientFor(server.url, 'chat'));
    expect(error).toBeUndefined();
    expect(deltas.filter((d) => d.type === 'text_delta').length).toBeGreaterThan(1);
    expect(textOf(deltas)).toBe('Plain answer here.');
    expect(completedOf(deltas)).toEqual({
      type: 'completed',
      output: [{ type: 'message', role: 'assistant', content: 'Plain answer here.' }],
      usage: { input_tokens: 9, cached_input_tokens: 0, output_tokens: 4, reasoning_output_tokens: 0 },
    });
  });

  it('streams reasoning_content as reasoning deltas', async () => {
    server = await startModelServer([{ outputs: [{ reasoning: 'Hmm, let me see.' }, { text: 'Yes.' }] }]);
    const { deltas } = await collect(clientFor(server.url, 'chat'));
    expect(deltas.filter((d) => d.type === 'reasoning_delta').map((d) => (d.type === 'reasoning_delta' ? d.text : '')).join('')).toBe('Hmm, let me see.');
    expect(completedOf(deltas).output).toEqual([
      { type: 'reasoning', text: 'Hmm, let me see.' },
      { type: 'message', role: 'assistant', content: 'Yes.' },
    ]);
  });

  it('assembles a single tool call and passes malformed arguments through raw', async () => {
    server = await startModelServer([{ outputs: [{ tool: 'shell', args: '{"command": "ls', id: 'call_x' }] }]);
    const { deltas } = await collect(clientFor(server.url, 'chat'), request({ tools: TOOLS }));
    expect(deltas.filter((d) => d.type === 'tool_call')).toEqual([
      { type: 'tool_call', call: { call_id: 'call_x', name: 'shell', arguments: '{"command": "ls' } },
    ]);
  });

  it('assembles parallel tool calls in index order, after the text', async () => {
    const deltas = await runParallel({});
    expect(deltas.flatMap((d) => (d.type === 'tool_call' ? [d.call] : []))).toEqual(EXPECTED_CALLS);
    const done = completedOf(deltas);
    expect(done.output).toEqual([
      { type: 'message', role: 'assistant', content: 'Reading both.' },
      ...EXPECTED_CALLS.map((c) => ({ type: 'function_call', ...c })),
    ]);
    expect(done.usage).toEqual({ input_tokens: 50, cached_input_tokens: 10, output_tokens: 30, reasoning_output_tokens: 0 });
  });

  it('handles interleaved fragments of parallel calls', async () => {
    const deltas = await runParallel({ interleaveToolCalls: true });
    expect(deltas.flatMap((d) => (d.type === 'tool_call' ? [d.call] : []))).toEqual(EXPECTED_CALLS);
  });

  it('handles providers that resend cumulative arguments', async () => {
    const deltas = await runParallel({ cumulativeToolDeltas: true, interleaveToolCalls: true });
    expect(deltas.flatMap((d) => (d.type === 'tool_call' ? [d.call] : []))).toEqual(EXPECTED_CALLS);
  });

  it('handles tool-call deltas without an index', async () => {
    const deltas = await runParallel({ noToolCallIndex: true });
    expect(deltas.flatMap((d) => (d.type === 'tool_call' ? [d.call] : []))).toEqual(EXPECTED_CALLS);
  });

  it('reads usage from a later chunk with empty choices (split finish/usage)', async () => {
    const deltas = await runParallel({ splitFinishUsage: true });
    expect(completedOf(deltas).usage).toMatchObject({ input_tokens: 50, output_tokens: 30 });
  });

  it('reads usage attached to the finish chunk', async () => {
    const deltas = await runParallel({ usageOnFinishChunk: true });
    expect(completedOf(deltas).usage).toMatchObject({ input_tokens: 50, cached_input_tokens: 10, output_tokens: 30 });
  });

  it('completes with usage null when the provider sends none', async () => {
    const deltas = await runParallel({ noUsage: true });
    expect(completedOf(deltas).usage).toBeNull();
    expect(deltas.filter((d) => d.type === 'tool_call')).toHaveLength(2);
  });

  it('translates the conversation into chat messages', async () => {
    server = await startModelServer([{ outputs: [{ text: 'ok' }] }]);
    await collect(clientFor(server.url, 'chat'), request({
      instructions: 'System prompt.',
      tools: TOOLS,
      parallelToolCalls: true,
      input: [
        { type: 'message', role: 'developer', content: 'Project rules.' },
        { type: 'message', role: 'user', content: 'Fix it' },
        { type: 'reasoning', text: 'private', encrypted_content: 'x', id: 'rs_1' },
        { type: 'message', role: 'assistant', content: 'Let me look.' },
        { type: 'function_call', call_id: 'c1', name: 'read_file', arguments: '{"path":"a"}' },
        { type: 'function_call', call_id: 'c2', name: 'read_file', arguments: '{"path":"b"}' },
        { type: 'function_call_output', call_id: 'c1', output: 'A' },
        { type: 'function_call_output', call_id: 'c2', output: 'B' },
        { type: 'function_call', call_id: 'c3', name: 'shell', arguments: '{"command":"ls"}' },
        { type: 'function_call_output', call_id: 'c3', output: 'files' },
        { type: 'message', role: 'assistant', content: 'Done.' },
        { type: 'message', role: 'user', content: 'Thanks' },
      ],
    }));
    const body = server.requests[0]?.body;
    expect(server.requests[0]?.path).toBe('/v1/chat/completions');
    expect(body).toMatchObject({ model: 'test-model', stream: true, stream_options: { include_usage: true }, parallel_tool_calls: true });
    expect(body.messages).toEqual([
      { role: 'system', content: 'System prompt.' },
      { role: 'system', content: 'Project rules.' },
      { role: 'user', content: 'Fix it' },
      {
        role: 'assistant',
        content: 'Let me look.',
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a"}' } },
          { id: 'c2', type: 'function', function: { name: 'read_file', arguments: '{"path":"b"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'A' },
      { role: 'tool', tool_call_id: 'c2', content: 'B' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c3', type: 'function', function: { name: 'shell', arguments: '{"command":"ls"}' } }] },
      { role: 'tool', tool_call_id: 'c3', content: 'files' },
      { role: 'assistant', content: 'Done.' },
      { role: 'user', content: 'Thanks' },
    ]);
    expect(body.tools).toEqual(TOOLS.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } })));
  });

  it('sends no tools and no parallel_tool_calls when there are no tools', async () => {
    server = await startModelServer([{ outputs: [{ text: 'ok' }] }]);
    await collect(clientFor(server.url, 'chat'));
    expect(server.requests[0]?.body.tools).toBeUndefined();
    expect(server.requests[0]?.body.parallel_tool_calls).toBeUndefined();
  });
});
