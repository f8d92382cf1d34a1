// End to end, through the built CLI as root and as an ordinary user (nobody): a model that tries to
// break out of the sandbox fails at every attempt, the host is unchanged, and the run still finishes.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chownTree, NOBODY, userBase, type As } from '../support/as-user.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import type { RecordedRequest, ScriptedTurn } from '../support/model-server.ts';
import { toolOutput } from '../support/requests.ts';
import { closeWorlds, hewWorld, type World as HewWorld } from '../support/world.ts';

const SECRET = 'HOST-SECRET-5be1';

const base = userBase('hew-e2e-');
let hostServer: ReturnType<typeof createServer>;
let hostPort = 0;

beforeAll(async () => {
  hostServer = createServer((_req, res) => res.end('host-only'));
  await new Promise<void>((resolve) => hostServer.listen(0, '127.0.0.1', resolve));
  hostPort = (hostServer.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => hostServer.close(resolve));
});
afterEach(closeWorlds);

interface World extends HewWorld {
  outside: string;
}

/** A user's world with a secret in ~/.ssh, a directory outside the repository, and a recognisable API key. */
async function makeWorld(as: As): Promise<World> {
  const world = await hewWorld().asUser(as, base).withEnv({ OPENAI_API_KEY: 'sk-host-key-9f2c' }).withTimeout(60_000).build();
  const outside = join(world.dir, 'outside');
  for (const d of [join(world.home.dir, '.ssh'), outside]) mkdirSync(d, { recursive: true });
  writeFileSync(join(world.home.dir, '.ssh', 'id_rsa'), `${SECRET}\n`, { mode: 0o600 });
  writeFileSync(join(outside, 'keep.txt'), 'outside\n');
  if (as === 'nobody') chownTree(world.dir, NOBODY);
  return Object.assign(world, { outside });
}

/** Host pids (not zombies) whose command line is exactly `argv`. */
function living(argv: string[]): number[] {
  const wanted = `${argv.join('\0')}\0`;
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        return readFileSync(`/proc/${e}/cmdline`, 'utf8') === wanted && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${e}/stat`, 'utf8'));
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe.each(['root', 'nobody'] as const)('the sandbox holds through the CLI, as %s', (as) => {
  it('every escape attempt fails, the host is unchanged, and the run finishes', async () => {
    const world = await makeWorld(as);
    let hewPid = 0;
    const probe = [
      'echo pwned > /etc/hew-pwned',
      'echo pwned > ../hew-pwned',
      `ln -s ${world.outside} planted && echo pwned > planted/pwned`,
      `cat ${world.home.dir}/.ssh/id_rsa && echo LEAK:home`,
      'cat ~/.ssh/id_rsa && echo LEAK:tilde',
      'env | grep -q sk-host-key && echo LEAK:env',
      `(exec 3<>/dev/tcp/127.0.0.1/${hostPort}) && echo LEAK:net`,
      'mount -o remount,rw / && echo LEAK:mount',
      'nohup sleep 331 >/dev/null 2>&1 &',
      'echo done-probing',
    ];
    const script = (_req: RecordedRequest, i: number): ScriptedTurn => {
      const turns: ScriptedTurn[] = [
        { outputs: [{ tool: 'shell', args: { command: probe.join('\n') } }] },
        { outputs: [{ tool: 'shell', args: { command: `kill -9 ${hewPid} && echo LEAK:kill; echo after-kill` } }] },
        { outputs: [{ tool: 'apply_patch', args: { input: `*** Begin Patch\n*** Add File: planted/evil.txt\n+evil\n*** End Patch` } }] },
        { outputs: [{ tool: 'apply_patch', args: { input: `*** Begin Patch\n*** Add File: ${world.outside}/evil2.txt\n+evil\n*** End Patch` } }] },
        { outputs: [{ text: 'I tried everything and nothing worked.' }] },
      ];
      return turns[i] ?? { outputs: [{ text: 'done' }] };
    };
    await world.serve(script);
    const before = treeFingerprint(world.repo);
    const outsideBefore = treeFingerprint(world.outside);

    const result = await world.hew(['exec', '--json', 'try to escape'], { onSpawn: (pid) => (hewPid = pid) });
    expect(result.stderr).not.toMatch(/warning/);
    expect(result.code).toBe(0);
    const events = result.events();
    const done = events.at(-1);
    expect(done?.type === 'thread.completed' && done.final_message).toBe('I tried everything and nothing worked.');

    const probed = toolOutput(world.requests[1]);
    expect(probed).toContain('done-probing');
    expect(probed).not.toContain('LEAK:');
    expect(probed).not.toContain(SECRET);
    const killed = toolOutput(world.requests[2]);
    expect(killed).toContain('after-kill');
    expect(killed).not.toContain('LEAK:kill');
    expect(toolOutput(world.requests[3])).toMatch(/symbolic link|outside/);
    expect(toolOutput(world.requests[4])).toMatch(/outside the working copy/);

    expect(existsSync('/etc/hew-pwned')).toBe(false);
    expect(existsSync(join(world.repo, '..', 'hew-pwned'))).toBe(false);
    expect(treeFingerprint(world.outside)).toBe(outsideBefore);
    expect(treeFingerprint(world.repo)).toBe(before);
    expect(living(['sleep', '331'])).toEqual([]);
  });

  it('reaches a host server only with --network', async () => {
    const world = await makeWorld(as);
    const reach = `(exec 3<>/dev/tcp/127.0.0.1/${hostPort}) && echo NET:reached || echo NET:blocked`;
    await world.serve([
      { outputs: [{ tool: 'shell', args: { command: reach } }] },
      { outputs: [{ text: 'checked' }] },
      { outputs: [{ tool: 'shell', args: { command: reach } }] },
      { outputs: [{ text: 'checked' }] },
    ]);
    const off = await world.hew(['exec', 'check the network']);
    expect(off.code).toBe(0);
    expect(toolOutput(world.requests[1])).toContain('NET:blocked');
    const on = await world.hew(['exec', '--network', 'check the network']);
    expect(on.code).toBe(0);
    expect(toolOutput(world.requests[3])).toContain('NET:reached');
  });
});
