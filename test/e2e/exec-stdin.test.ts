// End to end: `cat error.log | hew exec "fix this error"` — input piped (a shell pipe or a `< file`
// redirect) beside a prompt argument reaches the model as a `<stdin>` block after the prompt, bounded
// (an endless producer is cut at the limit and the run goes on), and is noted on thread.started.stdin
// and stderr. A closed stdin, /dev/null and a socket left open (how programs spawn children) add no
// block and never make exec wait; `hew exec -` still reads the prompt itself from stdin.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { STDIN_MAX_BYTES } from '../../src/cli/stdin-block.ts';
import { ROOT, tempDir } from '../support/fixtures.ts';
import { runHew } from '../support/hew-cli.ts';
import type { ModelServer } from '../support/model-server.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

const ANSWER = 'The error is a missing semicolon.';

/** A world whose model answers ANSWER, and the whole environment a shell pipe runs hew with. */
async function setup() {
  const world = await hewWorld().withScript([{ outputs: [{ text: ANSWER }] }]).build();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, NO_COLOR: '1', ...world.env })) if (v !== undefined) env[k] = v;
  return { server: world.server!, env, repo: world.repo };
}

/** Runs `sh -c "SHELL_STDIN node bin/hew exec --json ARGS"`: a real shell pipe, redirect or closed fd. */
function viaShell(stdinPart: string, args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const script = stdinPart.replace('HEW', `'${process.execPath}' '${join(ROOT, 'bin/hew')}' exec --json ${quoted}`);
    const child = spawn('sh', ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sh -c ${script} did not finish\n${stderr}`));
    }, 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function started(stdout: string) {
  const first = JSON.parse(stdout.split('\n')[0] ?? '') as StampedEvent;
  if (first.type !== 'thread.started') throw new Error(`first event is ${first.type}`);
  return first;
}

function userText(server: ModelServer): string {
  const input = (server.requests[0]?.body.input ?? []) as { type: string; role?: string; content?: unknown }[];
  return input.filter((i) => i.type === 'message' && i.role === 'user').map((i) => (typeof i.content === 'string' ? i.content : JSON.stringify(i.content))).join('\n');
}

describe('hew exec with a prompt and piped stdin', () => {
  it('a shell pipe is appended as a <stdin> block and noted on thread.started', async () => {
    const { server, env, repo } = await setup();
    const log = join(tempDir(), 'error.log');
    const text = 'TypeError: x is undefined\n    at main (src/date.js:3:7)\n';
    writeFileSync(log, text);
    const r = await viaShell(`cat '${log}' | HEW`, ['fix this error'], repo, env);
    expect(r.code, r.stderr).toBe(0);
    expect(userText(server)).toContain('fix this error\n\n<stdin>\nTypeError: x is undefined\n    at main (src/date.js:3:7)\n</stdin>');
    expect(started(r.stdout).stdin).toEqual({ bytes: Buffer.byteLength(text), truncated: false });
    expect(r.stderr).toContain(`hew: attached ${Buffer.byteLength(text)} bytes of stdin to the prompt\n`);
  });

  it('a secret in the input is redacted like one in the prompt, before the model and the events', async () => {
    const { server, env, repo } = await setup();
    const token = `ghp_${'a1B2c3D4e5'.repeat(4).slice(0, 36)}`;
    const r = await viaShell(`printf 'auth failed with %s\\n' '${token}' | HEW`, ['fix this error'], repo, env);
    expect(r.code, r.stderr).toBe(0);
    expect(userText(server)).toContain('<stdin>\nauth failed with [REDACTED]\n</stdin>');
    expect(JSON.stringify(server.requests)).not.toContain(token);
    expect(r.stdout).not.toContain(token);
  });

  it('a redirected file is attached too', async () => {
    const { server, env, repo } = await setup();
    const log = join(tempDir(), 'error.log');
    writeFileSync(log, 'boom');
    const r = await viaShell(`HEW < '${log}'`, ['fix this error'], repo, env);
    expect(r.code, r.stderr).toBe(0);
    expect(userText(server)).toContain('fix this error\n\n<stdin>\nboom\n</stdin>');
    expect(started(r.stdout).stdin).toEqual({ bytes: 4, truncated: false });
  });

  it('an endless producer is cut at the limit, the block says so, and the run goes on', async () => {
    const { server, env, repo } = await setup();
    const r = await viaShell('yes error | HEW', ['fix this error'], repo, env);
    expect(r.code, r.stderr).toBe(0);
    expect(started(r.stdout).stdin).toEqual({ bytes: STDIN_MAX_BYTES, truncated: true });
    const text = userText(server);
    expect(text).toContain(`[hew: stdin was cut here: only its first ${STDIN_MAX_BYTES} bytes were read]\n</stdin>`);
    expect(r.stderr).toContain('(cut at the 256 KiB limit; the rest was not read)');
  });

  it('empty input, /dev/null and a closed stdin add no block and do not wait', async () => {
    for (const stdinPart of [`printf '' | HEW`, 'printf "  \\n" | HEW', 'HEW < /dev/null', 'HEW <&-']) {
      const { server, env, repo } = await setup();
      const r = await viaShell(stdinPart, ['fix this error'], repo, env);
      expect(r.code, `${stdinPart}: ${r.stderr}`).toBe(0);
      expect(userText(server)).not.toContain('<stdin>');
      expect(started(r.stdout).stdin).toBeUndefined();
      expect(r.stderr).not.toContain('attached');
    }
  });

  it('a socket left open by the parent is not read (no wait, no block)', async () => {
    const { server, env, repo } = await setup();
    const r = await runHew(['exec', '--json', 'fix this error'], { cwd: repo, env, openStdin: true, timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(userText(server)).not.toContain('<stdin>');
    expect(started(r.stdout).stdin).toBeUndefined();
  });

  it('`hew exec -` with a pipe still takes the prompt itself from stdin, without a block', async () => {
    const { server, env, repo } = await setup();
    const r = await viaShell(`printf 'describe the repo' | HEW`, ['-'], repo, env);
    expect(r.code, r.stderr).toBe(0);
    expect(userText(server)).toContain('describe the repo');
    expect(userText(server)).not.toContain('<stdin>');
    expect(started(r.stdout).stdin).toBeUndefined();
  });
});
