// Approvals through the agent loop: the real model client over HTTP to the scripted server, the
// real tools, the `none` sandbox in workspace-write mode (no usable sandbox, so every command asks)
// and a scripted approver. Checks the approval items in the stream and what the model reads back.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent, Item } from '../../src/protocol/events.ts';
import { Session } from '../../src/agent/session.ts';
import { policyApprover, scriptedApprover } from '../../src/approvals/approvers.ts';
import { createApprovalGate } from '../../src/approvals/gate.ts';
import type { ApprovalPolicy } from '../../src/protocol/approval.ts';
import type { Approver } from '../../src/approvals/types.ts';
import { createModelClient } from '../../src/model/client.ts';
import { createNoneSandbox } from '../../src/sandbox/none.ts';
import type { SandboxMode } from '../../src/protocol/sandbox.ts';
import { builtinTools, toolSpecs } from '../../src/tools/registry.ts';
import { tempDir } from '../support/fixtures.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer, ScriptedTurn } from '../support/model-server.ts';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(script: ScriptedTurn[], approver: Approver, policy: ApprovalPolicy = 'on-request', mode: SandboxMode = 'workspace-write') {
  await server?.close();
  server = await startModelServer(script);
  const root = tempDir('hew-approvals-');
  const events: AgentEvent[] = [];
  const tools = builtinTools();
  const gate = createApprovalGate({ policy, approver });
  const session = new Session({
    model: createModelClient({ provider: 'openai', model: 'm', baseURL: server.url, apiKey: 'k', wireApi: 'responses', retry: { baseDelayMs: 1, maxDelayMs: 5 } }),
    tools,
    toolSpecs: toolSpecs(tools),
    instructions: 'test',
    toolContext: { root, sandbox: createNoneSandbox({ mode }) },
    emit: (e) => events.push(e),
    approvals: gate,
  });
  const outcome = await session.turn('go', new AbortController().signal);
  return { outcome, events, root, gate };
}

/** The output the model got for its tool call in request `i` (the one after the call). */
function toolOutput(i: number): string {
  const input = server!.requests[i]!.body.input as { type: string; output?: string }[];
  return input.filter((x) => x.type === 'function_call_output').at(-1)?.output ?? '';
}

function items(events: AgentEvent[]): [string, Item][] {
  return events.flatMap((e) => (e.type === 'item.started' || e.type === 'item.completed' ? [[e.type, e.item] as [string, Item]] : []));
}

const shell = (args: Record<string, unknown>): ScriptedTurn => ({ outputs: [{ tool: 'shell', args }] });

describe('approvals in the agent loop', () => {
  it('asks before a command when there is no sandbox, and runs it once approved', async () => {
    const approver = scriptedApprover(['approved']);
    const { outcome, events, root } = await run([shell({ command: 'echo made > made.txt' }), { outputs: [{ text: 'Done.' }] }], approver);
    expect(outcome).toEqual({ status: 'completed', finalMessage: 'Done.' });
    expect(existsSync(join(root, 'made.txt'))).toBe(true);
    expect(toolOutput(1)).toMatch(/^Exit code: 0\n/);
    // Command started → approval asked → approval decided → command finished.
    const seq = items(events).map(([type, item]) => `${type}:${item.type}:${item.status}`);
    expect(seq).toEqual([
      'item.started:command_execution:in_progress',
      'item.started:approval:in_progress',
      'item.completed:approval:completed',
      'item.completed:command_execution:completed',
      'item.started:agent_message:in_progress',
      'item.completed:agent_message:completed',
    ]);
    const [, asked] = items(events)[1]!;
    expect(asked).toMatchObject({
      type: 'approval',
      decision: null,
      request: { tool: 'shell', command: 'echo made > made.txt', cwd: root, sandboxed: false, reasons: ['no_sandbox'] },
    });
    expect(items(events)[2]![1]).toMatchObject({ type: 'approval', decision: 'approved', id: asked.id });
    expect(new Set(items(events).map(([, i]) => i.id)).size).toBe(3);
  });

  it('declines a denied command and gives the model the reason', async () => {
    const approver = scriptedApprover([{ decision: 'denied', note: 'Not run: the user does not want files touched.' }]);
    const { outcome, events, root } = await run(
      [shell({ command: 'touch nope.txt', sandbox_permissions: 'require_escalated', justification: 'testing' }), { outputs: [{ text: 'Understood.' }] }],
      approver,
    );
    expect(outcome).toEqual({ status: 'completed', finalMessage: 'Understood.' });
    expect(existsSync(join(root, 'nope.txt'))).toBe(false);
    expect(toolOutput(1)).toBe('Not run: the user does not want files touched.');
    const completed = items(events).filter(([type]) => type === 'item.completed').map(([, i]) => i);
    expect(completed[0]).toMatchObject({
      type: 'approval',
      status: 'declined',
      decision: 'denied',
      request: { justification: 'testing', sandbox_permissions: 'require_escalated' },
    });
    expect(completed[1]).toMatchObject({ type: 'command_execution', status: 'declined', exit_code: null, command: 'touch nope.txt' });
  });

  it('remembers "always" for the prefix the person saw, and asks again for anything else', async () => {
    const approver = scriptedApprover(['approved_always', 'denied']);
    const { events, root, gate } = await run(
      [
        shell({ command: 'touch a.txt' }),
        shell({ command: 'touch a.txt b.txt' }),
        shell({ command: 'touch c.txt' }),
        { outputs: [{ text: 'ok' }] },
      ],
      approver,
    );
    expect(approver.requests.map((r) => r.command)).toEqual(['touch a.txt', 'touch c.txt']);
    expect(gate.rules.list()).toEqual([{ prefix: ['touch', 'a.txt'], host: true }]);
    expect(['a.txt', 'b.txt', 'c.txt'].map((f) => existsSync(join(root, f)))).toEqual([true, true, false]);
    const decisions = items(events)
      .filter(([type, item]) => type === 'item.completed' && item.type === 'approval')
      .map(([, item]) => (item.type === 'approval' ? item.decision : null));
    expect(decisions).toEqual(['approved_always', 'approved', 'denied']);
    expect(toolOutput(3)).toContain("Not run: the user denied this command.");
  });

  it('with the headless approver, never waits: the denial reaches the model and the run finishes', async () => {
    const { outcome, events } = await run([shell({ command: 'ls' }), { outputs: [{ text: 'I could not run commands.' }] }], policyApprover('exec'));
    expect(outcome).toEqual({ status: 'completed', finalMessage: 'I could not run commands.' });
    expect(toolOutput(1)).toContain('`hew exec` runs without a person to ask');
    expect(toolOutput(1)).toContain('-s danger-full-access');
    expect(events.filter((e) => e.type === 'item.completed' && e.item.type === 'approval')).toHaveLength(1);
  });

  it('asks nothing under danger-full-access with on-request, and only for writes under untrusted', async () => {
    const approver = scriptedApprover(['denied']);
    const { events, root } = await run(
      [shell({ command: 'echo x > f.txt' }), shell({ command: 'ls && cat f.txt' }), { outputs: [{ text: 'ok' }] }],
      approver,
      'on-request',
      'danger-full-access',
    );
    expect(existsSync(join(root, 'f.txt'))).toBe(true);
    expect(events.some((e) => 'item' in e && e.item.type === 'approval')).toBe(false);
    expect(approver.requests).toEqual([]);

    const untrusted = scriptedApprover(['denied']);
    const second = await run(
      [shell({ command: 'ls' }), shell({ command: 'echo x > g.txt' }), { outputs: [{ text: 'ok' }] }],
      untrusted,
      'untrusted',
      'danger-full-access',
    );
    expect(untrusted.requests.map((r) => [r.command, r.reasons])).toEqual([['echo x > g.txt', ['untrusted']]]);
    expect(existsSync(join(second.root, 'g.txt'))).toBe(false);
  });
});
