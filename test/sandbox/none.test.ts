import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNoneSandbox } from '../../src/sandbox/none.ts';
import { makeTempDir } from './helpers.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => cleanup());

describe('none sandbox', () => {
  const sandbox = createNoneSandbox({
    env: { ...process.env, FOO_API_KEY: 'leak-me', GITHUB_TOKEN: 'leak-me-too', MY_VAR: 'visible' },
  });

  it('reports its kind and mode', () => {
    expect(sandbox.kind).toBe('none');
    expect(sandbox.mode).toBe('danger-full-access');
    expect(createNoneSandbox({ mode: 'workspace-write' }).mode).toBe('workspace-write');
  });

  it('runs a script with bash -c in a environment without secrets, made non-interactive', async () => {
    const r = await sandbox.run({ command: 'env; shopt -q login_shell && echo LOGIN || echo NOLOGIN', cwd: dir, timeoutMs: 10_000, env: { EXTRA: 'yes' } }, new AbortController().signal);
    expect(r.exitCode).toBe(0);
    expect(r.output).not.toContain('leak-me');
    expect(r.output).toContain('MY_VAR=visible\n');
    expect(r.output).toContain('PAGER=cat\n');
    expect(r.output).toContain('GIT_TERMINAL_PROMPT=0\n');
    expect(r.output).toContain('EXTRA=yes\n');
    expect(r.output).toContain('NOLOGIN\n');
  });

  it('runs an argv as given, without a shell', async () => {
    const r = await sandbox.run({ command: ['printf', '%s|', 'a b', '$HOME'], cwd: dir, timeoutMs: 10_000 }, new AbortController().signal);
    expect(r.output).toBe('a b|$HOME|');
  });

  it('times out with exit code 124', async () => {
    const r = await sandbox.run({ command: 'sleep 30', cwd: dir, timeoutMs: 300 }, new AbortController().signal);
    expect(r.exitCode).toBe(124);
    expect(r.timedOut).toBe(true);
  });
});
