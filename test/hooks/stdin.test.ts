// CommandSpec.stdin: the text reaches the command's stdin (which is then closed), directly through
// runProcess, through the none sandbox and through the real bubblewrap sandbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBwrapSandbox } from '../../src/sandbox/bwrap.ts';
import { createNoneSandbox } from '../../src/sandbox/none.ts';
import { runProcess } from '../../src/sandbox/process-runner.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'hew-stdin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const signal = (): AbortSignal => new AbortController().signal;
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

describe('stdin for commands', () => {
  it('runProcess pipes the text and closes stdin (cat ends)', async () => {
    const r = await runProcess(['bash', '-c', 'cat; echo "[eof]"'], { cwd: dir, env, timeoutMs: 10_000, signal: signal(), stdin: 'héllo\nworld' });
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe('héllo\nworld[eof]\n');
  });

  it('without stdin, stdin is closed at once', async () => {
    const r = await runProcess(['bash', '-c', 'wc -c'], { cwd: dir, env, timeoutMs: 10_000, signal: signal() });
    expect(r.output.trim()).toBe('0');
  });

  it('a command that never reads a large stdin still reports its exit code', async () => {
    const r = await runProcess(['bash', '-c', 'echo no-read; exit 3'], { cwd: dir, env, timeoutMs: 10_000, signal: signal(), stdin: 'x'.repeat(1 << 20) });
    expect(r.exitCode).toBe(3);
    expect(r.output).toContain('no-read');
  });

  it('the none sandbox passes stdin on', async () => {
    const sandbox = createNoneSandbox();
    const r = await sandbox.run({ command: 'tr a-z A-Z', cwd: dir, timeoutMs: 10_000, stdin: '{"hook":"x"}' }, signal());
    expect(r.output).toBe('{"HOOK":"X"}');
  });

  it('the bubblewrap sandbox passes stdin on', async () => {
    const sandbox = createBwrapSandbox({ mode: 'workspace-write', network: false, copyRoot: dir, visibleRoot: dir });
    const r = await sandbox.run({ command: 'cat > got.json && cat got.json && echo " inside"', cwd: dir, timeoutMs: 10_000, stdin: '{"a":1}' }, signal());
    expect(r.output).toBe('{"a":1} inside\n');
    expect(r.exitCode).toBe(0);
  });
});
