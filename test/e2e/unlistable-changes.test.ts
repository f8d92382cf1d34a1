// End to end, through the built CLI with real bwrap and real git, as nobody: the model leaves a file
// hew cannot read (`chmod 000`), so git cannot list the run's changes. The run must not report
// success with "no changes": it fails (exit 1) and says why, in the event stream and on stderr.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { runCliAs, userWorld } from '../support/as-user.ts';
import { startModelServer, type ModelServer } from '../support/model-server.ts';

/** Outside /tmp (which the sandbox replaces), readable by nobody. */
const base = mkdtempSync('/opt/hew-e2e-unlistable-');
chmodSync(base, 0o755);
afterAll(() => rmSync(base, { recursive: true, force: true }));

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a run whose changes git cannot list', () => {
  it('fails and says why, never "completed" with no changes', async () => {
    const world = userWorld('nobody', base, 'unreadable');
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: 'echo work > done.txt && echo secret > locked.txt && chmod 000 locked.txt' } }] },
      { outputs: [{ text: 'done' }] },
    ]);
    world.env.OPENAI_BASE_URL = server.url;
    const json = await runCliAs('nobody', base, ['exec', '--json', 'work'], world.repo, world.env);
    const events = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as StampedEvent);
    const done = events.at(-1);
    if (done?.type !== 'thread.completed') throw new Error('no thread.completed');
    expect(done.status).toBe('failed');
    expect(json.code).toBe(1);
    expect(events.some((e) => e.type === 'error' && e.message.includes('the run\'s changes could not be listed'))).toBe(true);
  });
});
