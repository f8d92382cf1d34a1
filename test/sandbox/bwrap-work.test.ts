// Normal work under the real bubblewrap sandbox (as root and as nobody): writing in the copy, git,
// a private /tmp, exit codes and timeouts like the none sandbox, the network switch with a real
// server on the host's 127.0.0.1, loopback inside, and nothing left running after a command.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBwrapSandbox, type BwrapOptions } from '../../src/sandbox/bwrap.ts';
import { livingAfter, livingWithArgs } from '../support/processes.ts';
import { makeRunner, makeWorld, worldEnv, type RunAs, type Runner, type World } from './bwrap-fixture.ts';

const rand = (): string => Math.random().toString(36).slice(2, 10);
const uniqueSleep = (): string => `${300 + Math.floor(Math.random() * 600)}.${Math.floor(Math.random() * 1e6)}`;

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((_req, res) => res.end('host-server-reply'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

/** Waits (up to 20 s: generous for a loaded machine) until no host process runs `sleep SECONDS`. */
async function allGone(sleepArg: string): Promise<boolean> {
  return (await livingAfter(['sleep', sleepArg], 20_000)).length === 0;
}

describe.each<RunAs>(['root', 'nobody'])('bwrap sandbox work, as %s', (as) => {
  let w: World;
  let sb: Runner;
  let opts: BwrapOptions;
  beforeAll(() => {
    w = makeWorld(as);
    opts = { mode: 'workspace-write', network: false, copyRoot: w.copy, visibleRoot: w.repo, env: worldEnv(w) };
    sb = makeRunner(as, opts);
  });
  afterAll(() => w.cleanup());

  it('writes in the copy land in the copy on the host; git works there', async () => {
    const r = await sb.run({ command: 'echo edited > f.txt && mkdir -p new/dir && echo n > new/dir/n.txt && git status --porcelain', cwd: w.copy });
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe(' M f.txt\n?? new/\n');
    expect(readFileSync(path.join(w.copy, 'f.txt'), 'utf8')).toBe('edited\n');
    expect(readFileSync(path.join(w.copy, 'new/dir/n.txt'), 'utf8')).toBe('n\n');
    expect(readFileSync(path.join(w.repo, 'f.txt'), 'utf8')).toBe('user\n');
  });

  it('has a writable /tmp that is private (not the host /tmp)', async () => {
    const hostFile = `/tmp/hew-host-${rand()}`;
    writeFileSync(hostFile, 'host');
    const inside = `/tmp/hew-inside-${rand()}`;
    const r = await sb.run({ command: `echo x > ${inside} && cat ${inside} && echo TMPDIR=$TMPDIR; test -e ${hostFile} && echo SEES-HOST-TMP; echo done`, cwd: w.copy });
    expect(r.output).toBe('x\nTMPDIR=/tmp\ndone\n');
    expect(existsSync(inside)).toBe(false);
  });

  it('reports exit codes, signals, missing commands and a bad cwd like the none sandbox', async () => {
    expect((await sb.run({ command: 'exit 7', cwd: w.copy })).exitCode).toBe(7);
    expect((await sb.run({ command: 'kill -9 $$', cwd: w.copy })).exitCode).toBe(137);
    const missing = await sb.run({ command: 'definitely-not-a-command-hew', cwd: w.copy });
    expect(missing.exitCode).toBe(127);
    expect(missing.output).toContain('command not found');
    const argv = await sb.run({ command: ['printf', '%s|', 'a b', '$HOME'], cwd: path.join(w.copy, 'sub') });
    expect(argv.output).toBe('a b|$HOME|');
  });

  it('times out with 124 and kills the whole sandbox, background jobs included', async () => {
    const s1 = uniqueSleep();
    const s2 = uniqueSleep();
    const t0 = Date.now();
    const r = await sb.run({ command: `sleep ${s1} & setsid sleep ${s2} & sleep 60`, cwd: w.copy, timeoutMs: 500 });
    expect(r.exitCode).toBe(124);
    expect(r.timedOut).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(await allGone(s1)).toBe(true);
    expect(await allGone(s2)).toBe(true);
  });

  it('an abort kills the sandbox with 130', async () => {
    const s1 = uniqueSleep();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const r = await sb.run({ command: `sleep ${s1}`, cwd: w.copy }, ac.signal);
    expect(r.exitCode).toBe(130);
    expect(await allGone(s1)).toBe(true);
  });

  it('an abort while bwrap is still starting kills the command too (an editor cancels at once)', async () => {
    // bwrap's pid-namespace init must stay in the process group runProcess kills: with
    // `--new-session` it left the group, and an abort in bwrap's first milliseconds (before its
    // --die-with-parent was armed) left the command running for its whole life.
    const sleeps: string[] = [];
    for (let delay = 0; delay < 16; delay += 1) {
      const s = uniqueSleep();
      sleeps.push(s);
      const ac = new AbortController();
      setTimeout(() => ac.abort(), delay);
      const r = await sb.run({ command: `sleep ${s}`, cwd: w.copy }, ac.signal);
      expect(r.exitCode).toBe(130);
    }
    for (const s of sleeps) expect(await allGone(s), `sleep ${s} outlived its abort`).toBe(true);
  });

  it('has no controlling terminal, so nothing inside can type into one (TIOCSTI)', async () => {
    const r = await sb.run({ command: 'exec 3</dev/tty && echo opened || echo no-tty', cwd: w.copy });
    expect(r.output).toContain('no-tty');
    expect(r.output).not.toContain('opened');
  });

  it('leaves no daemon behind after a command ends (nohup, setsid, double fork)', async () => {
    const s1 = uniqueSleep();
    const s2 = uniqueSleep();
    const s3 = uniqueSleep();
    const r = await sb.run({
      command: `nohup sleep ${s1} >/dev/null 2>&1 & setsid sleep ${s2} >/dev/null 2>&1 < /dev/null & (sleep ${s3} &) ; echo started`,
      cwd: w.copy,
    });
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe('started\n');
    for (const s of [s1, s2, s3]) expect(await allGone(s)).toBe(true);
  });

  it('cannot reach a server on the host 127.0.0.1 without network', async () => {
    const r = await sb.run({ command: `curl -sS --max-time 3 http://127.0.0.1:${port}/; echo "curl=$?"; (exec 3<>/dev/tcp/127.0.0.1/${port}) && echo TCP-OPEN`, cwd: w.copy });
    expect(r.output).not.toContain('host-server-reply');
    expect(r.output).not.toContain('TCP-OPEN');
    expect(r.output).toMatch(/curl=(7|28)/);
  });

  it('reaches it when the sandbox allows network, or when one command is allowed it', async () => {
    const netSandbox = makeRunner(as, { ...opts, network: true });
    const a = await netSandbox.run({ command: `curl -sS --max-time 5 http://127.0.0.1:${port}/`, cwd: w.copy });
    expect(a.output).toBe('host-server-reply');
    const b = await sb.run({ command: `curl -sS --max-time 5 http://127.0.0.1:${port}/`, cwd: w.copy, network: true });
    expect(b.output).toBe('host-server-reply');
    const c = await sb.run({ command: `curl -sS --max-time 3 http://127.0.0.1:${port}/`, cwd: w.copy });
    expect(c.output).not.toContain('host-server-reply');
  });

  it('loopback works inside without network: a server started inside is reachable inside', async () => {
    const script =
      "const s=require('http').createServer((q,r)=>r.end('inside-reply')).listen(0,'127.0.0.1',async()=>{" +
      "const r=await fetch('http://127.0.0.1:'+s.address().port+'/');console.log(await r.text());s.close()})";
    const r = await sb.run({ command: ['node', '-e', script], cwd: w.copy });
    expect(r.output).toBe('inside-reply\n');
    expect(r.exitCode).toBe(0);
  });
});

describe('bwrap sandbox and its parent', () => {
  it('dies with the process that started it, even when that process is killed with SIGKILL', async () => {
    const w = makeWorld('root');
    const s1 = uniqueSleep();
    try {
      const script =
        `import(${JSON.stringify(pathToFileURL(path.resolve('src/sandbox/bwrap.ts')).href)}).then((m) => ` +
        `m.createBwrapSandbox(${JSON.stringify({ mode: 'workspace-write', network: false, copyRoot: w.copy, visibleRoot: w.repo })})` +
        `.run({ command: ['sleep', '${s1}'], cwd: ${JSON.stringify(w.copy)}, timeoutMs: 600000 }, new AbortController().signal))`;
      const parent = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
      const deadline = Date.now() + 60_000;
      while (livingWithArgs(['sleep', s1]).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(livingWithArgs(['sleep', s1]).length).toBe(1);
      parent.kill('SIGKILL');
      expect(await allGone(s1)).toBe(true);
    } finally {
      w.cleanup();
    }
  });
});

describe('bwrap sandbox object', () => {
  it('reports its kind, mode and network, and refuses a cwd outside the copy', async () => {
    const w = makeWorld('root');
    try {
      const sandbox = createBwrapSandbox({ mode: 'read-only', network: true, copyRoot: w.copy, visibleRoot: w.repo, env: worldEnv(w) });
      expect([sandbox.kind, sandbox.mode, sandbox.network]).toEqual(['bwrap', 'read-only', true]);
      const r = await sandbox.run({ command: 'true', cwd: w.home, timeoutMs: 5000 }, new AbortController().signal);
      expect(r.exitCode).toBe(126);
      expect(r.output).toContain('outside the working copy');
      // A cwd given as the visible (user) path is mapped to the copy.
      const v = await sandbox.run({ command: 'pwd; cat f.txt', cwd: w.repo, timeoutMs: 5000 }, new AbortController().signal);
      expect(v.output).toBe(`${w.repo}\ncopy\n`);
    } finally {
      w.cleanup();
    }
  });

  it('streams output as it arrives', async () => {
    const w = makeWorld('root');
    try {
      const sandbox = createBwrapSandbox({ mode: 'workspace-write', network: false, copyRoot: w.copy, visibleRoot: w.repo, env: worldEnv(w) });
      const chunks: string[] = [];
      const r = await sandbox.run({ command: 'echo one; sleep 0.2; echo two', cwd: w.copy, timeoutMs: 5000, onOutput: (c) => chunks.push(c) }, new AbortController().signal);
      expect(r.output).toBe('one\ntwo\n');
      expect(chunks.length).toBeGreaterThanOrEqual(2);
      expect(chunks[0]).toBe('one\n');
    } finally {
      w.cleanup();
    }
  });
});

