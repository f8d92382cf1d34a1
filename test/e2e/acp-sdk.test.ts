// End to end as an editor drives it: `hew acp` (the built CLI) spoken to by the ACP SDK's own client
// side, against the scripted model server, real git and real bwrap. A session that reads, searches,
// plans, patches and tests shows every kind of update an editor renders, and leaves the repository
// untouched; `/apply` writes the fix into it (or, on a conflict, fails and writes nothing); a
// finished run loads into a second process, its history replayed before the answer, and goes on.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { methods, RequestError } from '@agentclientprotocol/sdk';
import type * as acp from '@agentclientprotocol/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { killAcps, spawnAcp, withSdkClient } from '../support/acp-client.ts';
import { expectValidAcp } from '../support/acp-schema.ts';
import { chunkText, contentText, diffsOf, toolCallsOf, updatesOfKind } from '../support/acp-updates.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import { answer, DATE_FIX_ANSWER, DATE_FIX_PATCH, dateFixScript, patch, read, shell } from '../support/scripts.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(async () => {
  await killAcps();
  await closeWorlds();
});

const TEST = 'node test/date.test.js';

describe('hew acp with the SDK client', () => {
  it('streams a session that reads, searches, plans, patches and tests; the repository stays untouched', async () => {
    const world = await hewWorld().withScript([
      { outputs: [{ reasoning: 'Look at the parser before touching it.' }, { tool: 'read_file', args: { path: 'src/date.js' } }] },
      { outputs: [{ tool: 'grep', args: { pattern: 'daysInMonth', path: 'src' } }] },
      { outputs: [{ tool: 'update_plan', args: { plan: [{ step: 'Reproduce the failure', status: 'in_progress' }, { step: 'Fix parseDate', status: 'pending' }] } }] },
      shell(TEST),
      patch(DATE_FIX_PATCH),
      shell(TEST),
      answer(DATE_FIX_ANSWER),
    ]).build();
    const before = treeFingerprint(world.repo);
    const proc = spawnAcp(world);

    await withSdkClient(proc, async (c) => {
      const init = await c.initialize();
      expect(init.protocolVersion).toBe(1);
      expect(init.agentCapabilities?.loadSession).toBe(true);

      const session = await c.ctx.buildSession({ cwd: world.repo, mcpServers: [] }).start();
      expectValidAcp('NewSessionResponse', session.newSessionResponse);
      // The session is a hew run: its id is the run's.
      expect(world.runDir(session.sessionId)).toContain(session.sessionId);
      expect(session.modes?.currentModeId).toBe('auto');
      expect(session.modes?.availableModes.map((m) => [m.id, m.name])).toEqual([['ask', 'Ask'], ['auto', 'Auto'], ['never-ask', 'Never ask']]);

      // The commands come right after the answer to session/new.
      const commands = await c.waitForUpdate(session.sessionId, (u) => u.sessionUpdate === 'available_commands_update', 'available_commands_update');
      if (commands.sessionUpdate !== 'available_commands_update') throw new Error('unreachable');
      const names = commands.availableCommands.map((cmd) => cmd.name);
      expect(names).toEqual(expect.arrayContaining(['diff', 'apply', 'discard', 'rewind', 'compact', 'new']));
      for (const name of names) expect(name).not.toMatch(/^\//);

      const res = await session.prompt('The date parser accepts February 30th. Fix it.');
      expect(res.stopReason).toBe('end_turn');
      const updates = c.updatesOf(session.sessionId);

      // Thoughts and the answer stream as chunks.
      expect(chunkText(updates, 'agent_thought_chunk')).toContain('Look at the parser before touching it.');
      expect(chunkText(updates, 'agent_message_chunk')).toContain(DATE_FIX_ANSWER);

      const calls = toolCallsOf(updates);
      for (const call of calls) {
        expect(call.statuses[0], `${call.title} starts running`).toMatch(/^(pending|in_progress)$/);
        for (const loc of call.locations) expect(loc.path.startsWith('/'), `${loc.path} is absolute`).toBe(true);
      }
      const [readCall, searchCall, ...rest] = calls.filter((call) => call.kind !== 'think' && call.kind !== 'other');
      // read_file: a card the editor can open, at the USER's file (not hew's copy).
      expect(readCall?.kind).toBe('read');
      expect(readCall?.title).toContain('src/date.js');
      expect(readCall?.status).toBe('completed');
      expect(readCall?.locations[0]?.path).toBe(join(world.repo, 'src/date.js'));
      // grep: a search with what it found.
      expect(searchCall?.kind).toBe('search');
      expect(searchCall?.title).toContain('daysInMonth');
      expect(searchCall?.status).toBe('completed');
      expect(searchCall?.locations[0]?.path).toBe(join(world.repo, 'src'));
      expect(contentText(searchCall!)).toContain('days.js');

      const executes = rest.filter((call) => call.kind === 'execute');
      expect(executes).toHaveLength(2);
      const [failing, passing] = executes;
      expect(failing?.title).toContain(TEST);
      expect(failing?.statuses).toEqual(['in_progress', 'failed']);
      // A command's card holds its output and how it ended.
      expect(contentText(failing!)).toContain('not ok - rejects February 30');
      expect(contentText(failing!)).toMatch(/exit 1/);
      expect(passing?.statuses).toEqual(['in_progress', 'completed']);
      expect(contentText(passing!)).toContain('# 5 ok, 0 not ok');
      expect(contentText(passing!)).toMatch(/exit 0/);
      expect(passing?.rawInput).toMatchObject({ command: TEST });

      const edit = rest.find((call) => call.kind === 'edit');
      expect(edit?.status).toBe('completed');
      expect(edit?.title).toContain('date.js');
      expect(edit?.locations.map((l) => l.path)).toEqual([join(world.repo, 'src/date.js')]);
      const [diff] = diffsOf(edit!);
      expect(diff?.path).toBe(join(world.repo, 'src/date.js'));
      expect(diff?.oldText).toContain('if (day < 1 || day > 31) return null;');
      expect(diff?.newText).toContain('if (day < 1 || day > daysInMonth(year, month)) return null;');
      expect(diff?.newText).not.toContain('day > 31');
      // The calls come in the order the model made them.
      expect(calls.map((call) => call.kind).filter((k) => k !== 'think' && k !== 'other')).toEqual(['read', 'search', 'execute', 'edit', 'execute']);

      const [plan] = updatesOfKind(updates, 'plan');
      expect(plan?.entries).toEqual([
        { content: 'Reproduce the failure', status: 'in_progress', priority: 'medium' },
        { content: 'Fix parseDate', status: 'pending', priority: 'medium' },
      ]);
      const usage = updatesOfKind(updates, 'usage_update').at(-1);
      expect(usage?.used).toBeGreaterThan(0);
      expect(usage?.size).toBeGreaterThan(usage?.used ?? 0);

      // After the turn: what changed in hew's copy, and how to take it.
      expect(chunkText(updates, 'agent_message_chunk')).toMatch(/1 file changed in hew's copy[\s\S]*\/diff[\s\S]*\/apply/);
    });
    const exit = await proc.endInput();
    expect(exit.code).toBe(0);
    expect(treeFingerprint(world.repo)).toBe(before);
    // Logs went to stderr, not into the protocol (asserted by endInput); no secret leaked there.
    expect(proc.stderr()).not.toContain('sk-test');
  });

  it('/apply writes the fix into the repository, which was byte-identical before it', async () => {
    const world = await hewWorld().withScript(dateFixScript()).build();
    const before = treeFingerprint(world.repo);
    const original = readFileSync(join(world.repo, 'src/date.js'));
    const proc = spawnAcp(world);
    await withSdkClient(proc, async (c) => {
      await c.initialize();
      const session = await c.ctx.buildSession({ cwd: world.repo, mcpServers: [] }).start();
      expect((await session.prompt('fix the date parser')).stopReason).toBe('end_turn');
      expect(treeFingerprint(world.repo)).toBe(before);
      expect(readFileSync(join(world.repo, 'src/date.js'))).toEqual(original);

      const applied = await session.prompt('/apply');
      expect(applied.stopReason).toBe('end_turn');
      expect(readFileSync(join(world.repo, 'src/date.js'), 'utf8')).toContain('day > daysInMonth(year, month)');
      // The message after /apply names what was written.
      const after = c.updatesOf(session.sessionId);
      expect(chunkText(after, 'agent_message_chunk')).toContain('src/date.js');
      expect(world.requests).toHaveLength(4); // /apply is hew's, not the model's
    });
    expect((await proc.endInput()).code).toBe(0);
  });

  it('/apply with a conflict fails the prompt with the conflicts and writes nothing', async () => {
    const world = await hewWorld().withScript(dateFixScript()).build();
    const proc = spawnAcp(world);
    await withSdkClient(proc, async (c) => {
      await c.initialize();
      const session = await c.ctx.buildSession({ cwd: world.repo, mcpServers: [] }).start();
      expect((await session.prompt('fix the date parser')).stopReason).toBe('end_turn');
      // Meanwhile the user edits the same line in their repository.
      const file = join(world.repo, 'src/date.js');
      writeFileSync(file, readFileSync(file, 'utf8').replace('day > 31', 'day > 30'));
      const edited = treeFingerprint(world.repo);

      const failure = await session.prompt('/apply').then(() => undefined, (err: unknown) => err);
      expect(failure).toBeInstanceOf(RequestError);
      const err = failure as RequestError;
      expect(err.code).toBe(-32603);
      expect(err.data).toMatchObject({ conflicts: [expect.objectContaining({ path: 'src/date.js' })] });
      expect(treeFingerprint(world.repo)).toBe(edited);
      // The conflicts went out as a message before the error.
      expect(chunkText(c.updatesOf(session.sessionId), 'agent_message_chunk')).toContain('src/date.js');
    });
    expect((await proc.endInput()).code).toBe(0);
  });

  it('session/load replays a finished run before its answer, and the next prompt continues it', async () => {
    const world = await hewWorld().withScript([
      read('src/date.js'),
      answer('parseDate lives in src/date.js.'),
      answer('It returns null for a bad date.'),
    ]).build();
    const first = spawnAcp(world);
    const sessionId = await withSdkClient(first, async (c) => {
      await c.initialize();
      const session = await c.ctx.buildSession({ cwd: world.repo, mcpServers: [] }).start();
      expect((await session.prompt('Where is parseDate?')).stopReason).toBe('end_turn');
      return session.sessionId;
    });
    expect((await first.endInput()).code).toBe(0);

    const second = spawnAcp(world);
    await withSdkClient(second, async (c) => {
      await c.initialize();
      const loaded = await c.ctx.request(methods.agent.session.load, { sessionId, cwd: world.repo, mcpServers: [] });
      expectValidAcp('LoadSessionResponse', loaded);
      // Every replayed update came before the response (stdout order).
      // (its answer is the newest response on stdout when the request resolves).
      const responseAt = second.messages.findLastIndex((m) => m.method === undefined && m.id !== undefined);
      const replay = second.messages.slice(0, responseAt).filter((m) => m.method === 'session/update').map((m) => (m.params as acp.SessionNotification).update);
      expect(chunkText(replay, 'user_message_chunk')).toContain('Where is parseDate?');
      expect(chunkText(replay, 'agent_message_chunk')).toContain('parseDate lives in src/date.js.');
      const replayedRead = toolCallsOf(replay).find((call) => call.kind === 'read');
      expect(replayedRead?.status).toBe('completed');
      expect(replayedRead?.locations[0]?.path).toBe(join(world.repo, 'src/date.js'));

      const next = await c.ctx.request(methods.agent.session.prompt, { sessionId, prompt: [{ type: 'text', text: 'What does it return for a bad date?' }] });
      expect(next.stopReason).toBe('end_turn');
      expect(chunkText(c.updatesOf(sessionId), 'agent_message_chunk')).toContain('It returns null for a bad date.');
    });
    expect((await second.endInput()).code).toBe(0);
    // The model's request holds the whole conversation of the first process.
    const last = JSON.stringify(world.requests.at(-1)?.body.input);
    expect(last).toContain('Where is parseDate?');
    expect(last).toContain('parseDate lives in src/date.js.');
    expect(last).toContain('What does it return for a bad date?');
  });
});

