// Picking the sandbox for a run: bwrap when it works, `none` for danger-full-access, and `none` with
// the requested mode kept plus a warning when no sandbox is usable (here: a bwrap path that does not exist).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectSandbox, type SandboxSetup } from '../../src/sandbox/select.ts';
import { makeWorld, worldEnv, type World } from './bwrap-fixture.ts';

let w: World;
let setup: SandboxSetup;
beforeAll(() => {
  w = makeWorld('root');
  setup = { mode: 'workspace-write', network: false, copyRoot: w.copy, visibleRoot: w.repo, env: worldEnv(w) };
});
afterAll(() => w.cleanup());

const signal = new AbortController().signal;

describe('selectSandbox', () => {
  it('uses bwrap when the probe works; commands see the copy at the repository path', async () => {
    const choice = await selectSandbox(setup);
    expect(choice.warning).toBeNull();
    expect(choice.probe.ok).toBe(true);
    expect([choice.sandbox.kind, choice.sandbox.mode, choice.sandbox.network]).toEqual(['bwrap', 'workspace-write', false]);
    const r = await choice.sandbox.run({ command: 'pwd; cat f.txt; echo "$OPENAI_API_KEY"', cwd: w.copy, timeoutMs: 10_000 }, signal);
    expect(r.output).toBe(`${w.repo}\ncopy\n\n`);
  });

  it('keeps read-only mode', async () => {
    const choice = await selectSandbox({ ...setup, mode: 'read-only' });
    expect([choice.sandbox.kind, choice.sandbox.mode]).toEqual(['bwrap', 'read-only']);
    const r = await choice.sandbox.run({ command: 'touch x', cwd: w.copy, timeoutMs: 10_000 }, signal);
    expect(r.exitCode).not.toBe(0);
  });

  it('danger-full-access runs with no sandbox', async () => {
    const choice = await selectSandbox({ ...setup, mode: 'danger-full-access' });
    expect([choice.sandbox.kind, choice.sandbox.mode, choice.sandbox.network]).toEqual(['none', 'danger-full-access', true]);
    expect(choice.warning).toBeNull();
    const r = await choice.sandbox.run({ command: 'pwd', cwd: w.copy, timeoutMs: 10_000 }, signal);
    expect(r.output).toBe(`${w.copy}\n`);
  });

  it('without a usable sandbox: none, the mode kept, and a warning with the reason and fix', async () => {
    const choice = await selectSandbox({ ...setup, bwrapPath: '/nonexistent/bin/bwrap' });
    expect(choice.probe.ok).toBe(false);
    expect([choice.sandbox.kind, choice.sandbox.mode, choice.sandbox.network]).toEqual(['none', 'workspace-write', true]);
    expect(choice.warning).toContain('bubblewrap (bwrap) is not installed');
    expect(choice.warning).toContain('need your approval');
    expect(choice.warning).toContain('sudo apt-get install bubblewrap');
    expect(choice.warning).toContain('hew doctor');
  });

  it('unsandboxed always runs on the host in the copy’s host paths, with the scrubbed environment', async () => {
    for (const s of [setup, { ...setup, bwrapPath: '/nonexistent/bin/bwrap' }]) {
      const { unsandboxed } = await selectSandbox(s);
      expect([unsandboxed.kind, unsandboxed.mode]).toEqual(['none', 'danger-full-access']);
      const r = await unsandboxed.run({ command: 'pwd; echo "[$OPENAI_API_KEY]"; test -e ~/.ssh/id_rsa && echo HOST-HOME', cwd: w.copy, timeoutMs: 10_000 }, signal);
      expect(r.output).toBe(`${w.copy}\n[]\nHOST-HOME\n`);
    }
  });
});
