// Which budget ended a turn: every place the loop returns budget_exceeded names its kind (steps,
// time, cost, context), so a front can tell them apart (ACP's max_turn_requests vs max_tokens).
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/protocol/events.ts';
import { Session } from '../../src/agent/session.ts';
import type { SessionOptions } from '../../src/agent/session.ts';
import { BudgetStop } from '../../src/agent/long-run.ts';
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

async function session(script: ScriptedTurn[], over: Partial<SessionOptions> = {}, onEvent?: (e: AgentEvent) => void) {
  server = await startModelServer(script);
  const tools = builtinTools();
  return new Session({
    model: createModelClient({ provider: 'openai', model: 'm', baseURL: server.url, apiKey: 'k', wireApi: 'responses', retry: { baseDelayMs: 1, maxDelayMs: 5 } }),
    tools,
    toolSpecs: toolSpecs(tools),
    instructions: 'test',
    toolContext: { root: tempDir('hew-budget-'), sandbox: createNoneSandbox() },
    emit: (e) => onEvent?.(e),
    ...over,
  });
}

const plan = { outputs: [{ tool: 'update_plan', args: { plan: [{ step: 'x', status: 'pending' }] } }] };

/** Aborts `abort` with `reason` once a shell command has started. */
function abortOnCommand(abort: AbortController, reason: unknown) {
  return (e: AgentEvent): void => {
    if (e.type === 'item.started' && e.item.type === 'command_execution') abort.abort(reason);
  };
}

describe('budget_exceeded names its budget', () => {
  it('steps: --max-turns', async () => {
    const s = await session([plan, plan, plan], { maxSteps: 1 });
    expect(await s.turn('go', new AbortController().signal)).toMatchObject({ status: 'budget_exceeded', budget: 'steps' });
  });

  it('time: --timeout (the abort reason "timeout")', async () => {
    const abort = new AbortController();
    const s = await session([{ outputs: [{ tool: 'shell', args: { command: 'sleep 30' } }] }, { outputs: [{ text: 'never' }] }], {}, abortOnCommand(abort, 'timeout'));
    expect(await s.turn('go', abort.signal)).toMatchObject({ status: 'budget_exceeded', budget: 'time', reason: 'the time budget (--timeout) ran out' });
  });

  it('cost: --max-cost, before the next step', async () => {
    const s = await session([plan, plan], { longRun: { prices: { m: [1_000_000, 1_000_000, 1_000_000] }, maxCostUsd: 0.01 } });
    const outcome = await s.turn('go', new AbortController().signal);
    expect(outcome).toMatchObject({ status: 'budget_exceeded', budget: 'cost' });
    expect(server!.requests).toHaveLength(1);
  });

  it('cost: a shared budget stops the run (BudgetStop)', async () => {
    const abort = new AbortController();
    const s = await session([{ outputs: [{ tool: 'shell', args: { command: 'sleep 30' } }] }], {}, abortOnCommand(abort, new BudgetStop('the attempts together spent too much')));
    expect(await s.turn('go', abort.signal)).toMatchObject({ status: 'budget_exceeded', budget: 'cost', reason: 'the attempts together spent too much' });
  });

  it('context: a conversation that cannot be made to fit', async () => {
    const s = await session([{ outputs: [{ text: 'never' }] }], { longRun: { contextWindow: 50 } });
    const outcome = await s.turn('x'.repeat(4000), new AbortController().signal);
    expect(outcome).toMatchObject({ status: 'budget_exceeded', budget: 'context' });
    expect(server!.requests).toHaveLength(0);
  });

  it('context: the provider refused the request as too long, again after compacting', async () => {
    const full: ScriptedTurn = { fault: { kind: 'status', status: 400, body: { error: { message: 'too long', type: 'invalid_request_error', param: 'input', code: 'context_length_exceeded' } } } };
    const s = await session([full, full, full, full], { longRun: { contextWindow: 100_000 } });
    expect(await s.turn('go', new AbortController().signal)).toMatchObject({ status: 'budget_exceeded', budget: 'context' });
  });
});
