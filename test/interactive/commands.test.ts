// The other slash commands and the input helpers: /new, /status, /plan, /model, /help, unknown
// commands, completion of `/…` and `@…`, and prompt history persisted per repository.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRepo, tempDir } from '../support/fixtures.ts';
import { closeSessions, isType, requestInput, startSession } from './harness.ts';

afterEach(closeSessions);

describe('slash commands', () => {
  it('/new saves this thread and opens a new run; the view is told to reset first', async () => {
    const s = await startSession([{ outputs: [{ text: 'one' }] }, { outputs: [{ text: 'two' }] }]);
    await s.turn('first task');
    const old = s.controller.info();
    const reset = await s.command('/new', 'notice.reset');
    const after = s.events.slice(s.events.indexOf(reset));
    expect(after.map((e) => e.type).filter((t) => t !== 'notice.info')).toEqual(['notice.reset', 'thread.started']);
    // The new conversation names the run it left and how to come back to it.
    const previous = after.find((e) => e.type === 'notice.info');
    expect(previous).toMatchObject({ title: 'Previous run', lines: [`run ${old.runId} · no files changed`, `  resume:  hew resume ${old.runId}`] });
    const before = s.events.slice(0, s.events.indexOf(reset)).map((e) => e.type);
    expect(before.at(-1)).toBe('thread.completed');
    expect(reset.info.runId).not.toBe(old.runId);
    expect(s.controller.info()).toEqual(reset.info);
    const oldMeta = JSON.parse(readFileSync(join(s.store.runsDir, old.runId, 'meta.json'), 'utf8'));
    expect(oldMeta).toMatchObject({ status: 'completed', title: 'first task' });

    const summary = await s.turn('second task');
    expect(summary.turn).toBe(1);
    expect(requestInput(s.server, 1).filter((i) => i.role === 'user').map((i) => i.content)).toEqual(['second task']);
    expect(await s.controller.quit()).toBe(0);
    const newMeta = JSON.parse(readFileSync(join(s.store.runsDir, reset.info.runId, 'meta.json'), 'utf8'));
    expect(newMeta).toMatchObject({ status: 'completed', title: 'second task' });
  });

  it('/status, /plan, /help and an unknown command', async () => {
    const s = await startSession([
      { outputs: [{ tool: 'update_plan', args: { plan: [{ step: 'read the code', status: 'completed' }, { step: 'fix it', status: 'in_progress' }] } }] },
      { outputs: [{ text: 'planned' }] },
    ]);
    await s.turn('plan it');
    const status = await s.command('/status', 'notice.info');
    const text = status.lines.join('\n');
    const info = s.controller.info();
    expect(status.title).toBe('Status');
    expect(text).toContain(info.runId);
    expect(text).toContain(s.repo);
    expect(text).toContain(info.workingCopy);
    expect(text).toContain('test-model (openai)');
    expect(text).toContain('danger-full-access (no sandbox)');
    expect(text).toContain('approval     on-request');
    expect(text).toMatch(/tokens +\d+ in/);
    expect(text).toContain('steps        2');
    expect(text).toContain('files        0 changed');

    const plan = await s.command('/plan', 'notice.info');
    expect(plan.lines).toEqual(['[x] read the code', '[>] fix it']);
    const help = await s.command('/help', 'notice.info');
    for (const c of s.controller.slashCommands()) expect(help.lines.join('\n')).toContain(c.name);

    const unknown = await s.command('/frobnicate', 'notice.error');
    expect(unknown.message).toContain('/frobnicate');
    expect(unknown.message).toContain('/diff');
    expect(s.server.requests).toHaveLength(2);
  });

  it('/model switches the model for the next turn', async () => {
    const s = await startSession([{ outputs: [{ text: 'a' }] }, { outputs: [{ text: 'b' }] }]);
    await s.turn('one');
    const switched = await s.command('/model other-model', 'notice.info');
    expect(switched.lines[0]).toContain('other-model');
    expect(s.controller.info().model).toBe('other-model');
    await s.turn('two');
    expect(s.server.requests.map((r) => r.body.model)).toEqual(['test-model', 'other-model']);
    expect((await s.command('/model', 'notice.info')).lines[0]).toContain('other-model');
  });

  it('commands that change things wait for the turn; reading ones answer during it', async () => {
    const s = await startSession([{ outputs: [{ text: 'a slow answer with many words in it' }], chunkDelayMs: 80 }]);
    s.controller.submit('go');
    await s.next(isType('turn.started'));
    s.controller.submit('/apply');
    expect((await s.next(isType('notice.warning'))).message).toContain('/apply waits until the turn has finished');
    s.controller.submit('/status');
    expect((await s.next(isType('notice.info'))).lines.join('\n')).toContain('a turn is running');
    await s.next(isType('notice.summary'));
  });
});

describe('completion and history', () => {
  it('completes slash commands and repository files', async () => {
    const s = await startSession([]);
    expect(s.controller.complete('/di')).toEqual(['/diff', '/discard']);
    expect(s.controller.complete('/q')).toEqual(['/quit']);
    expect(s.controller.complete('@src/da')).toEqual(['@src/date.js', '@src/days.js']);
    expect(s.controller.complete('@date.test')).toEqual(['@test/date.test.js']);
    expect(s.controller.complete('@zzz')).toEqual([]);
    expect(s.controller.complete('plain')).toEqual([]);
    expect(s.controller.slashCommands().map((c) => c.name)).toContain('/approval');
  });

  it('@ completion sees the files the agent added once the turn is over', async () => {
    const s = await startSession([
      { outputs: [{ tool: 'apply_patch', args: { input: '*** Begin Patch\n*** Add File: src/dates-extra.js\n+export {};\n*** End Patch' } }] },
      { outputs: [{ text: 'added' }] },
    ]);
    expect(s.controller.complete('@src/dates')).toEqual([]);
    await s.turn('add a file');
    expect(s.controller.complete('@src/dates')).toEqual(['@src/dates-extra.js']);
  });

  it('keeps prompts per repository, oldest first, across sessions; not slash commands', async () => {
    const state = tempDir('hew-state-');
    const repo = fixtureRepo('date-parser');
    const s = await startSession([{ outputs: [{ text: 'a' }] }, { outputs: [{ text: 'b' }] }], { repo, state });
    expect(s.controller.history()).toEqual([]);
    await s.turn('first prompt');
    await s.command('/status', 'notice.info');
    await s.turn('second prompt');
    expect(s.controller.history()).toEqual(['first prompt', 'second prompt']);
    await s.controller.quit();

    const again = await startSession([], { repo, state });
    expect(again.controller.history()).toEqual(['first prompt', 'second prompt']);
    const other = await startSession([], { repo: fixtureRepo('date-parser'), state });
    expect(other.controller.history()).toEqual([]);
    const lines = readFileSync(join(state, 'hew', 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.repo, l.text])).toEqual([
      [repo, 'first prompt'],
      [repo, 'second prompt'],
    ]);
  });
});
