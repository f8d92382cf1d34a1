// End to end as root and as an ordinary user: a model that leaves directories without write
// permission in its copy (chmod 555) cannot stop `hew discard` or `exec --ephemeral` from removing
// the run — as nobody, a plain recursive delete fails with EACCES there.
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCliAs, userWorld, type As } from '../support/as-user.ts';
import { startModelServer, type ModelServer, type ScriptedTurn } from '../support/model-server.ts';

/** Outside /tmp (which the sandbox replaces), readable by nobody. */
const base = mkdtempSync('/opt/hew-e2e-discard-');
chmodSync(base, 0o755);
afterAll(() => rmSync(base, { recursive: true, force: true }));

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const LOCK = 'mkdir -p locked/inner && touch locked/inner/f locked/g && chmod 555 locked/inner locked';
const turns = (): ScriptedTurn[] => [{ outputs: [{ tool: 'shell', args: { command: LOCK } }] }, { outputs: [{ text: 'done' }] }];

describe.each<As>(['root', 'nobody'])('a run whose copy has read-only directories, as %s', (as) => {
  it('hew discard removes the copy and exits 0', async () => {
    const world = userWorld(as, base, 'discard');
    server = await startModelServer(turns());
    const env: Record<string, string> = { ...world.env, OPENAI_BASE_URL: server.url };
    const run = await runCliAs(as, base, ['exec', '--json', 'lock a directory'], world.repo, env);
    expect(run.code, run.stderr).toBe(0);
    const runId = (JSON.parse(run.stdout.split('\n')[0] as string) as { run_id: string }).run_id;
    const work = join(env['XDG_STATE_HOME'] as string, 'hew', 'runs', runId, 'work');
    expect(existsSync(join(work, 'locked', 'inner', 'f'))).toBe(true);

    const discard = await runCliAs(as, base, ['discard', runId], world.repo, env);
    expect(discard.stderr).not.toMatch(/EACCES|\n\s+at /);
    expect(discard.code).toBe(0);
    expect(existsSync(work)).toBe(false);
    expect(existsSync(`${work}.discarding`)).toBe(false);
  });

  it('exec --ephemeral removes the whole run', async () => {
    const world = userWorld(as, base, 'ephemeral');
    server = await startModelServer(turns());
    const env: Record<string, string> = { ...world.env, OPENAI_BASE_URL: server.url };
    const run = await runCliAs(as, base, ['exec', '--ephemeral', 'lock a directory'], world.repo, env);
    expect(run.stderr).not.toMatch(/EACCES|\n\s+at /);
    expect(run.code).toBe(0);
    const runs = join(env['XDG_STATE_HOME'] as string, 'hew', 'runs');
    expect(existsSync(runs) ? readdirSync(runs) : []).toEqual([]);
  });
});
