// The sandbox probe against the real bwrap: it works here, it is cached, a missing bwrap and a real
// user-namespace failure (bwrap nested in a sandbox made with --disable-userns) get a reason and a fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBwrap } from '../../src/sandbox/bwrap.ts';
import { probeSandbox, type SandboxProbe } from '../../src/sandbox/probe.ts';
import { runProcess } from '../../src/sandbox/process-runner.ts';
import { ROOT } from '../support/fixtures.ts';
import { makeWorld, type World } from './bwrap-fixture.ts';

describe('probeSandbox on this Linux machine', () => {
  it('finds a working bwrap and caches the answer', async () => {
    const first = probeSandbox();
    const probe = await first;
    expect(probe).toMatchObject({ ok: true, kind: 'bwrap' });
    if (probe.ok) expect(probe.detail).toContain('bwrap works');
    expect(probeSandbox()).toBe(first); // the same promise: probed once per process
  });

  it('says how to install bubblewrap when it is missing', async () => {
    const probe = await probeSandbox({ bwrapPath: '/nonexistent/bin/bwrap' });
    expect(probe.ok).toBe(false);
    if (probe.ok) return;
    expect(probe.kind).toBe('bwrap');
    expect(probe.reason).toContain('not installed');
    expect(probe.fix).toContain('sudo apt-get install bubblewrap');
    expect(probe.fix).toContain('dnf');
    expect(probe.fix).toContain('pacman');
    const onPath = await probeSandbox({ pathVar: '/nonexistent' });
    expect(onPath.ok).toBe(false);
  });

  it('reports no sandbox on other platforms', async () => {
    const probe = await probeSandbox({ platform: 'win32' });
    expect(probe).toMatchObject({ ok: false, kind: 'none' });
    if (!probe.ok) expect(probe.reason).toContain('win32');
  });
});

describe('probeSandbox where user namespaces are unavailable', () => {
  let w: World;
  beforeAll(() => {
    w = makeWorld('root');
  });
  afterAll(() => w.cleanup());

  it('explains the failure with bwrap’s own message and a fix', async () => {
    // Run the probe inside a bwrap sandbox that forbids further user namespaces: a real failure.
    // The checkout may live under a hidden place (CI clones under /tmp): keep it readable.
    const prepared = prepareBwrap({ mode: 'read-only', network: false, copyRoot: w.copy, visibleRoot: w.repo, env: { PATH: w.pathVar, HOME: w.home }, readOnlyPaths: [ROOT] });
    const script = `import(${JSON.stringify(`${ROOT}src/sandbox/probe.ts`)}).then(async (m) => console.log(JSON.stringify(await m.probeSandbox())))`;
    const inv = prepared.invocation({ command: ['node', '-e', script], cwd: w.copy });
    const argv = [inv.argv[0] as string, '--disable-userns', ...inv.argv.slice(1)];
    const r = await runProcess(argv, { cwd: inv.hostCwd, env: {}, timeoutMs: 20_000, signal: new AbortController().signal });
    expect(r.exitCode).toBe(0);
    const probe = JSON.parse(r.output.trim().split('\n').at(-1) as string) as SandboxProbe;
    expect(probe.ok).toBe(false);
    if (probe.ok) return;
    expect(probe.kind).toBe('bwrap');
    expect(probe.reason).toContain('bwrap said: bwrap: Creating new namespace failed');
    expect(probe.fix).toContain('user.max_user_namespaces');
  });
});
