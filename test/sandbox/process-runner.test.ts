import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runProcess } from '../../src/sandbox/process-runner.ts';
import type { RunProcessOptions } from '../../src/sandbox/process-runner.ts';
import { makeTempDir, readPid, waitGone } from './helpers.ts';

let dir: string;
let cleanup: () => void;
const spawned: number[] = [];

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
});
afterEach(() => {
  for (const pid of spawned.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  cleanup();
});

function opts(extra: Partial<RunProcessOptions> = {}): RunProcessOptions {
  return { cwd: dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, timeoutMs: 10_000, signal: new AbortController().signal, ...extra };
}

function bash(script: string, extra: Partial<RunProcessOptions> = {}) {
  return runProcess(['bash', '-c', script], opts(extra));
}

describe('runProcess', () => {
  it('reports exit codes without throwing', async () => {
    expect((await bash('exit 0')).exitCode).toBe(0);
    const r = await bash('echo out; exit 3');
    expect(r.exitCode).toBe(3);
    expect(r.output).toBe('out\n');
    expect(r.timedOut).toBe(false);
  });

  it('reports 128+signo for a process killed by a signal', async () => {
    expect((await bash('kill -TERM $$')).exitCode).toBe(143);
    expect((await bash('kill -KILL $$')).exitCode).toBe(137);
  });

  it('combines stdout and stderr in arrival order', async () => {
    const r = await bash('echo a; sleep 0.1; echo b >&2; sleep 0.1; echo c; sleep 0.1; echo d >&2');
    expect(r.output).toBe('a\nb\nc\nd\n');
  });

  it('streams output through onOutput while the command runs', async () => {
    const chunks: string[] = [];
    let resolved = false;
    let resolvedAtFirstChunk: boolean | undefined;
    const pending = bash('echo first; sleep 0.5; echo second', {
      onOutput: (chunk) => {
        resolvedAtFirstChunk ??= resolved;
        chunks.push(chunk);
      },
    }).then((r) => {
      resolved = true;
      return r;
    });
    const r = await pending;
    expect(resolvedAtFirstChunk).toBe(false);
    expect(chunks.join('')).toBe(r.output);
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(r.output).toBe('first\nsecond\n');
  });

  it('decodes UTF-8 split across chunks', async () => {
    const chunks: string[] = [];
    const r = await bash(String.raw`printf '\xc3'; sleep 0.2; printf '\xa9\n'`, { onOutput: (c) => chunks.push(c) });
    expect(r.output).toBe('é\n');
    expect(chunks.join('')).toBe('é\n');
    expect(chunks.some((c) => c.includes('\ufffd'))).toBe(false);
  });

  it('runs with stdin closed', async () => {
    const started = Date.now();
    const r = await runProcess(['cat'], opts());
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe('');
    expect((await bash('read line; echo "rc=$?"')).output).toBe('rc=1\n');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('passes exactly the given environment and cwd', async () => {
    const r = await runProcess(['bash', '-c', 'echo "$FOO|$HOME|$(pwd)"'], opts({ env: { PATH: process.env.PATH ?? '', FOO: 'bar' } }));
    expect(r.output).toBe(`bar||${dir}\n`);
  });

  it('kills the whole process group on timeout, grandchildren included', async () => {
    const inner = path.join(dir, 'inner.pid');
    const sleeper = path.join(dir, 'sleep.pid');
    const started = Date.now();
    const r = await bash(
      `bash -c 'echo $$ > ${inner}; sleep 100 & echo $! > ${sleeper}; wait; true' & echo waiting; wait`,
      { timeoutMs: 700 },
    );
    expect(Date.now() - started).toBeLessThan(8000);
    expect(r.exitCode).toBe(124);
    expect(r.timedOut).toBe(true);
    expect(r.output).toContain('waiting\n');
    expect(r.output).toContain('[hew: command timed out after 700ms; process group killed]');
    const pids = [readPid(inner), readPid(sleeper)];
    spawned.push(...pids);
    for (const pid of pids) expect(await waitGone(pid)).toBe(true);
  });

  it('escalates to SIGKILL when the group ignores SIGTERM', async () => {
    const pidFile = path.join(dir, 'stubborn.pid');
    const started = Date.now();
    const r = await bash(`trap '' TERM; sleep 100 & echo $! > ${pidFile}; wait`, { timeoutMs: 300 });
    expect(r.exitCode).toBe(124);
    expect(Date.now() - started).toBeLessThan(8000);
    const pid = readPid(pidFile);
    spawned.push(pid);
    expect(await waitGone(pid)).toBe(true);
  });

  it('does not hang when a background child keeps stdout open, and kills it', async () => {
    const pidFile = path.join(dir, 'bg.pid');
    const started = Date.now();
    const r = await bash(`sleep 60 & echo $! > ${pidFile}; echo started`, { timeoutMs: 30_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.exitCode).toBe(0);
    expect(r.timedOut).toBe(false);
    expect(r.output).toBe('started\n');
    const pid = readPid(pidFile);
    spawned.push(pid);
    expect(await waitGone(pid)).toBe(true);
  });

  it('kills the group and resolves with 130 when aborted', async () => {
    const pidFile = path.join(dir, 'child.pid');
    const controller = new AbortController();
    const pending = bash(`sleep 100 & echo $! > ${pidFile}; echo ready; wait`, {
      signal: controller.signal,
      onOutput: (chunk) => {
        if (chunk.includes('ready')) controller.abort();
      },
    });
    const r = await pending;
    expect(r.exitCode).toBe(130);
    expect(r.timedOut).toBe(false);
    expect(r.output).toContain('[hew: command interrupted; process group killed]');
    const pid = readPid(pidFile);
    spawned.push(pid);
    expect(await waitGone(pid)).toBe(true);
  });

  it('kills the group when aborted while the command is starting (before its spawn event)', async () => {
    // runProcess waits for the child's 'spawn' event before it listens for the abort; an abort that
    // lands in that wait (here: a microtask queued right after the call) must still stop the command.
    const controller = new AbortController();
    const started = performance.now();
    const running = bash('sleep 20', { signal: controller.signal });
    queueMicrotask(() => controller.abort());
    const r = await running;
    expect(r.exitCode).toBe(130);
    expect(r.output).toContain('[hew: command interrupted; process group killed]');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('does not start a command when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const marker = path.join(dir, 'ran');
    const r = await bash(`touch ${marker}`, { signal: controller.signal });
    expect(r.exitCode).toBe(130);
    expect(existsSync(marker)).toBe(false);
  });

  it('reports 127 for a missing program and 126 for a missing cwd', async () => {
    const missing = await runProcess(['hew-no-such-program-xyz'], opts());
    expect(missing.exitCode).toBe(127);
    expect(missing.output).toContain('command not found');
    const badCwd = await runProcess(['true'], opts({ cwd: path.join(dir, 'nope') }));
    expect(badCwd.exitCode).toBe(126);
    expect(badCwd.output).toContain('working directory does not exist');
  });

  it('reports 126 for a program that cannot be executed, naming why', async () => {
    const script = path.join(dir, 'not-executable.sh');
    writeFileSync(script, '#!/bin/sh\necho ran\n', { mode: 0o644 });
    const r = await runProcess([script], opts());
    expect(r.exitCode).toBe(126);
    expect(r.output).toBe(`[hew: could not start the command: ${script} (EACCES)]`);
  });

  it('reports 126 for an environment value spawn refuses (a NUL byte), and leaks no stdin descriptor', async () => {
    const r = await runProcess(['true'], opts({ env: { PATH: process.env.PATH ?? '/usr/bin:/bin', BAD: 'a\0b' }, stdin: 'input' }));
    expect(r.exitCode).toBe(126);
    expect(r.output).toContain('could not start the command: true');
    await expect(runProcess(['tr', 'a\0b'], opts())).rejects.toThrow();
  });
});
