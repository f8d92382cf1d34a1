import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { displayCommand, normalizeCommand, shellTool } from '../../src/tools/shell.ts';
import { makeTempDir } from '../sandbox/helpers.ts';
import { makeContext } from './context.ts';
import type { TestContext } from './context.ts';

let t: TestContext;
beforeEach(() => {
  t = makeContext();
});
afterEach(() => t.cleanup());

function run(args: Parameters<typeof shellTool.run>[0]) {
  return shellTool.run(shellTool.schema.parse(args), t.ctx);
}

describe('shell tool', () => {
  it('runs a string as a bash script and reports in Codex format', async () => {
    const outcome = await run({ command: 'echo hello; echo oops >&2' });
    expect(outcome.status).toBe('completed');
    expect(outcome.output).toMatch(/^Exit code: 0\nWall time: \d+\.\d seconds\nOutput:\nhello\noops\n$/);
    expect(outcome.item).toMatchObject({ type: 'command_execution', command: 'echo hello; echo oops >&2', cwd: t.root, exit_code: 0, aggregated_output: 'hello\noops\n' });
    expect(t.streamed.join('')).toBe('hello\noops\n');
    expect(t.logged).toEqual(['hello\noops\n']);
  });

  it('runs an argv without a shell', async () => {
    const outcome = await run({ command: ['printf', '%s|', 'a b', '$HOME'] });
    expect(outcome.output.endsWith('Output:\na b|$HOME|')).toBe(true);
    expect(outcome.item).toMatchObject({ command: "printf '%s|' 'a b' '$HOME'" });
  });

  it('unwraps bash -lc into a non-login bash -c script', async () => {
    const script = 'shopt -q login_shell && echo LOGIN || echo NOLOGIN';
    const outcome = await run({ command: ['bash', '-lc', script] });
    expect(outcome.output).toContain('Output:\nNOLOGIN\n');
    expect(outcome.item).toMatchObject({ command: script });
    expect(normalizeCommand(['/bin/sh', '-c', 'ls'])).toBe('ls');
    expect(normalizeCommand(['bash', '-c', 'ls'])).toBe('ls');
    expect(normalizeCommand(['python3', '-c', 'print(1)'])).toEqual(['python3', '-c', 'print(1)']);
    expect(displayCommand(['rg', '-n', 'a b'])).toBe("rg -n 'a b'");
  });

  it('reports a failing command as failed with its exit code', async () => {
    const outcome = await run({ command: 'echo before; exit 3' });
    expect(outcome.status).toBe('failed');
    expect(outcome.output).toMatch(/^Exit code: 3\n/);
    expect(outcome.item).toMatchObject({ exit_code: 3 });
  });

  it('runs in workdir, relative or absolute inside the root', async () => {
    mkdirSync(path.join(t.root, 'sub', 'deeper'), { recursive: true });
    const rel = await run({ command: 'pwd', workdir: 'sub' });
    expect(rel.output).toContain(`Output:\n${path.join(t.root, 'sub')}\n`);
    expect(rel.item).toMatchObject({ cwd: path.join(t.root, 'sub') });
    const abs = await run({ command: 'pwd', workdir: path.join(t.root, 'sub', 'deeper') });
    expect(abs.output).toContain(`Output:\n${path.join(t.root, 'sub', 'deeper')}\n`);
  });

  it('refuses a workdir outside the root, also through a symlink', async () => {
    const outside = makeTempDir('hew-outside-');
    try {
      symlinkSync(outside.dir, path.join(t.root, 'escape'));
      for (const workdir of ['..', '/etc', 'escape']) {
        const outcome = await run({ command: 'touch marker', workdir });
        expect(outcome.status, workdir).toBe('failed');
        expect(outcome.output, workdir).toMatch(/^workdir refused: .*outside the working copy/);
      }
    } finally {
      outside.cleanup();
    }
  });

  it('reports a timeout as exit code 124 to the model', async () => {
    const outcome = await run({ command: 'echo start; sleep 20', timeout_ms: 400 });
    expect(outcome.status).toBe('failed');
    expect(outcome.output).toMatch(/^Exit code: 124\n/);
    expect(outcome.output).toContain('start\n[hew: command timed out after 400ms; process group killed]');
  });

  it('uses the context default timeout when none is given', async () => {
    const short = makeContext({ defaultTimeoutMs: 300 });
    try {
      const outcome = await shellTool.run({ command: 'sleep 20' }, short.ctx);
      expect(outcome.output).toMatch(/^Exit code: 124\n/);
    } finally {
      short.cleanup();
    }
  });

  it('caps long output and strips ANSI for the model, logging the full output', async () => {
    const outcome = await run({ command: String.raw`printf '\033[31mred\033[0m\n'; seq 1 50000` });
    expect(outcome.output).toContain('Output:\nred\n1\n2\n');
    expect(outcome.output).toContain('elided; the full output is in the run log');
    expect(outcome.output.endsWith('50000\n')).toBe(true);
    expect(outcome.output.length).toBeLessThan(12_000);
    expect(t.logged[0]).toContain('\u001b[31m');
    expect(t.logged[0]?.split('\n')).toContain('25000');
  });

  it('begins with an in-progress item', () => {
    expect(shellTool.begin({ command: ['bash', '-lc', 'ls'], workdir: 'src' }, t.ctx)).toEqual({
      type: 'command_execution', command: 'ls', cwd: path.join(t.root, 'src'), exit_code: null, aggregated_output: '', duration_ms: null,
    });
  });
});
