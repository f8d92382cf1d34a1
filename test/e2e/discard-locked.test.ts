// End to end as root and as an ordinary user: a model that leaves directories without write
// permission in its copy (chmod 555) cannot stop `hew discard` or `exec --ephemeral` from removing
// the run — as nobody, a plain recursive delete fails with EACCES there.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { userBase, type As } from '../support/as-user.ts';
import type { ScriptedTurn } from '../support/model-server.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

const base = userBase('hew-e2e-discard-');
afterEach(closeWorlds);

const LOCK = 'mkdir -p locked/inner && touch locked/inner/f locked/g && chmod 555 locked/inner locked';
const turns = (): ScriptedTurn[] => [{ outputs: [{ tool: 'shell', args: { command: LOCK } }] }, { outputs: [{ text: 'done' }] }];

describe.each<As>(['root', 'nobody'])('a run whose copy has read-only directories, as %s', (as) => {
  it('hew discard removes the copy and exits 0', async () => {
    const world = await hewWorld().asUser(as, base).withScript(turns()).build();
    const run = await world.hew(['exec', '--json', 'lock a directory']);
    expect(run.code, run.stderr).toBe(0);
    const runId = (JSON.parse(run.stdout.split('\n')[0] as string) as { run_id: string }).run_id;
    const work = join(world.runDir(runId), 'work');
    expect(existsSync(join(work, 'locked', 'inner', 'f'))).toBe(true);

    const discard = await world.hew(['discard', runId]);
    expect(discard.stderr).not.toMatch(/EACCES|\n\s+at /);
    expect(discard.code).toBe(0);
    expect(existsSync(work)).toBe(false);
    expect(existsSync(`${work}.discarding`)).toBe(false);
  });

  it('exec --ephemeral removes the whole run', async () => {
    const world = await hewWorld().asUser(as, base).withScript(turns()).build();
    const run = await world.hew(['exec', '--ephemeral', 'lock a directory']);
    expect(run.stderr).not.toMatch(/EACCES|\n\s+at /);
    expect(run.code).toBe(0);
    const runs = join(world.home.state, 'hew', 'runs');
    expect(existsSync(runs) ? readdirSync(runs) : []).toEqual([]);
  });
});
