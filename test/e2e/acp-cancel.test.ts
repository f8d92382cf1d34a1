// End to end through the SDK client: `session/cancel` stops what runs. Mid-command (a `sleep` in the
// sandbox) the prompt answers `cancelled` promptly, the command's card ends failed, no sleep is left
// on the machine, and the session takes the next prompt. During a pending permission request the
// request is withdrawn and the prompt answers `cancelled` too.
import { methods } from '@agentclientprotocol/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { killAcps, spawnAcp, withSdkClient } from '../support/acp-client.ts';
import { chunkText, toolCallsOf } from '../support/acp-updates.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import { livingAfter } from '../support/processes.ts';
import { answer, shell } from '../support/scripts.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(async () => {
  await killAcps();
  await closeWorlds();
});

/** Far longer than any test; the unique duration marks the process on the host. */
const SLEEP = ['sleep', '30.417'];

describe('hew acp session/cancel', () => {
  it('mid-command: the prompt answers cancelled promptly, the command is gone, the next prompt works', async () => {
    const world = await hewWorld().withScript([shell(SLEEP.join(' ')), answer('Still here.')]).build();
    const before = treeFingerprint(world.repo);
    const proc = spawnAcp(world);
    await withSdkClient(proc, async (c) => {
      await c.initialize();
      const session = await c.ctx.buildSession({ cwd: world.repo, mcpServers: [] }).start();
      const prompt = session.prompt('wait a while');
      const running = await c.waitForUpdate(session.sessionId, (u) => u.sessionUpdate === 'tool_call' && u.kind === 'execute' && u.status === 'in_progress', 'the sleep running');
      if (running.sessionUpdate !== 'tool_call') throw new Error('unreachable');
      const t0 = performance.now();
      await c.ctx.notify(methods.agent.session.cancel, { sessionId: session.sessionId });
      const res = await prompt;
      const ms = performance.now() - t0;
      expect(res.stopReason).toBe('cancelled');
      expect(ms, 'cancel answered promptly').toBeLessThan(10_000);
      const call = toolCallsOf(c.updatesOf(session.sessionId)).find((x) => x.toolCallId === running.toolCallId);
      expect(call?.status).toBe('failed');
      expect(await livingAfter(SLEEP)).toEqual([]);

      const next = await session.prompt('are you there?');
      expect(next.stopReason).toBe('end_turn');
      expect(chunkText(c.updatesOf(session.sessionId), 'agent_message_chunk')).toContain('Still here.');
    });
    expect((await proc.endInput()).code).toBe(0);
    expect(world.requests).toHaveLength(2);
    expect(JSON.stringify(world.requests[1]?.body.input)).toContain('are you there?');
    expect(treeFingerprint(world.repo)).toBe(before);
  });

  it('during a pending permission request: the request is withdrawn and the prompt answers cancelled', async () => {
    const world = await hewWorld().withScript([shell('touch asked.txt'), answer('Next one.')]).build();
    const proc = spawnAcp(world, { args: ['-a', 'untrusted'] });
    await withSdkClient(proc, async (c) => {
      await c.initialize();
      const session = await c.ctx.buildSession({ cwd: world.repo, mcpServers: [] }).start();
      const prompt = session.prompt('make a file');
      const pending = await c.nextPermission();
      await c.ctx.notify(methods.agent.session.cancel, { sessionId: session.sessionId });
      expect((await prompt).stopReason).toBe('cancelled');
      // hew withdrew its request ($/cancel_request): the editor can close the prompt it showed.
      expect(pending.signal.aborted).toBe(true);
      // An editor answers a withdrawn request with `cancelled` anyway (the spec asks it to): harmless.
      pending.respond({ outcome: { outcome: 'cancelled' } });
      const call = toolCallsOf(c.updatesOf(session.sessionId)).find((x) => x.toolCallId === pending.params.toolCall.toolCallId);
      expect(call?.status).toBe('failed');

      const next = await session.prompt('go on');
      expect(next.stopReason).toBe('end_turn');
      expect(c.permissions).toHaveLength(1);
    });
    expect((await proc.endInput()).code).toBe(0);
  });
});
