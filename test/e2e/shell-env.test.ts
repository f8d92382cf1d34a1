// End to end, through the built CLI, the scripted model and real bubblewrap: commands run in the
// user's environment (secrets removed) plus only the non-interactive settings, so a suite that
// depends on colour and CI variables passes in hew as in the user's shell; and the model's commands,
// the task's check and the hooks all get that one environment.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { NON_INTERACTIVE_ENV } from '../../src/sandbox/env.ts';
import { fixtureRepo, tempDir } from '../support/fixtures.ts';
import type { ScriptedTurn } from '../support/model-server.ts';
import { toolOutput } from '../support/requests.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);

/** A developer's shell: a real terminal type, colour forced, no CI and no NO_COLOR (hew's tests set those). */
const USER_SHELL = { TERM: 'xterm-256color', FORCE_COLOR: '1', CI: undefined, NO_COLOR: undefined, MY_SETTING: 'kept', STRIPE_KEY: 'sk_live_hidden-from-commands' };

function shellEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...USER_SHELL })) if (v !== undefined) env[k] = v;
  return env;
}

async function execTask(world: World, check: string, script: ScriptedTurn[]): Promise<{ events: StampedEvent[]; copy: string; code: number | null; stderr: string }> {
  await world.serve(script);
  const task = join(tempDir(), 'task.md');
  writeFileSync(task, `---\ntitle: Run the suite\ncheck: ${check}\n---\nRun the tests.\n`);
  const result = await world.hew(['exec', '--json', '--task', task], { env: USER_SHELL, timeoutMs: 90_000 });
  const events = result.events();
  const started = events[0];
  if (started?.type !== 'thread.started') throw new Error(`no thread.started: ${result.stderr}`);
  return { events, copy: started.working_copy, code: result.code, stderr: result.stderr };
}

describe('commands run in the user\'s environment', () => {
  it('a suite sensitive to colour and CI variables passes in the sandbox as in the user\'s shell', async () => {
    // The user's shell: the suite passes (and with hew's old CI=1 NO_COLOR=1 TERM=dumb it does not).
    const host = fixtureRepo('shell-env-suite');
    const onHost = spawnSync('npm', ['test'], { cwd: host, env: shellEnv(), encoding: 'utf8' });
    expect(onHost.status, onHost.stdout + onHost.stderr).toBe(0);
    const oldEnv = fixtureRepo('shell-env-suite');
    const underOld = spawnSync('npm', ['test'], { cwd: oldEnv, env: { ...shellEnv(), CI: '1', NO_COLOR: '1', TERM: 'dumb' }, encoding: 'utf8' });
    expect(underOld.status).not.toBe(0);

    const world = await hewWorld().withRepo('shell-env-suite').build();
    const { events, code, stderr } = await execTask(world, 'npm test', [
      { outputs: [{ tool: 'shell', args: { command: 'npm test' } }] },
      { outputs: [{ text: 'The suite passes.' }] },
    ]);
    const output = toolOutput(world.requests[1]);
    expect(output).toMatch(/Exit code: 0/);
    expect(output).toMatch(/pass 5/);
    expect(output).toMatch(/fail 0/);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const done = events.at(-1);
    expect(done?.type === 'thread.completed' && done.check).toEqual({ command: 'npm test', exit_code: 0, passed: true });
    // The prompt says what hew changed, and that is all it changed.
    const instructions = String(world.requests[0]?.body.instructions ?? '');
    expect(instructions).toContain('hew changes only PAGER=cat, GIT_PAGER=cat');
  });

  it('the model\'s commands, the task\'s check and the hooks get one environment', async () => {
    const world = await hewWorld().withConfig(`[hooks]\non_finish = 'env | sort > hook-env.txt'\n`).build();
    const { events, copy, code, stderr } = await execTask(world, 'env | sort > check-env.txt', [
      { outputs: [{ tool: 'shell', args: { command: 'env | sort > model-env.txt' } }] },
      { outputs: [{ text: 'Recorded.' }] },
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(events.at(-1)?.type === 'thread.completed').toBe(true);
    const read = (name: string): string[] => readFileSync(join(copy, name), 'utf8').trim().split('\n');
    const model = read('model-env.txt');
    // The check and the model's command: the very same environment.
    expect(read('check-env.txt')).toEqual(model);
    // The hook: the same, plus HEW_HOOK (the only variable that legitimately differs).
    expect(read('hook-env.txt').filter((l) => !l.startsWith('HEW_HOOK='))).toEqual(model);
    expect(read('hook-env.txt')).toContain('HEW_HOOK=on_finish');

    // What that environment is: the user's (minus secrets) plus only the non-interactive settings.
    expect(model).toEqual(expect.arrayContaining(['TERM=xterm-256color', 'FORCE_COLOR=1', 'MY_SETTING=kept']));
    for (const [k, v] of Object.entries(NON_INTERACTIVE_ENV)) expect(model).toContain(`${k}=${v}`);
    expect(model.filter((l) => /^(CI|NO_COLOR|STRIPE_KEY|OPENAI_API_KEY)=/.test(l))).toEqual([]);
  });
});
