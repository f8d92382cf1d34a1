// runHostCommand: the user's argv on the host, stdout kept apart from stderr, stdin, the user's
// environment plus HEW_HOST_COMMAND, the home directory as cwd, and every failure as a result.
import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { describeHostFailure, HOST_STDOUT_MAX_CHARS, runHostCommand } from '../../src/hooks/host-command.ts';

const sh = (script: string, ...args: string[]): string[] => ['sh', '-c', script, 'sh', ...args];

describe('runHostCommand', () => {
  it('keeps stdout apart from stderr, and combines both in output', async () => {
    const r = await runHostCommand({ argv: sh('echo out; echo err >&2; echo more'), purpose: 'approver', timeoutMs: 10_000 });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('out\nmore\n');
    expect(r.output).toContain('err');
  });

  it('gives stdin, an argument containing shell syntax as one argument, the environment and the home directory', async () => {
    const r = await runHostCommand({
      argv: sh('cat; printf "[%s]" "$1"; printf "%s|%s|%s" "$HEW_HOST_COMMAND" "$PWD" "$MARK"', '$(touch /tmp/hew-pwned); `id`'),
      purpose: 'notify',
      stdin: '{"a":1}',
      timeoutMs: 10_000,
      env: { ...process.env, MARK: 'kept' },
    });
    expect(r.stdout).toBe(`{"a":1}[$(touch /tmp/hew-pwned); \`id\`]notify|${homedir()}|kept`);
  });

  it('reports a program that is not there as 127, never throwing', async () => {
    const r = await runHostCommand({ argv: ['/nonexistent/hew-notify'], purpose: 'notify', timeoutMs: 10_000 });
    expect(r.exitCode).toBe(127);
    expect(describeHostFailure('notify', ['/nonexistent/hew-notify'], r)).toMatch(/^the notify command `\/nonexistent\/hew-notify` exited with code 127: .*not found/);
  });

  it('kills a command that runs past its timeout, with its children', async () => {
    const r = await runHostCommand({ argv: sh('sleep 30 & sleep 30'), purpose: 'approver', timeoutMs: 200 });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBe(124);
    expect(describeHostFailure('approver', ['sh'], r)).toContain('timed out after');
  });

  it('stops at an abort', async () => {
    const abort = new AbortController();
    const running = runHostCommand({ argv: sh('echo started; sleep 30'), purpose: 'approver', timeoutMs: 60_000, signal: abort.signal });
    setTimeout(() => abort.abort(), 100);
    expect((await running).exitCode).toBe(130);
  });

  it('bounds stdout', async () => {
    const r = await runHostCommand({ argv: sh('head -c 200000 /dev/zero | tr "\\0" x'), purpose: 'approver', timeoutMs: 10_000 });
    expect(r.stdout.length).toBe(HOST_STDOUT_MAX_CHARS);
  });

  it('refuses an empty argv or a NUL byte without running anything', async () => {
    expect((await runHostCommand({ argv: [], purpose: 'notify', timeoutMs: 1000 })).exitCode).toBe(127);
    expect((await runHostCommand({ argv: ['echo', 'a\0b'], purpose: 'notify', timeoutMs: 1000 })).exitCode).toBe(126);
  });
});
