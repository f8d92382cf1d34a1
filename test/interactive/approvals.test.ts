// Approvals asked of a person through the controller: under `untrusted` each non-read-only command
// shows an approval item and waits; the view answers by the item's id. A denial's note reaches the
// model; "always" covers later commands with the same prefix without asking; Esc withdraws a question.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/protocol/events.ts';
import type { ApprovalAnswer } from '../../src/protocol/approval.ts';
import type { InteractiveEvent } from '../../src/protocol/interactive.ts';
import { closeSessions, completed, isType, requestInput, startSession } from './harness.ts';
import { probeSandbox } from '../../src/sandbox/probe.ts';

afterEach(closeSessions);

type ApprovalItem = Extract<Item, { type: 'approval' }>;

function asked(e: InteractiveEvent): e is Extract<InteractiveEvent, { type: 'item.started' }> & { item: ApprovalItem } {
  return e.type === 'item.started' && e.item.type === 'approval';
}

function lastToolOutput(input: { type: string; output?: string }[]): string {
  return input.filter((i) => i.type === 'function_call_output').at(-1)?.output ?? '';
}

describe('approvals in the interactive session', () => {
  it('asks, and runs or refuses each command as the person answers; always covers the same prefix', async () => {
    const s = await startSession(
      [
        { outputs: [{ tool: 'shell', args: { command: 'echo one > one.txt' } }] },
        { outputs: [{ tool: 'shell', args: { command: 'touch two.txt' } }] },
        { outputs: [{ tool: 'shell', args: { command: 'node test/date.test.js' } }] },
        { outputs: [{ tool: 'shell', args: { command: 'node test/date.test.js --verbose' } }] },
        { outputs: [{ text: 'done' }] },
      ],
      { approval: 'untrusted' },
    );
    s.controller.submit('make some files');
    const answers: ApprovalAnswer[] = [
      { decision: 'approved' },
      { decision: 'denied', note: 'use apply_patch instead' },
      { decision: 'approved_always' },
    ];
    for (const answer of answers) {
      const item = (await s.next(asked)).item;
      expect(item.status).toBe('in_progress');
      expect(item.decision).toBeNull();
      expect(s.controller.busy()).toBe(true);
      s.controller.answerApproval(item.id, answer);
    }
    await s.next(isType('notice.summary'));

    const approvals = completed(s.events, 'approval');
    expect(approvals.map((a) => [(a.request as { command: string }).command, a.decision, a.status])).toEqual([
      ['echo one > one.txt', 'approved', 'completed'],
      ['touch two.txt', 'denied', 'declined'],
      ['node test/date.test.js', 'approved_always', 'completed'],
      ['node test/date.test.js --verbose', 'approved', 'completed'],
    ]);
    // The fourth was answered by the remembered rule: nobody was asked.
    expect(s.events.filter(asked)).toHaveLength(4);
    expect(completed(s.events, 'command_execution').map((c) => c.status)).toEqual(['completed', 'declined', 'failed', 'failed']);

    expect(lastToolOutput(requestInput(s.server, 2))).toBe('Not run: the user denied this command and said: use apply_patch instead');
    const copy = s.controller.info().workingCopy;
    expect(existsSync(join(copy, 'one.txt'))).toBe(true);
    expect(existsSync(join(copy, 'two.txt'))).toBe(false);
    expect(lastToolOutput(requestInput(s.server, 4))).toContain('not ok - rejects February 30');
  });

  it('each question names the tool call it gates (item_id), which started before it', async () => {
    const s = await startSession([{ outputs: [{ tool: 'shell', args: { command: 'touch x.txt' } }] }, { outputs: [{ text: 'ok' }] }], { approval: 'untrusted' });
    s.controller.submit('touch it');
    const question = await s.next(asked);
    s.controller.answerApproval(question.item.id, { decision: 'approved' });
    await s.next(isType('notice.summary'));
    const command = s.events.find((e) => e.type === 'item.started' && e.item.type === 'command_execution');
    expect(command).toBeDefined();
    expect(question.item.request).toMatchObject({ command: 'touch x.txt', item_id: command!.type === 'item.started' ? command!.item.id : '' });
    expect(question.item.id).not.toBe(question.item.request.item_id);
    expect(s.events.indexOf(command!)).toBeLessThan(s.events.indexOf(question));
    expect(completed(s.events, 'approval')[0]?.request.item_id).toBe(question.item.request.item_id);
  });

  it('"deny always" refuses the same prefix later without asking, across /approval and /new, and /status lists it', async () => {
    const s = await startSession(
      [
        { outputs: [{ tool: 'shell', args: { command: 'touch gone.txt' } }] },
        { outputs: [{ tool: 'shell', args: { command: 'touch gone.txt again.txt' } }] },
        { outputs: [{ text: 'gave up' }] },
        { outputs: [{ tool: 'shell', args: { command: 'touch gone.txt' } }] },
        { outputs: [{ text: 'still refused' }] },
      ],
      { approval: 'untrusted' },
    );
    s.controller.submit('make the files');
    const question = (await s.next(asked)).item;
    s.controller.answerApproval(question.id, { decision: 'denied_always' });
    await s.next(isType('notice.summary'));
    const decided = completed(s.events, 'approval');
    expect(decided.map((a) => [a.request.command, a.decision, a.decided_by, a.status])).toEqual([
      ['touch gone.txt', 'denied_always', 'approver', 'declined'],
      ['touch gone.txt again.txt', 'denied', 'rule', 'declined'],
    ]);
    expect(s.events.filter(asked)).toHaveLength(2);
    expect(lastToolOutput(requestInput(s.server, 1))).toContain('will refuse every command that starts with `touch gone.txt`');
    expect(lastToolOutput(requestInput(s.server, 2))).toContain('the user always refuses commands that start with `touch gone.txt`');
    expect(existsSync(join(s.controller.info().workingCopy, 'gone.txt'))).toBe(false);

    const status = await s.command('/status', 'notice.info');
    expect(status.lines.join('\n')).toContain('always denied: touch gone.txt');
    await s.command('/approval on-request', 'notice.info');
    await s.command('/approval untrusted', 'notice.info');
    await s.command('/new', 'notice.reset');
    const still = await s.next((e) => e.type === 'notice.info' && e.title === 'Still always denied');
    expect(still.type === 'notice.info' && still.lines.join(' ')).toContain('`touch gone.txt`');
    await s.turn('once more');
    const last = completed(s.events, 'approval').at(-1);
    expect(last).toMatchObject({ decision: 'denied', decided_by: 'rule' });
    expect(s.events.filter((e) => asked(e) && e.item.request.command === 'touch gone.txt')).toHaveLength(2);
  });

  it('Esc while a question is open withdraws it; the next turn goes on', async () => {
    const s = await startSession(
      [{ outputs: [{ tool: 'shell', args: { command: 'touch x.txt' } }] }, { outputs: [{ text: 'ok' }] }],
      { approval: 'untrusted' },
    );
    s.controller.submit('touch it');
    const item = (await s.next(asked)).item;
    s.controller.interrupt();
    await s.next(isType('notice.summary'));
    const decided = completed(s.events, 'approval')[0];
    expect(decided).toMatchObject({ id: item.id, decision: 'denied', status: 'declined' });
    // A late answer finds nothing waiting.
    s.controller.answerApproval(item.id, { decision: 'approved' });
    expect((await s.next(isType('notice.warning'))).message).toContain(item.id);
    await s.turn('carry on');
    const input = requestInput(s.server, 1);
    expect(input.filter((i) => i.type === 'function_call_output')).toHaveLength(1);
    expect(existsSync(join(s.controller.info().workingCopy, 'x.txt'))).toBe(false);
  });

  it('/approval switches the policy for the next commands and tells the model', async () => {
    const s = await startSession([
      { outputs: [{ tool: 'shell', args: { command: 'touch a.txt' } }] },
      { outputs: [{ text: 'made a' }] },
      { outputs: [{ tool: 'shell', args: { command: 'touch b.txt' } }] },
      { outputs: [{ text: 'b was refused' }] },
    ]);
    await s.turn('make a');
    expect(s.events.some(asked)).toBe(false);
    const info = await s.command('/approval never', 'notice.info');
    expect(info.lines.join(' ')).toContain('never');
    expect(s.controller.info().approval).toBe('never');
    // `never` with no way to ask: nothing needs approval under danger-full-access, so use untrusted to see the gate.
    await s.command('/approval untrusted', 'notice.info');
    s.controller.submit('make b');
    const item = (await s.next(asked)).item;
    s.controller.answerApproval(item.id, { decision: 'denied' });
    await s.next(isType('notice.summary'));
    const input = requestInput(s.server, 2);
    expect(input.filter((i) => i.role === 'developer').map((i) => i.content).join('\n')).toContain('changed the approval policy to untrusted');
    expect(lastToolOutput(requestInput(s.server, 3))).toBe('Not run: the user denied this command.');
    const bad = await s.command('/approval sometimes', 'notice.error');
    expect(bad.message).toContain('untrusted, on-request or never');
  });
});

describe('what the interactive prompt offers', () => {
  it('offers escalation: a person can answer it', async () => {
    // A real sandbox in force (the probe's answer), as the TUI has it: escalation is a real choice.
    const s = await startSession([{ outputs: [{ text: 'done' }] }], { sandboxMode: 'workspace-write', sandboxProbe: await probeSandbox() });
    await s.turn('hello');
    const body = s.server.requests[0]?.body as { instructions: string; tools: { name: string; parameters: { properties: Record<string, unknown> } }[] };
    const shell = body.tools.find((t) => t.name === 'shell');
    expect(Object.keys(shell?.parameters.properties ?? {})).toEqual(['command', 'workdir', 'timeout_ms', 'sandbox_permissions', 'justification']);
    expect(body.instructions).toContain('sandbox_permissions "require_escalated"');
    expect(body.instructions).toContain('the user approves or denies it');
  });
});
