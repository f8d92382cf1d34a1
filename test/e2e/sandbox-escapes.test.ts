// End to end, through the built CLI as root and as an ordinary user (nobody): a model that tries to
// break out of the sandbox fails at every attempt, the host is unchanged, and the run still finishes.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { chownTree, NOBODY, runCliAs, userWorld, type As, type CliResult, type UserWorld } from '../support/as-user.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer, RecordedRequest, ScriptedTurn } from '../support/model-server.ts';

const SECRET = 'HOST-SECRET-5be1';

/** A place outside /tmp (which the sandbox replaces anyway), so hiding $HOME and `..` is really tested. */
const base = mkdtempSync('/opt/hew-e2e-');
let hostServer: ReturnType<typeof createServer>;
let hostPort = 0;

beforeAll(async () => {
  chmodSync(base, 0o755);
  hostServer = createServer((_req, res) => res.end('host-only'));
  await new Promise<void>((resolve) => hostServer.listen(0, '127.0.0.1', resolve));
  hostPort = (hostServer.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => hostServer.close(resolve));
  rmSync(base, { recursive: true, force: true });
});

interface World extends UserWorld {
  outside: string;
}

/** A user's world with a secret in ~/.ssh, a directory outside the repository, and a recognisable API key. */
function makeWorld(as: As, name: string): World {
  const world = userWorld(as, base, name);
  const outside = join(world.dir, 'outside');
  for (const d of [join(world.home, '.ssh'), outside]) mkdirSync(d, { recursive: true });
  writeFileSync(join(world.home, '.ssh', 'id_rsa'), `${SECRET}\n`, { mode: 0o600 });
  writeFileSync(join(outside, 'keep.txt'), 'outside\n');
  if (as === 'nobody') chownTree(world.dir, NOBODY);
  return { ...world, outside, env: { ...world.env, OPENAI_API_KEY: 'sk-host-key-9f2c' } };
}

function runCli(as: As, args: string[], world: World, onPid: (pid: number) => void): Promise<CliResult> {
  return runCliAs(as, base, args, world.repo, world.env, { timeoutMs: 60_000, onPid });
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

function outputOf(req: RecordedRequest | undefined): string {
  const input = (req?.body.input ?? []) as { type: string; output?: string }[];
  return input.filter((i) => i.type === 'function_call_output').at(-1)?.output ?? '';
}

describe.each(['root', 'nobody'] as const)('the sandbox holds through the CLI, as %s', (as) => {
  let server: ModelServer;
  afterAll(async () => server?.close());

  it('every escape attempt fails, the host is unchanged, and the run finishes', async () => {
    const world = makeWorld(as, 'escape');
    let hewPid = 0;
    const probe = [
      'echo pwned > /etc/hew-pwned',
      'echo pwned > ../hew-pwned',
      `ln -s ${world.outside} planted && echo pwned > planted/pwned`,
      `cat ${world.home}/.ssh/id_rsa && echo LEAK:home`,
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
    server = await startModelServer(script);
    world.env.OPENAI_BASE_URL = server.url;
    const before = treeFingerprint(world.repo);
    const outsideBefore = treeFingerprint(world.outside);

    const result = await runCli(as, ['exec', '--json', 'try to escape'], world, (pid) => (hewPid = pid));
    expect(result.stderr).not.toMatch(/warning/);
    expect(result.code).toBe(0);
    const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as StampedEvent);
    const done = events.at(-1);
    expect(done?.type === 'thread.completed' && done.final_message).toBe('I tried everything and nothing worked.');

    const probed = outputOf(server.requests[1]);
    expect(probed).toContain('done-probing');
    expect(probed).not.toContain('LEAK:');
    expect(probed).not.toContain(SECRET);
    const killed = outputOf(server.requests[2]);
    expect(killed).toContain('after-kill');
    expect(killed).not.toContain('LEAK:kill');
    expect(outputOf(server.requests[3])).toMatch(/symbolic link|outside/);
    expect(outputOf(server.requests[4])).toMatch(/outside the working copy/);

    expect(existsSync('/etc/hew-pwned')).toBe(false);
    expect(existsSync(join(world.repo, '..', 'hew-pwned'))).toBe(false);
    expect(treeFingerprint(world.outside)).toBe(outsideBefore);
    expect(treeFingerprint(world.repo)).toBe(before);
    expect(living(['sleep', '331'])).toEqual([]);
  });

  it('reaches a host server only with --network', async () => {
    const world = makeWorld(as, 'net');
    const reach = `(exec 3<>/dev/tcp/127.0.0.1/${hostPort}) && echo NET:reached || echo NET:blocked`;
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: reach } }] },
      { outputs: [{ text: 'checked' }] },
      { outputs: [{ tool: 'shell', args: { command: reach } }] },
      { outputs: [{ text: 'checked' }] },
    ]);
    world.env.OPENAI_BASE_URL = server.url;
    const off = await runCli(as, ['exec', 'check the network'], world, () => undefined);
    expect(off.code).toBe(0);
    expect(outputOf(server.requests[1])).toContain('NET:blocked');
    const on = await runCli(as, ['exec', '--network', 'check the network'], world, () => undefined);
    expect(on.code).toBe(0);
    expect(outputOf(server.requests[3])).toContain('NET:reached');
  });
});
