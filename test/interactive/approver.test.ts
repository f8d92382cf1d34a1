// The approver command in the interactive session: it answers before the person. "approve" and
// "deny" are final (the person is never asked; the decided item carries `decided_by:
// 'approver_command'` and the reason); "ask" — and a failure — reach the person as a question that
// says why; an interrupt while it decides kills it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/protocol/events.ts';
import type { InteractiveEvent } from '../../src/protocol/interactive.ts';
import { tempDir } from '../support/fixtures.ts';
import { loggedRequests, writeApprover } from '../support/approver.ts';
import { closeSessions, completed, isType, requestInput, startSession } from './harness.ts';
import { processAlive } from '../../src/runs/lifecycle.ts';

afterEach(closeSessions);

type ApprovalItem = Extract<Item, { type: 'approval' }>;

function asked(e: InteractiveEvent): e is Extract<InteractiveEvent, { type: 'item.started' }> & { item: ApprovalItem } {
  return e.type === 'item.started' && e.item.type === 'approval';
}

const lastToolOutput = (input: { type: string; output?: string }[]): string => input.filter((i) => i.type === 'function_call_output').at(-1)?.output ?? '';

describe('the approver command in the interactive session', () => {
  it('decides first: approve and deny are final, "ask" and a failure reach the person with why', async () => {
    const dir = tempDir('hew-approver-');
    const approver = writeApprover(dir, 'echo one > one.txt');
    const s = await startSession(
      [
        { outputs: [{ tool: 'shell', args: { command: 'echo one > one.txt' } }] },
        { outputs: [{ tool: 'shell', args: { command: 'touch two.txt' } }] },
        { outputs: [{ tool: 'shell', args: { command: 'touch three.txt # ask-person' } }] },
        { outputs: [{ tool: 'shell', args: { command: 'touch four.txt # exit-3' } }] },
        { outputs: [{ text: 'done' }] },
      ],
      { approval: 'untrusted', approverCommand: { argv: approver.argv, timeoutMs: 10_000 } },
    );
    s.controller.submit('make some files');
    // Only the third and fourth are the person's to answer; the first two never wait for them.
    const third = (await s.next((e) => asked(e) && e.item.reason !== undefined)) as { item: ApprovalItem };
    expect(third.item.request.command).toBe('touch three.txt # ask-person');
    expect(third.item.reason).toBe('your approver left this to you: a person should look at this');
    s.controller.answerApproval(third.item.id, { decision: 'approved' });
    const fourth = (await s.next((e) => asked(e) && e.item.reason !== undefined)) as { item: ApprovalItem };
    expect(fourth.item.reason).toMatch(/^your approver failed \(it exited with code 3.*\), so you decide$/);
    s.controller.answerApproval(fourth.item.id, { decision: 'denied' });
    await s.next(isType('notice.summary'));

    const decided = completed(s.events, 'approval');
    expect(decided.map((a) => [a.request.command, a.decision, a.decided_by, a.reason])).toEqual([
      ['echo one > one.txt', 'approved', 'approver_command', 'on the allow-list'],
      ['touch two.txt', 'denied', 'approver_command', 'not on the allow-list: touch two.txt'],
      ['touch three.txt # ask-person', 'approved', 'approver', undefined],
      ['touch four.txt # exit-3', 'denied', 'approver', undefined],
    ]);
    // The approver-decided ones were never offered as questions with a reason.
    expect(s.events.filter((e) => asked(e) && e.item.reason !== undefined)).toHaveLength(2);
    expect(loggedRequests(approver.log).map((r) => r.command)).toEqual(decided.map((a) => a.request.command));
    expect(lastToolOutput(requestInput(s.server, 2))).toContain('Not run: the approver the user configured denied this: not on the allow-list: touch two.txt');
    const copy = s.controller.info().workingCopy;
    expect(existsSync(join(copy, 'one.txt'))).toBe(true);
    expect(existsSync(join(copy, 'two.txt'))).toBe(false);
    expect(existsSync(join(copy, 'three.txt'))).toBe(true);
    expect(existsSync(join(copy, 'four.txt'))).toBe(false);
  });

  it('an interrupt while the approver decides kills it and withdraws the request', async () => {
    const dir = tempDir('hew-approver-');
    const approver = writeApprover(dir, 'nothing');
    const s = await startSession(
      [{ outputs: [{ tool: 'shell', args: { command: 'touch x.txt # hang' } }] }, { outputs: [{ text: 'ok' }] }],
      { approval: 'untrusted', approverCommand: { argv: approver.argv, timeoutMs: 60_000 } },
    );
    s.controller.submit('touch it');
    // The approver is running once the command item started and its pid file is written.
    await s.next((e) => e.type === 'item.started' && e.item.type === 'command_execution');
    const pid = await waitForPid(approver.pidFile);
    s.controller.interrupt();
    await s.next(isType('notice.summary'));
    expect(completed(s.events, 'approval')[0]).toMatchObject({ decision: 'denied', status: 'declined' });
    await waitUntil(() => !processAlive(pid));
    expect(existsSync(join(s.controller.info().workingCopy, 'x.txt'))).toBe(false);
  });
});

async function waitUntil(done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function waitForPid(file: string): Promise<number> {
  await waitUntil(() => existsSync(file) && readFileSync(file, 'utf8') !== '');
  return Number(readFileSync(file, 'utf8'));
}
