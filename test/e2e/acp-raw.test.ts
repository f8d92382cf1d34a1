// End to end with JSON-RPC written by hand, as an editor without the SDK speaks it: the order rules
// (nothing before initialize), the capabilities hew announces, unknown methods, a prompt that links a
// repository file, a permission request answered by hand, and the end of stdin ending the process
// with the run saved. Bad setups fail session/new with one clear message.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killAcps, rawClient, spawnAcp } from '../support/acp-client.ts';
import { expectValidAcp } from '../support/acp-schema.ts';
import { toolCallsOf } from '../support/acp-updates.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import { answer, shell } from '../support/scripts.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(async () => {
  await killAcps();
  await closeWorlds();
});

const INIT = { protocolVersion: 1, clientCapabilities: {} };

describe('hew acp spoken to line by line', () => {
  it('answers in protocol order, takes a linked file and a permission answered by hand, and saves the run at EOF', async () => {
    const world = await hewWorld().withScript([shell('touch raw.txt'), answer('Made raw.txt in my copy.')]).build();
    const before = treeFingerprint(world.repo);
    const raw = rawClient(spawnAcp(world, { args: ['-a', 'untrusted'] }));

    const early = await raw.request('session/new', { cwd: world.repo, mcpServers: [] });
    expect(early.error?.code).toBe(-32600);

    const init = await raw.request('initialize', INIT);
    expectValidAcp('InitializeResponse', init.result);
    expect(init.result).toMatchObject({
      protocolVersion: 1,
      agentCapabilities: { loadSession: true, promptCapabilities: { embeddedContext: true }, mcpCapabilities: { http: true } },
      authMethods: [],
      agentInfo: { name: 'hew' },
    });

    const unknown = await raw.request('session/frobnicate', {});
    expect(unknown.error?.code).toBe(-32601);

    const created = await raw.request('session/new', { cwd: world.repo, mcpServers: [] });
    expectValidAcp('NewSessionResponse', created.result);
    const { sessionId } = created.result as { sessionId: string };

    const promptId = raw.send('session/prompt', {
      sessionId,
      prompt: [
        { type: 'text', text: 'Look at this file and make raw.txt:' },
        { type: 'resource_link', uri: `file://${join(world.repo, 'src/date.js')}`, name: 'date.js' },
      ],
    });
    const ask = await raw.nextRequest('session/request_permission');
    expectValidAcp('RequestPermissionRequest', ask.params);
    expect(JSON.stringify(ask.params)).toContain('touch raw.txt');
    raw.respond(ask.id, { outcome: { outcome: 'selected', optionId: 'allow_once' } });
    const done = await raw.response(promptId);
    expect(done.result).toEqual({ stopReason: 'end_turn' });

    // The link reached the model as the repository path it can read.
    expect(JSON.stringify(world.requests[0]?.body.input)).toContain('@src/date.js');
    const updates = raw.updates().filter((n) => n.sessionId === sessionId).map((n) => n.update);
    expect(toolCallsOf(updates).find((c) => c.kind === 'execute')?.status).toBe('completed');

    const exit = await raw.proc.endInput();
    expect(exit).toEqual({ code: 0, signal: null });
    // The session was a hew run, kept: `hew runs` lists it, and the repository is untouched.
    expect((await world.hewOk(['runs'])).stdout).toContain(sessionId);
    expect(treeFingerprint(world.repo)).toBe(before);
  });

  it('session/new outside a git repository fails with one clear message', async () => {
    const world = await hewWorld().withRepo(null).withScript([]).build();
    const raw = rawClient(spawnAcp(world));
    await raw.request('initialize', INIT);
    const res = await raw.request('session/new', { cwd: world.repo, mcpServers: [] });
    expect(res.error?.message).toMatch(/not in a git repository/);
    expect(res.error?.message).toContain('--skip-git-repo-check');
    expect(res.error?.message).not.toMatch(/\n\s+at /); // no stack trace
    expect((await raw.proc.endInput()).code).toBe(0);
  });

  it('session/new without an API key names the variable to set', async () => {
    const world = await hewWorld().withoutOpenAI().build();
    const raw = rawClient(spawnAcp(world));
    await raw.request('initialize', INIT);
    const res = await raw.request('session/new', { cwd: world.repo, mcpServers: [] });
    expect(res.error?.message).toContain('OPENAI_API_KEY');
    expect(res.error?.message).not.toMatch(/\n\s+at /);
    expect((await raw.proc.endInput()).code).toBe(0);
  });

  it('session/load of a run that does not exist is "not found" (-32002)', async () => {
    const world = await hewWorld().withScript([]).build();
    const raw = rawClient(spawnAcp(world));
    await raw.request('initialize', INIT);
    const res = await raw.request('session/load', { sessionId: '20200101-000000-dead', cwd: world.repo, mcpServers: [] });
    expect(res.error?.code).toBe(-32002);
    expect(res.error?.message).toContain('20200101-000000-dead');
    expect((await raw.proc.endInput()).code).toBe(0);
  });
});
