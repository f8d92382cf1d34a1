// End to end through the SDK client: hew's approvals as ACP permission requests. Each answer an editor
// can give — allow once, reject once, allow always (the same command later runs without asking),
// reject always (later denied without asking), and a cancelled request — does what it says, and the
// model is told. The mode picker switches hew's approval preset: `ask` makes a command ask, and the
// switch reaches the model as a message while the instructions stay byte-identical (cached prefix).
// Without a usable sandbox every command asks, as in the terminal UI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { methods } from '@agentclientprotocol/sdk';
import type * as acp from '@agentclientprotocol/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { killAcps, spawnAcp, withSdkClient } from '../support/acp-client.ts';
import { contentText, toolCallsOf, updatesOfKind } from '../support/acp-updates.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import { toolOutputs } from '../support/requests.ts';
import { answer, shell } from '../support/scripts.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(async () => {
  await killAcps();
  await closeWorlds();
});

const selected = (optionId: string): acp.RequestPermissionResponse => ({ outcome: { outcome: 'selected', optionId } });

describe('hew acp permission requests', () => {
  it('allow once, reject once, allow always, reject always and a cancelled request each do what they say', async () => {
    const world = await hewWorld().withScript([
      shell('touch once.txt'),
      shell('touch rejected.txt'),
      shell('touch always.txt'),
      shell('touch always.txt'),
      shell('touch never.txt'),
      shell('touch never.txt'),
      shell('touch cancelled.txt'),
      answer('Done asking.'),
    ]).build();
    const before = treeFingerprint(world.repo);
    // `-a untrusted` after `acp`: every command that is not read-only asks (the mode `ask`).
    const proc = spawnAcp(world, { args: ['-a', 'untrusted'] });
    const runId = await withSdkClient(proc, async (c) => {
      await c.initialize();
      const session = await c.ctx.buildSession({ cwd: world.repo, mcpServers: [] }).start();
      expect(session.modes?.currentModeId).toBe('ask');
      const answers: Record<string, acp.RequestPermissionResponse> = {
        'once.txt': selected('allow_once'),
        'rejected.txt': selected('reject_once'),
        'always.txt': selected('allow_always'),
        'never.txt': selected('reject_always'),
        'cancelled.txt': { outcome: { outcome: 'cancelled' } },
      };
      c.answerPermissions((req) => {
        const file = Object.keys(answers).find((f) => JSON.stringify(req.toolCall).includes(f));
        if (!file) throw new Error(`an unexpected permission request: ${JSON.stringify(req.toolCall)}`);
        return answers[file] as acp.RequestPermissionResponse;
      });

      expect((await session.prompt('make some files')).stopReason).toBe('end_turn');

      // Asked five times: the second `touch always.txt` and `touch never.txt` were decided by the rule.
      expect(c.permissions.map((p) => Object.keys(answers).find((f) => JSON.stringify(p.toolCall).includes(f)))).toEqual(
        ['once.txt', 'rejected.txt', 'always.txt', 'never.txt', 'cancelled.txt']);
      const calls = toolCallsOf(c.updatesOf(session.sessionId)).filter((call) => call.kind === 'execute');
      for (const p of c.permissions) {
        // The four choices, named; the request is about the tool call the editor already shows.
        expect(p.options.map((o) => [o.optionId, o.kind])).toEqual([
          ['allow_once', 'allow_once'], ['allow_always', 'allow_always'], ['reject_once', 'reject_once'], ['reject_always', 'reject_always']]);
        expect(calls.map((call) => call.toolCallId)).toContain(p.toolCall.toolCallId);
        expect(p.toolCall.title).toMatch(/touch \w+\.txt/);
      }
      expect(calls.map((call) => [call.title.replace(/^.*touch /, ''), call.status])).toEqual([
        ['once.txt', 'completed'],
        ['rejected.txt', 'failed'],
        ['always.txt', 'completed'],
        ['always.txt', 'completed'],
        ['never.txt', 'failed'],
        ['never.txt', 'failed'],
        ['cancelled.txt', 'failed'],
      ]);
      return session.sessionId;
    });
    expect((await proc.endInput()).code).toBe(0);

    // What the model got back for each command.
    const outputs = toolOutputs(world.requests);
    expect(outputs[0]).toMatch(/Exit code: 0/);
    expect(outputs[1]).toMatch(/denied/i);
    expect(outputs[2]).toMatch(/Exit code: 0/);
    expect(outputs[3]).toMatch(/Exit code: 0/);
    expect(outputs[4]).toMatch(/denied/i);
    expect(outputs[5]).toContain('the user always refuses commands that start with `touch never.txt`');
    expect(outputs[6]).toContain('the editor cancelled the request');
    // The run's record says who decided: the person, then the remembered rules.
    const approvals = approvalsOf(world.runDir(runId));
    expect(approvals.map((a) => [a.decision, a.decided_by])).toEqual([
      ['approved', 'approver'],
      ['denied', 'approver'],
      ['approved_always', 'approver'],
      ['approved', 'rule'],
      ['denied_always', 'approver'],
      ['denied', 'rule'],
      ['denied', 'approver'],
    ]);
    expect(treeFingerprint(world.repo)).toBe(before);
  });

  it('set_mode `ask` makes the next command ask; the switch is a message, the instructions stay byte-identical', async () => {
    const world = await hewWorld().withScript([
      shell('touch auto.txt'),
      answer('Made it without asking.'),
      shell('touch asked.txt'),
      answer('Made it after asking.'),
    ]).build();
    const proc = spawnAcp(world);
    await withSdkClient(proc, async (c) => {
      await c.initialize();
      const session = await c.ctx.buildSession({ cwd: world.repo, mcpServers: [] }).start();
      expect(session.modes?.currentModeId).toBe('auto');
      c.answerPermissions(() => selected('allow_once'));
      expect((await session.prompt('make auto.txt')).stopReason).toBe('end_turn');
      expect(c.permissions).toHaveLength(0);

      await c.ctx.request(methods.agent.session.setMode, { sessionId: session.sessionId, modeId: 'ask' });
      await c.waitForUpdate(session.sessionId, (u) => u.sessionUpdate === 'current_mode_update' && u.currentModeId === 'ask', 'current_mode_update to ask');
      expect((await session.prompt('make asked.txt')).stopReason).toBe('end_turn');
      expect(c.permissions).toHaveLength(1);
      expect(JSON.stringify(c.permissions[0]?.toolCall)).toContain('touch asked.txt');
      const modes = updatesOfKind(c.updatesOf(session.sessionId), 'current_mode_update');
      expect(modes.map((m) => m.currentModeId)).toEqual(['ask']);
      const asked = toolCallsOf(c.updatesOf(session.sessionId)).find((call) => call.title.includes('asked.txt'));
      expect(asked?.status).toBe('completed');
      expect(contentText(asked!)).toMatch(/exit 0/);
    });
    expect((await proc.endInput()).code).toBe(0);

    const [first, , third] = world.requests;
    expect(third?.body.instructions).toBe(first?.body.instructions);
    // The change went into the conversation, after the first prompt's turn.
    const switched = 'The user changed the approval policy to untrusted.';
    expect(JSON.stringify(third?.body.input)).toContain(switched);
    expect(JSON.stringify(first?.body.input)).not.toContain(switched);
  });

  it('without a usable sandbox every command asks, and hew acp still serves (no exit 6)', async () => {
    const world = await hewWorld().withScript([shell('ls src'), answer('Listed.')]).withEnv({ HEW_BWRAP: '/nonexistent/bin/bwrap' }).build();
    const proc = spawnAcp(world);
    await withSdkClient(proc, async (c) => {
      await c.initialize();
      const session = await c.ctx.buildSession({ cwd: world.repo, mcpServers: [] }).start();
      c.answerPermissions(() => selected('allow_once'));
      expect((await session.prompt('list the sources')).stopReason).toBe('end_turn');
      // Even a read-only command asks: it would run on this machine, unsandboxed.
      expect(c.permissions).toHaveLength(1);
      expect(JSON.stringify(c.permissions[0]?.toolCall)).toContain('ls src');
      const listed = toolCallsOf(c.updatesOf(session.sessionId)).find((call) => call.kind === 'execute');
      expect(listed?.status).toBe('completed');
      expect(contentText(listed!)).toContain('date.js');
    });
    expect((await proc.endInput()).code).toBe(0);
  });
});

interface ApprovalRecord {
  decision: string | null;
  decided_by?: string;
}

/** The completed approval items of a run's events.jsonl, in order. */
function approvalsOf(runDir: string): ApprovalRecord[] {
  return readFileSync(join(runDir, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { type: string; item?: { type: string } & ApprovalRecord })
    .filter((e) => e.type === 'item.completed' && e.item?.type === 'approval')
    .map((e) => ({ decision: e.item?.decision ?? null, decided_by: e.item?.decided_by }));
}
