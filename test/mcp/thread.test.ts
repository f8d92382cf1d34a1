// MCP in a thread, in process: a real model client talks to the scripted model server, which calls
// an MCP tool of a real stdio server; the approval goes through a scripted approver.
import { afterEach, describe, expect, it } from 'vitest';
import type { Item, StampedEvent } from '../../src/protocol/events.ts';
import { createApprovalGate, scriptedApprover } from '../../src/approvals/index.ts';
import { createModelClient } from '../../src/model/client.ts';
import { RunStore } from '../../src/runs/store.ts';
import { runThread } from '../../src/thread/run-thread.ts';
import { fixtureRepo, tempDir } from '../support/fixtures.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer, ScriptedTurn } from '../support/model-server.ts';
import type { McpServerConfig } from '../../src/mcp/types.ts';
import { stdioServer } from './support.ts';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(script: ScriptedTurn[], mcpServers: Record<string, McpServerConfig>, answers: ('approved' | 'denied')[]) {
  server = await startModelServer(script);
  const events: StampedEvent[] = [];
  const approver = scriptedApprover(answers);
  const warnings: string[] = [];
  const result = await runThread({
    source: fixtureRepo('date-parser'),
    prompt: 'use the tool',
    model: createModelClient({ provider: 'openai', model: 'm', baseURL: server.url, apiKey: 'k', wireApi: 'responses', retry: { baseDelayMs: 1, maxDelayMs: 5 } }),
    sandboxMode: 'danger-full-access',
    sandboxProbe: null,
    approval: 'on-request',
    network: false,
    store: new RunStore(tempDir('hew-mcp-state-')),
    sink: (e) => events.push(e),
    approvals: createApprovalGate({ policy: 'on-request', approver }),
    orientation: false,
    configDir: null,
    signal: new AbortController().signal,
    mcpServers,
    onWarning: (m) => warnings.push(m),
  });
  const items = events.flatMap((e) => (e.type === 'item.completed' ? [e.item] : []));
  return { result, events, items, approver, warnings };
}

function lastToolOutput(i: number): string {
  const input = server!.requests[i]!.body.input as { type: string; output?: string }[];
  return input.filter((x) => x.type === 'function_call_output').at(-1)?.output ?? '';
}

describe('MCP tools in a thread', () => {
  it('offers the tools in the first request and runs an approved call', async () => {
    const { result, events, items, approver } = await run(
      [{ outputs: [{ tool: 'mcp__files__add', args: { a: 20, b: 22 } }] }, { outputs: [{ text: 'The sum is 42.' }] }],
      { files: stdioServer() },
      ['approved'],
    );
    expect(result.exitCode).toBe(0);
    expect(result.finalMessage).toBe('The sum is 42.');
    const first = server!.requests[0]!.body as { tools: { name: string; parameters: { properties: object } }[] };
    const add = first.tools.find((t) => t.name === 'mcp__files__add');
    expect(Object.keys(add!.parameters.properties).sort()).toEqual(['a', 'b']);
    expect(first.tools.some((t) => t.name === 'shell')).toBe(true);
    expect(approver.requests).toHaveLength(1);
    expect(approver.requests[0]).toMatchObject({ tool: 'mcp__files__add', command: 'files.add({"a":20,"b":22})' });
    const call = items.find((i): i is Extract<Item, { type: 'mcp_tool_call' }> => i.type === 'mcp_tool_call');
    expect(call).toMatchObject({ status: 'completed', server: 'files', tool: 'add', arguments: { a: 20, b: 22 }, error: null });
    // The question names the call it gates, which started before it.
    expect(approver.requests[0]?.item_id).toBe(call?.id);
    const started = events.map((e) => (e.type === 'item.started' ? e.item.type : null));
    expect(started.indexOf('mcp_tool_call')).toBeLessThan(started.indexOf('approval'));
    expect(lastToolOutput(1)).toBe('42\n{"sum":42}');
  });

  it('a denied call does not run; the model reads why', async () => {
    const { result, items } = await run(
      [{ outputs: [{ tool: 'mcp__files__echo', args: { text: 'x' } }] }, { outputs: [{ text: 'Denied.' }] }],
      { files: stdioServer() },
      ['denied'],
    );
    expect(result.exitCode).toBe(0);
    expect(items.find((i) => i.type === 'mcp_tool_call')).toMatchObject({ status: 'declined' });
    expect(lastToolOutput(1)).toMatch(/Not run: the user denied mcp__files__echo/);
  });

  it('a required server that does not start fails the run before any model request', async () => {
    const { result, events } = await run([{ outputs: [{ text: 'never' }] }], { db: stdioServer({ required: true }, { MCP_TEST_BROKEN: '1' }) }, []);
    expect(result.exitCode).toBe(1);
    expect(server!.requests).toHaveLength(0);
    const error = events.find((e) => e.type === 'error');
    expect(error?.type === 'error' && error.message).toMatch(/MCP server db did not start: .*missing database file/);
  });

  it('a broken optional server is skipped with a warning and the run goes on', async () => {
    const { result, warnings } = await run([{ outputs: [{ text: 'done' }] }], { db: stdioServer({}, { MCP_TEST_BROKEN: '1' }) }, []);
    expect(result.exitCode).toBe(0);
    expect(warnings.join('\n')).toMatch(/MCP server db did not start and is skipped/);
    const tools = (server!.requests[0]!.body as { tools: { name: string }[] }).tools.map((t) => t.name);
    expect(tools.some((n) => n.startsWith('mcp__'))).toBe(false);
  });
});
