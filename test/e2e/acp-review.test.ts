// Attacks on `hew acp` from an adversarial review: an editor reopening a session it still has open,
// a slash command that changes the mode behind the editor's mode picker.
import { methods } from '@agentclientprotocol/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { killAcps, spawnAcp, withSdkClient } from '../support/acp-client.ts';
import { chunkText, updatesOfKind } from '../support/acp-updates.ts';
import { answer, shell } from '../support/scripts.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

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
});
