// The interactive controller over a real thread: a two-turn session with its summaries, Esc during a
// long command (the thread goes on, the next request is well-formed), and the exit codes of quit.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { treeFingerprint } from '../support/fixtures.ts';
import { DATE_FIX_PATCH } from '../support/scripts.ts';
import { closeSessions, completed, isType, requestInput, startSession } from './harness.ts';

afterEach(closeSessions);

const NOTES_PATCH = `*** Begin Patch
*** Add File: NOTES.md
+# Notes
+parseDate rejects impossible dates.
*** End Patch`;

describe('interactive session', () => {
  it('runs two turns on one thread, with a summary of the changes after each', async () => {
    const s = await startSession([
      { outputs: [{ tool: 'read_file', args: { path: 'src/date.js' } }] },
      { outputs: [{ tool: 'apply_patch', args: { input: DATE_FIX_PATCH } }] },
      { outputs: [{ text: 'Fixed the date parser.' }] },
      { outputs: [{ tool: 'apply_patch', args: { input: NOTES_PATCH } }] },
      { outputs: [{ text: 'Added notes.' }] },
    ]);
    const before = treeFingerprint(s.repo);
    const first = await s.turn('fix the date parser');
    expect(first).toMatchObject({ type: 'notice.summary', turn: 1, files: [{ path: 'src/date.js', kind: 'update', added: 3, removed: 1, binary: false }] });
    expect(s.controller.busy()).toBe(false);

    const second = await s.turn('add a note about it');
    expect(second.turn).toBe(2);
    expect(second.files).toEqual([
      { path: 'NOTES.md', kind: 'add', added: 2, removed: 0, binary: false },
      { path: 'src/date.js', kind: 'update', added: 3, removed: 1, binary: false },
    ]);

    // One thread: thread.started once, then two turns, each followed by its summary.
    const shape = s.events
      .map((e) => e.type)
      .filter((t) => ['thread.started', 'turn.started', 'turn.completed', 'notice.summary', 'thread.completed'].includes(t));
    expect(shape).toEqual(['thread.started', 'turn.started', 'turn.completed', 'notice.summary', 'turn.started', 'turn.completed', 'notice.summary']);
    expect(s.events.some((e) => e.type === 'item.delta')).toBe(true);
    expect(completed(s.events, 'agent_message').map((m) => m.text)).toEqual(['Fixed the date parser.', 'Added notes.']);

    // The second turn's request carries the whole conversation.
    const input = requestInput(s.server, 3);
    expect(input.filter((i) => i.role === 'user').map((i) => i.content)).toEqual(['fix the date parser', 'add a note about it']);
    expect(input.some((i) => i.role === 'assistant' && i.content === 'Fixed the date parser.')).toBe(true);

    const info = s.controller.info();
    expect(await s.controller.quit()).toBe(0);
    const done = s.events.find(isType('thread.completed'));
    expect(done).toMatchObject({ status: 'completed', exit_code: 0, final_message: 'Added notes.' });
    expect(done?.files_changed).toHaveLength(2);
    expect(s.events.at(-1)).toEqual({ type: 'notice.exit', code: 0 });
    const meta = JSON.parse(readFileSync(join(s.store.runsDir, info.runId, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({ status: 'completed', title: 'fix the date parser' });
    expect(treeFingerprint(s.repo)).toBe(before);
  });

  it('Esc interrupts a long command; the thread goes on and the next request is well-formed', async () => {
    const s = await startSession([
      { outputs: [{ text: 'Running it.' }, { tool: 'shell', args: { command: 'sleep 30' } }] },
      { outputs: [{ text: 'Understood, I stopped.' }] },
    ]);
    s.controller.submit('run the slow thing');
    await s.next((e) => e.type === 'item.started' && e.item.type === 'command_execution' && e.item.command === 'sleep 30');
    expect(s.controller.busy()).toBe(true);
    const t0 = Date.now();
    s.controller.interrupt();
    const failed = await s.next(isType('turn.failed'));
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(failed.error.message).toBe('interrupted');
    await s.next(isType('notice.summary'));
    expect(s.controller.busy()).toBe(false);
    const command = completed(s.events, 'command_execution').find((c) => c.command === 'sleep 30');
    expect(command?.exit_code).toBe(130);

    const answer = await s.turn('never mind');
    expect(answer.turn).toBe(2);
    expect(completed(s.events, 'agent_message').at(-1)?.text).toBe('Understood, I stopped.');
    // Every function call of the interrupted turn has its output, then comes the new user message.
    const input = requestInput(s.server, 1);
    const calls = input.filter((i) => i.type === 'function_call').map((i) => i.call_id);
    const outputs = input.filter((i) => i.type === 'function_call_output');
    expect(calls).toHaveLength(1);
    expect(outputs.map((o) => o.call_id)).toEqual(calls);
    expect(outputs[0]?.output).toContain('Exit code: 130');
    expect(input.at(-1)).toMatchObject({ type: 'message', role: 'user', content: 'never mind' });
    expect(await s.controller.quit()).toBe(0);
  });

  it('quit during a turn interrupts it, saves the run as interrupted and exits 130', async () => {
    const s = await startSession([{ outputs: [{ tool: 'shell', args: { command: 'sleep 30' } }] }]);
    s.controller.submit('run the slow thing');
    await s.next((e) => e.type === 'item.started' && e.item.type === 'command_execution');
    const t0 = Date.now();
    const code = await s.controller.quit();
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(code).toBe(130);
    expect(s.events.find(isType('thread.completed'))).toMatchObject({ status: 'interrupted', exit_code: 130 });
    expect(s.events.at(-1)).toEqual({ type: 'notice.exit', code: 130 });
    const meta = JSON.parse(readFileSync(join(s.store.runsDir, s.controller.info().runId, 'meta.json'), 'utf8'));
    expect(meta.status).toBe('interrupted');
    // Quitting again answers the same, and nothing is accepted any more.
    expect(await s.controller.quit()).toBe(130);
    s.controller.submit('hello?');
    expect(s.server.requests).toHaveLength(1);
  });

  it('quit with no turn closes the run and exits 0; a run that never got a prompt is removed', async () => {
    const s = await startSession([]);
    const info = s.controller.info();
    expect(info.repo).toBe(s.repo);
    expect(existsSync(join(s.store.runsDir, info.runId))).toBe(true);
    expect(await s.controller.quit()).toBe(0);
    expect(s.events.map((e) => e.type)).toEqual(['thread.started', 'thread.completed', 'notice.exit']);
    expect(existsSync(join(s.store.runsDir, info.runId))).toBe(false);
    expect(s.controller.keptRun()).toBeNull();
    expect(s.server.requests).toHaveLength(0);
  });

  it('refuses a prompt while a turn runs', async () => {
    const s = await startSession([
      { outputs: [{ text: 'slow answer' }], chunkDelayMs: 100 },
      { outputs: [{ text: 'second' }] },
    ]);
    s.controller.submit('first');
    s.controller.submit('second');
    const warning = await s.next(isType('notice.warning'));
    expect(warning.message).toContain('a turn is running');
    await s.next(isType('notice.summary'));
    expect(s.server.requests).toHaveLength(1);
  });
});
