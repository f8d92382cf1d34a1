// send(): what a front that answers per prompt (ACP) gets back — how the turn or the slash command it
// started ended — and setApproval(), which changes the policy in the conversation, never in the
// instructions (the request prefix stays byte-identical, so it stays cached).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { treeFingerprint } from '../support/fixtures.ts';
import { DATE_FIX_PATCH } from '../support/scripts.ts';
import { closeSessions, isType, requestInput, startSession } from './harness.ts';

afterEach(closeSessions);

const FIX = [{ outputs: [{ tool: 'apply_patch', args: { input: DATE_FIX_PATCH } }] }, { outputs: [{ text: 'Fixed.' }] }];
const SLOW = { outputs: [{ tool: 'shell', args: { command: 'sleep 30' } }] };

describe('send', () => {
  it('a prompt resolves when its turn has ended, with the final message', async () => {
    const s = await startSession([{ outputs: [{ tool: 'read_file', args: { path: 'src/date.js' } }] }, { outputs: [{ text: 'It parses dates.' }] }]);
    const settled = await s.controller.send('what does it do?');
    expect(settled).toEqual({ kind: 'turn', status: 'completed', message: 'It parses dates.' });
    // Resolved after the turn's own end: its summary is already out.
    expect(s.events.some(isType('notice.summary'))).toBe(true);
    expect(s.controller.busy()).toBe(false);
  });

  it('an interrupted turn resolves as interrupted', async () => {
    const s = await startSession([SLOW, { outputs: [{ text: 'never' }] }]);
    const pending = s.controller.send('run the slow thing');
    await s.next((e) => e.type === 'item.started' && e.item.type === 'command_execution');
    s.controller.interrupt();
    expect(await pending).toEqual({ kind: 'turn', status: 'interrupted' });
  });

  it('a turn a budget ended resolves as budget_exceeded, naming the budget', async () => {
    const plan = { outputs: [{ tool: 'update_plan', args: { plan: [{ step: 'x', status: 'pending' }] } }] };
    const s = await startSession([plan, plan, plan], { maxSteps: 1 });
    expect(await s.controller.send('loop')).toEqual({
      kind: 'turn',
      status: 'budget_exceeded',
      budget: 'steps',
      message: 'the step limit (--max-turns 1) was reached',
    });
  });

  it('a prompt while a turn runs is refused at once, and the turn goes on', async () => {
    const s = await startSession([SLOW, { outputs: [{ text: 'never' }] }]);
    const first = s.controller.send('run the slow thing');
    await s.next((e) => e.type === 'item.started' && e.item.type === 'command_execution');
    const second = await s.controller.send('and another thing');
    expect(second).toMatchObject({ kind: 'refused' });
    expect(second.kind === 'refused' && second.message).toContain('a turn is running');
    expect(s.controller.busy()).toBe(true);
    s.controller.interrupt();
    expect(await first).toMatchObject({ kind: 'turn', status: 'interrupted' });
    expect(await s.controller.send('   ')).toMatchObject({ kind: 'refused', message: 'nothing to send' });
  });

  it('a command that waits for the turn is refused while one runs (it did not run); a reading one runs', async () => {
    const s = await startSession([SLOW, { outputs: [{ text: 'never' }] }]);
    const first = s.controller.send('run the slow thing');
    await s.next((e) => e.type === 'item.started' && e.item.type === 'command_execution');
    const apply = await s.controller.send('/apply');
    expect(apply).toMatchObject({ kind: 'refused' });
    expect(apply.kind === 'refused' && apply.message).toContain('/apply waits until the turn has finished');
    expect(await s.controller.send('/plan')).toMatchObject({ kind: 'command', name: '/plan', ok: true });
    s.controller.interrupt();
    await first;
  });

  it('/diff resolves as a command that went well, with the notices it emitted', async () => {
    const s = await startSession(FIX);
    await s.controller.send('fix it');
    const settled = await s.controller.send('/diff');
    expect(settled).toMatchObject({ kind: 'command', name: '/diff', ok: true });
    if (settled.kind !== 'command') throw new Error('not a command');
    expect(settled.notices.map((n) => n.type)).toEqual(['notice.diff']);
    expect(settled.notices[0]).toMatchObject({ files: [{ path: 'src/date.js' }] });
  });

  it('/apply with a conflict resolves as a command that failed, with the conflicts; nothing is written', async () => {
    const s = await startSession(FIX);
    await s.controller.send('fix it');
    const path = join(s.repo, 'src/date.js');
    writeFileSync(path, readFileSync(path, 'utf8').replace('day > 31', 'day > 30'));
    const before = treeFingerprint(s.repo);
    const settled = await s.controller.send('/apply');
    expect(settled).toMatchObject({ kind: 'command', name: '/apply', ok: false });
    if (settled.kind !== 'command') throw new Error('not a command');
    const apply = settled.notices.find(isType('notice.apply'));
    expect(apply).toMatchObject({ ok: false, applied: [], conflicts: [{ path: 'src/date.js' }] });
    expect(treeFingerprint(s.repo)).toBe(before);
    // An unknown command is not ok either.
    expect(await s.controller.send('/frobnicate')).toMatchObject({ kind: 'command', ok: false });
  });
});

describe('setApproval', () => {
  it('tells the model in a developer message; the instructions and the earlier input stay byte-identical', async () => {
    const s = await startSession([{ outputs: [{ text: 'one' }] }, { outputs: [{ text: 'two' }] }]);
    await s.controller.send('first');
    s.controller.setApproval('untrusted');
    expect(s.controller.info().approval).toBe('untrusted');
    await s.controller.send('second');
    const [a, b] = s.server.requests.map((r) => r.body as { instructions: string; tools: unknown; input: unknown[] });
    expect(b!.instructions).toBe(a!.instructions);
    expect(JSON.stringify(b!.tools)).toBe(JSON.stringify(a!.tools));
    // The first request's input is the prefix of the second's.
    expect(JSON.stringify(b!.input.slice(0, a!.input.length))).toBe(JSON.stringify(a!.input));
    const developer = requestInput(s.server, 1).filter((i) => i.role === 'developer').map((i) => String(i.content));
    expect(developer.at(-1)).toContain('The user changed the approval policy to untrusted.');
    expect(a!.instructions).not.toContain('changed the approval policy');
  });
});
