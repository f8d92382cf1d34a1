// The agent loop in-process: real model client over HTTP to the scripted server, real tools, the
// `none` sandbox, a temp directory. Checks event order, item ids, budgets and retry clean-up.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/protocol/events.ts';
import { Session } from '../../src/agent/session.ts';
import { createModelClient } from '../../src/model/client.ts';
import { createNoneSandbox } from '../../src/sandbox/none.ts';
import { builtinTools, toolSpecs } from '../../src/tools/registry.ts';
import { tempDir } from '../support/fixtures.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer, ScriptedTurn } from '../support/model-server.ts';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function session(script: ScriptedTurn[], maxSteps?: number) {
  server = await startModelServer(script);
  const root = tempDir('hew-session-');
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'a.txt'), 'alpha\n');
  const events: AgentEvent[] = [];
  const tools = builtinTools();
  const s = new Session({
    model: createModelClient({ provider: 'openai', model: 'm', baseURL: server.url, apiKey: 'k', wireApi: 'responses', retry: { baseDelayMs: 1, maxDelayMs: 5 } }),
    tools,
    toolSpecs: toolSpecs(tools),
    instructions: 'test',
    toolContext: { root, sandbox: createNoneSandbox() },
    emit: (e) => events.push(e),
    maxSteps,
  });
  return { s, events, root };
}

describe('Session', () => {
  it('runs tools and feeds their results back until a plain answer', async () => {
    const { s, events } = await session([
      { outputs: [{ text: 'Looking.' }, { tool: 'read_file', args: { path: 'src/a.txt' } }] },
      { outputs: [{ text: 'It says alpha.' }] },
    ]);
    const outcome = await s.turn('what is in a.txt?', new AbortController().signal);
    expect(outcome).toEqual({ status: 'completed', finalMessage: 'It says alpha.' });
    expect(events.map((e) => e.type)).toEqual([
      'turn.started',
      'item.started', 'item.completed', // agent message "Looking."
      'item.started', 'item.completed', // read_file
      'item.started', 'item.completed', // final message
      'turn.completed',
    ]);
    const ids = events.flatMap((e) => ('item' in e ? [e.item.id] : []));
    expect(new Set(ids).size).toBe(3);
    const second = server!.requests[1]!.body.input as { type: string; output?: string }[];
    expect(second.find((i) => i.type === 'function_call_output')?.output).toContain('alpha');
    expect(s.steps).toBe(2);
  });

  it('discards a cut attempt: its partial message is completed as failed and not repeated', async () => {
    const { s, events } = await session([
      { outputs: [{ text: 'A long answer that gets cut' }], fault: { kind: 'cut', afterEvents: 6 } },
      { outputs: [{ text: 'Whole answer.' }] },
    ]);
    const outcome = await s.turn('hi', new AbortController().signal);
    expect(outcome).toEqual({ status: 'completed', finalMessage: 'Whole answer.' });
    const completed = events.filter((e) => e.type === 'item.completed');
    expect(completed.map((e) => e.type === 'item.completed' && e.item.status)).toEqual(['failed', 'completed']);
    expect(events.some((e) => e.type === 'error' && e.will_retry)).toBe(true);
  });

  it('stops at the step budget', async () => {
    const loop = { outputs: [{ tool: 'update_plan', args: { plan: [{ step: 'x', status: 'pending' }] } }] };
    const { s, events } = await session([loop, loop, loop, loop], 2);
    const outcome = await s.turn('go', new AbortController().signal);
    expect(outcome.status).toBe('budget_exceeded');
    expect(s.steps).toBe(2);
    expect(server!.requests).toHaveLength(2);
    expect(events.at(-1)?.type).toBe('turn.completed');
  });
});
