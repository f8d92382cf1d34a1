// End to end: approvals in the built CLI. `hew exec` never waits for a person: whatever needs an
// approval is denied at once, recorded as an `approval` item, and the model reads why.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item, StampedEvent } from '../../src/protocol/events.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import type { HewOptions } from '../support/hew-cli.ts';
import type { ScriptedTurn } from '../support/model-server.ts';
import { toolOutput } from '../support/requests.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);
/** The world of the test's run (set by `exec`). */
let world: World;

const ESCAPE: ScriptedTurn = {
  outputs: [{ tool: 'shell', args: { command: 'touch escaped.txt', sandbox_permissions: 'require_escalated', justification: 'write outside the copy' } }],
};
const ANSWER = 'I could not leave the sandbox, so I did not write the file.';

async function exec(script: ScriptedTurn[], args: string[], opts: Partial<HewOptions> = {}) {
  world = await hewWorld().withScript(script).withTimeout(20_000).build();
  const before = treeFingerprint(world.repo);
  const result = await world.hew(['exec', ...args], opts);
  expect(treeFingerprint(world.repo)).toBe(before);
  return result;
}

function completedItems(events: StampedEvent[]): Item[] {
  return events.flatMap((e) => (e.type === 'item.completed' ? [e.item] : []));
}

describe('hew exec approvals', () => {
  it('denies a request to leave the sandbox without blocking and finishes with the model\'s answer', async () => {
    const result = await exec([ESCAPE, { outputs: [{ text: ANSWER }] }], ['--json', 'write a file outside']);
    expect(result.code).toBe(0);
    const events = result.events();
    const done = events.at(-1);
    expect(done?.type === 'thread.completed' && done.final_message).toBe(ANSWER);
    const started = events.find((e) => e.type === 'thread.started');
    expect(started?.type === 'thread.started' && started.approval).toBe('on-request');

    const asked = events.find((e) => e.type === 'item.started' && e.item.type === 'approval');
    expect(asked).toMatchObject({
      item: {
        type: 'approval',
        status: 'in_progress',
        decision: null,
        request: { tool: 'shell', command: 'touch escaped.txt', sandbox_permissions: 'require_escalated', justification: 'write outside the copy' },
      },
    });
    const items = completedItems(events);
    const approval = items.find((i) => i.type === 'approval');
    expect(approval).toMatchObject({ status: 'declined', decision: 'denied', id: asked?.type === 'item.started' ? asked.item.id : '' });
    expect(items.find((i) => i.type === 'command_execution')).toMatchObject({ status: 'declined', command: 'touch escaped.txt', exit_code: null });

    expect(world.requests).toHaveLength(2);
    expect(toolOutput(world.requests[1])).toContain('`hew exec` runs without a person to ask');
    if (started?.type !== 'thread.started') throw new Error('no thread.started');
    expect(existsSync(join(started.working_copy, 'escaped.txt'))).toBe(false);
  });

  it('never blocks on approval with a prompt argument and a stdin that never closes', async () => {
    const result = await exec([ESCAPE, { outputs: [{ text: ANSWER }] }], ['write a file outside'], { openStdin: true, timeoutMs: 15_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${ANSWER}\n`);
  });

  it('-a untrusted -s danger-full-access: read-only commands run, a write is denied', async () => {
    const result = await exec(
      [
        { outputs: [{ tool: 'shell', args: { command: 'ls src && git status --short' } }] },
        { outputs: [{ tool: 'shell', args: { command: 'echo x > written.txt' } }] },
        { outputs: [{ text: 'done' }] },
      ],
      ['--json', '-a', 'untrusted', '-s', 'danger-full-access', 'look around'],
    );
    expect(result.code).toBe(0);
    const items = completedItems(result.events());
    expect(items.filter((i) => i.type === 'command_execution').map((i) => i.status)).toEqual(['completed', 'declined']);
    const approvals = items.filter((i) => i.type === 'approval');
    expect(approvals).toHaveLength(1);
    expect(approvals[0]).toMatchObject({ decision: 'denied', request: { command: 'echo x > written.txt', reasons: ['untrusted'] } });
    expect(toolOutput(world.requests[1])).toContain('date.js');
    expect(toolOutput(world.requests[2])).toContain('`-a on-request`');
  });

  it('-a never: a request to leave the sandbox is refused by the policy', async () => {
    const result = await exec([ESCAPE, { outputs: [{ text: ANSWER }] }], ['--json', '-a', 'never', 'write a file outside']);
    expect(result.code).toBe(0);
    const approval = completedItems(result.events()).find((i) => i.type === 'approval');
    expect(approval).toMatchObject({ status: 'declined', decision: 'denied' });
    expect(toolOutput(world.requests[1])).toContain('the approval policy is `never`');
  });
});
