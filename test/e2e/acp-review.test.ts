// Attacks on `hew acp` from an adversarial review: an editor reopening a session it still has open,
// a slash command that changes the mode behind the editor's mode picker.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { methods } from '@agentclientprotocol/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { killAcps, rawClient, spawnAcp, withSdkClient } from '../support/acp-client.ts';
import { chunkText, updatesOfKind } from '../support/acp-updates.ts';
import { answer, shell } from '../support/scripts.ts';
import { livingAfter, livingWithArgs } from '../support/processes.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';
import { STDIO_SERVER } from '../mcp/servers/paths.ts';

afterEach(async () => {
  await killAcps();
  await closeWorlds();
});

describe('hew acp under attack', () => {
  it('session/load of a session this process still has open reopens it (its run saved first), not "still running"', async () => {
    const world = await hewWorld().withScript([answer('First answer.'), answer('Second answer.')]).build();
    const proc = spawnAcp(world);
    await withSdkClient(proc, async (c) => {
      await c.initialize();
      const session = await c.ctx.buildSession({ cwd: world.repo, mcpServers: [] }).start();
      expect((await session.prompt('first question')).stopReason).toBe('end_turn');
      // The editor closed the thread's tab and opens it again from its history: same process.
      await c.ctx.request(methods.agent.session.load, { sessionId: session.sessionId, cwd: world.repo, mcpServers: [] });
      const next = await c.ctx.request(methods.agent.session.prompt, { sessionId: session.sessionId, prompt: [{ type: 'text', text: 'second question' }] });
      expect(next.stopReason).toBe('end_turn');
      expect(chunkText(c.updatesOf(session.sessionId), 'agent_message_chunk')).toContain('Second answer.');
    });
    expect((await proc.endInput()).code).toBe(0);
    expect(JSON.stringify(world.requests.at(-1)?.body.input)).toContain('first question');
  });

  it('/approval typed as a prompt moves the editor\'s mode picker with it (current_mode_update)', async () => {
    const world = await hewWorld().withScript([shell('touch x.txt'), answer('Done.')]).build();
    const proc = spawnAcp(world);
    await withSdkClient(proc, async (c) => {
      await c.initialize();
      const session = await c.ctx.buildSession({ cwd: world.repo, mcpServers: [] }).start();
      expect(session.modes?.currentModeId).toBe('auto');
      await session.prompt('/approval untrusted');
      const modes = updatesOfKind(c.updatesOf(session.sessionId), 'current_mode_update');
      expect(modes.map((m) => m.currentModeId)).toEqual(['ask']);
    });
    expect((await proc.endInput()).code).toBe(0);
  });

  it("a secret in the env of an editor's MCP server is redacted like one of the user's config", async () => {
    // The test server puts MCP_TEST_LABEL in front of every echo: a server that leaks its credential.
    const secret = 'zq7Xv3LmN9pR2sT8wY4bC6dFh';
    const world = await hewWorld().withScript([{ outputs: [{ tool: 'mcp__tools__echo', args: { text: 'hello' } }] }, answer('Echoed.')]).build();
    const proc = spawnAcp(world);
    const server = { name: 'tools', command: process.execPath, args: [STDIO_SERVER], env: [{ name: 'MCP_TEST_LABEL', value: secret }] };
    const runId = await withSdkClient(proc, async (c) => {
      await c.initialize();
      const session = await c.ctx.buildSession({ cwd: world.repo, mcpServers: [server] }).start();
      c.answerPermissions(() => ({ outcome: { outcome: 'selected', optionId: 'allow_once' } }));
      expect((await session.prompt('echo hello')).stopReason).toBe('end_turn');
      return session.sessionId;
    });
    expect((await proc.endInput()).code).toBe(0);
    expect(JSON.stringify(world.requests.at(-1)?.body.input)).toContain('echo: hello');
    const stdout = proc.messages.map((m) => JSON.stringify(m)).join('\n');
    expect(stdout).toContain('echo: hello');
    expect(stdout).not.toContain(secret);
    expect(JSON.stringify(world.requests.map((r) => r.body))).not.toContain(secret);
    expect(readFileSync(join(world.runDir(runId), 'events.jsonl'), 'utf8')).not.toContain(secret);
  });

  it("session/load of a run of another repository is refused: the editor's project is where /apply would write", async () => {
    const world = await hewWorld().withScript([answer('One.')]).build();
    const other = join(world.dir, 'other-project');
    mkdirSync(other);
    execFileSync('git', ['init', '-q', other]);
    const raw = rawClient(spawnAcp(world));
    await raw.request('initialize', { protocolVersion: 1 });
    const created = await raw.request('session/new', { cwd: world.repo, mcpServers: [] });
    const sessionId = (created.result as { sessionId: string }).sessionId;
    expect((await raw.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'hi' }] })).result).toEqual({ stopReason: 'end_turn' });
    expect((await raw.proc.endInput()).code).toBe(0);

    const second = rawClient(spawnAcp(world));
    await second.request('initialize', { protocolVersion: 1 });
    const loaded = await second.request('session/load', { sessionId, cwd: other, mcpServers: [] });
    expect(loaded.error?.code).toBe(-32602);
    expect(loaded.error?.message).toContain(`run ${sessionId} is of ${world.repo}, not of `);
    // In its own repository it loads.
    expect((await second.request('session/load', { sessionId, cwd: world.repo, mcpServers: [] })).error).toBeUndefined();
    expect((await second.proc.endInput()).code).toBe(0);
  });

  it('/diff of a huge file the model wrote keeps every message far below the editor\'s line limit', async () => {
    // 1 million lines, ~6.9 MB in one message; five times as many would pass the SDK's 32 MiB line limit and break the editor's connection.
    const world = await hewWorld().withScript([shell('seq 1 1000000 > big.txt'), answer('Wrote it.')]).build();
    const raw = rawClient(spawnAcp(world));
    await raw.request('initialize', { protocolVersion: 1 });
    const created = await raw.request('session/new', { cwd: world.repo, mcpServers: [] });
    const sessionId = (created.result as { sessionId: string }).sessionId;
    expect((await raw.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'write a big file' }] })).result).toEqual({ stopReason: 'end_turn' });
    expect((await raw.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: '/diff' }] })).result).toEqual({ stopReason: 'end_turn' });
    const shown = JSON.stringify(raw.updates().map((n) => n.update).filter((u) => u.sessionUpdate === 'tool_call' && u.title.startsWith('Changes in the working copy')));
    expect(shown).toContain('big.txt');
    expect(shown).toMatch(/too large to show here.*hew diff. in a terminal/);
    expect((await raw.proc.endInput()).code).toBe(0);
    const longest = Math.max(...raw.proc.messages.map((m) => JSON.stringify(m).length));
    expect(longest).toBeLessThan(2 * 1024 * 1024);
  });

  it('set_mode while a permission question waits keeps the conversation well-formed: the switch follows the tool output', async () => {
    const world = await hewWorld().withScript([shell('touch a.txt'), answer('Made it.'), answer('Still here.')]).build();
    const raw = rawClient(spawnAcp(world, { args: ['-a', 'untrusted'] }));
    await raw.request('initialize', { protocolVersion: 1 });
    const created = await raw.request('session/new', { cwd: world.repo, mcpServers: [] });
    const sessionId = (created.result as { sessionId: string }).sessionId;
    const prompt = raw.send('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'make a.txt' }] });
    const ask = await raw.nextRequest('session/request_permission');
    // The person switches the picker to Auto instead of answering, then answers.
    expect((await raw.request('session/set_mode', { sessionId, modeId: 'auto' })).error).toBeUndefined();
    raw.respond(ask.id, { outcome: { outcome: 'selected', optionId: 'allow_once' } });
    expect((await raw.response(prompt)).result).toEqual({ stopReason: 'end_turn' });
    expect((await raw.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'and now?' }] })).result).toEqual({ stopReason: 'end_turn' });
    expect((await raw.proc.endInput()).code).toBe(0);
    // Every function_call is followed at once by its output: nothing in between (the Responses API
    // and every chat API refuse a conversation where a message splits a call from its output).
    const input = world.requests.at(-1)?.body.input as { type?: string; role?: string; content?: unknown }[];
    const call = input.findIndex((i) => i.type === 'function_call');
    expect(input[call + 1]?.type).toBe('function_call_output');
    // The model is told of the switch once the turn is over, before the next prompt.
    const told = input.findIndex((i) => JSON.stringify(i.content ?? '').includes('The user changed the approval policy to on-request.'));
    const next = input.findIndex((i) => JSON.stringify(i.content ?? '').includes('and now?'));
    expect(told).toBeGreaterThan(call + 1);
    expect(told).toBeLessThan(next);
  });

  it('an editor that closes its end of hew\'s stdout mid-turn: hew saves the run and exits, no crash', async () => {
    const world = await hewWorld().withScript([shell('for i in 1 2 3 4 5 6 7 8 9 10; do echo line $i; sleep 0.2; done'), answer('Done.')]).build();
    const raw = rawClient(spawnAcp(world));
    await raw.request('initialize', { protocolVersion: 1 });
    const created = await raw.request('session/new', { cwd: world.repo, mcpServers: [] });
    const sessionId = (created.result as { sessionId: string }).sessionId;
    raw.send('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'count' }] });
    await raw.proc.waitForMessage((m) => m.method === 'session/update' && (m.params as { update: { sessionUpdate: string } }).update.sessionUpdate === 'tool_call', 'the command running');
    // stdin stays open: only the editor's reading end of hew's stdout goes away (EPIPE on the next update).
    raw.proc.child.stdout.destroy();
    const exit = await raw.proc.exited;
    expect(raw.proc.stderr()).not.toMatch(/Unhandled|EPIPE\n\s+at /);
    expect(raw.proc.stderr()).toContain("the editor stopped reading hew's output");
    expect(exit).toEqual({ code: 0, signal: null });
    const meta = JSON.parse(readFileSync(join(world.runDir(sessionId), 'meta.json'), 'utf8')) as { status: string };
    expect(meta.status).not.toBe('running');
  });

  it('stdin EOF mid-command: the command is stopped and the run saved as interrupted (as the terminal UI\'s quit does), exit 0', async () => {
    const SLEEP = ['sleep', '33.417'];
    const world = await hewWorld().withScript([shell(SLEEP.join(' ')), answer('Never.')]).build();
    const raw = rawClient(spawnAcp(world));
    await raw.request('initialize', { protocolVersion: 1 });
    const created = await raw.request('session/new', { cwd: world.repo, mcpServers: [] });
    const sessionId = (created.result as { sessionId: string }).sessionId;
    raw.send('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'wait' }] });
    // The command's process is on the host (a poll of /proc, as processes.ts does), so the stop is mid-command.
    for (let i = 0; livingWithArgs(SLEEP).length === 0; i++) {
      if (i > 3000) throw new Error('the sleep never started');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await raw.proc.endInput()).toEqual({ code: 0, signal: null });
    expect(await livingAfter(SLEEP)).toEqual([]);
    const meta = JSON.parse(readFileSync(join(world.runDir(sessionId), 'meta.json'), 'utf8')) as { status: string };
    expect(meta.status).toBe('interrupted');
  });
});
