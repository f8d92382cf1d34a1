// End to end, through the built CLI with real bwrap and real git, as nobody: the model leaves a file
// hew cannot read (`chmod 000`), so git cannot list the run's changes. The run must not report
// success with "no changes": it fails (exit 1) and says why, in the event stream and on stderr.
import { afterEach, describe, expect, it } from 'vitest';
import { userBase } from '../support/as-user.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

const base = userBase('hew-e2e-unlistable-');
afterEach(closeWorlds);

describe('a run whose changes git cannot list', () => {
  it('fails and says why, never "completed" with no changes', async () => {
    const world = await hewWorld()
      .asUser('nobody', base)
      .withScript([
        { outputs: [{ tool: 'shell', args: { command: 'echo work > done.txt && echo secret > locked.txt && chmod 000 locked.txt' } }] },
        { outputs: [{ text: 'done' }] },
      ])
      .build();
    const json = await world.hew(['exec', '--json', 'work']);
    const events = json.events();
    const done = events.at(-1);
    if (done?.type !== 'thread.completed') throw new Error('no thread.completed');
    expect(done.status).toBe('failed');
    expect(json.code).toBe(1);
    expect(events.some((e) => e.type === 'error' && e.message.includes('the run\'s changes could not be listed'))).toBe(true);
  });
});
