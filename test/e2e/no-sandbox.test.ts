// End to end, through the built CLI: with no usable sandbox — bubblewrap missing from PATH, a bwrap
// that cannot make namespaces, HEW_BWRAP naming none — `hew exec`, `batch` and `watch` stop with exit 6
// and one line naming the reason and the fix, before any model request and without leaving a run.
// `-s danger-full-access` still runs; thread.started names the sandbox actually in force; a probe that
// fails for a passing cause (EAGAIN) is retried and the run goes ahead in bwrap.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThreadStarted } from '../../src/protocol/events.ts';
import { tempDir, treeFingerprint } from '../support/fixtures.ts';
import type { HewHome } from '../support/hew-cli.ts';
import type { ScriptedTurn } from '../support/model-server.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

const WRITE_THEN_ANSWER: ScriptedTurn[] = [{ outputs: [{ tool: 'shell', args: { command: 'echo made > out.txt && cat out.txt' } }] }, { outputs: [{ text: 'done' }] }];

function runCount(home: HewHome): number {
  const dir = join(home.state, 'hew', 'runs');
  return existsSync(dir) ? readdirSync(dir).length : 0;
}

/** A PATH with git, bash and node but no bwrap: a fresh Debian or Ubuntu machine. */
function pathWithoutBwrap(): string {
  const bin = join(tempDir('hew-nobwrap-'), 'bin');
  mkdirSync(bin);
  for (const tool of ['git', 'bash', 'sh', 'env', 'cat', 'true']) {
    const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(found, join(bin, tool));
  }
  symlinkSync(process.execPath, join(bin, 'node'));
  return bin;
}

/** An executable script standing in for bwrap (the probe runs it with an empty environment). */
function fakeBwrap(body: string): string {
  const file = join(tempDir('hew-fake-bwrap-'), 'bwrap');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

function expectStop(result: { code: number | null; stdout: string; stderr: string }, reason: RegExp): void {
  expect(result.code, result.stderr).toBe(6);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n').filter(Boolean);
  expect(lines, result.stderr).toHaveLength(1);
  const line = lines[0] as string;
  expect(line).toMatch(/^hew: no usable sandbox: /);
  expect(line).toMatch(reason);
  expect(line).toContain('-s danger-full-access');
  expect(line).toContain('Nothing was run');
}

describe('no usable sandbox, headless', { timeout: 120_000 }, () => {
  it('hew exec: bubblewrap missing from PATH stops with exit 6 and the install fix, before any model request, leaving no run', async () => {
    const world = await hewWorld().withScript(WRITE_THEN_ANSWER).build();
    const { repo, home } = world;
    const before = treeFingerprint(repo);
    const env = { PATH: pathWithoutBwrap() };
    for (const args of [['exec', 'fix the date parser'], ['exec', '--json', 'fix the date parser']]) {
      const result = await world.hew(args, { env });
      expectStop(result, /bubblewrap \(bwrap\) is not installed \(not found on PATH\).*sudo apt-get install bubblewrap/);
    }
    expect(world.requests).toHaveLength(0);
    expect(runCount(home)).toBe(0);
    expect(treeFingerprint(repo)).toBe(before);
  });

  it('hew exec: a bwrap that cannot create namespaces, or HEW_BWRAP naming none, stops the same way', async () => {
    const world = await hewWorld().withScript(WRITE_THEN_ANSWER).build();
    const { home } = world;
    const broken = fakeBwrap("echo 'bwrap: Creating new namespace failed: Operation not permitted' >&2\nexit 1");
    const blocked = await world.hew(['exec', 'fix it'], { env: { HEW_BWRAP: broken } });
    expectStop(blocked, /cannot create a sandbox: .*bwrap said: bwrap: Creating new namespace failed: Operation not permitted/);
    const missing = await world.hew(['exec', 'fix it'], { env: { HEW_BWRAP: '/nonexistent/bin/bwrap' } });
    expectStop(missing, /bubblewrap \(bwrap\) is not installed at \/nonexistent\/bin\/bwrap/);
    // An approval policy cannot approve a run into running unconfined.
    const never = await world.hew(['exec', '-a', 'never', 'fix it'], { env: { HEW_BWRAP: broken } });
    expect(never.code).toBe(6);
    expect(world.requests).toHaveLength(0);
    expect(runCount(home)).toBe(0);
  });

  it('-s danger-full-access still runs, and thread.started says that no sandbox is in force and why', async () => {
    const world = await hewWorld().withScript(WRITE_THEN_ANSWER).build();
    const env = { PATH: pathWithoutBwrap() };
    const result = await world.hew(['exec', '--json', '-s', 'danger-full-access', 'make out.txt'], { env });
    expect(result.code, result.stderr).toBe(0);
    const events = result.events();
    const started = events[0] as ThreadStarted;
    expect(started.type).toBe('thread.started');
    expect(started.sandbox).toEqual({ kind: 'none', mode: 'danger-full-access', network: true, reason: expect.stringContaining('danger-full-access was chosen') });
    expect(events.at(-1)).toMatchObject({ type: 'thread.completed', status: 'completed', exit_code: 0, files_changed: [{ path: 'out.txt', kind: 'add' }] });
    expect(world.requests).toHaveLength(2);
  });

  it('with bwrap working, thread.started names bwrap, the mode and the network, and no reason', async () => {
    const world = await hewWorld().withScript(WRITE_THEN_ANSWER).build();
    const result = await world.hew(['exec', '--json', 'make out.txt']);
    expect(result.code, result.stderr).toBe(0);
    expect((result.events()[0] as ThreadStarted).sandbox).toEqual({ kind: 'bwrap', mode: 'workspace-write', network: false });
    // The system prompt says the same.
    expect(String((world.requests[0]?.body as { instructions?: string }).instructions)).toContain('Sandbox: workspace-write; network off.');
  });

  it('a probe that fails for a passing cause (EAGAIN) is retried, and the run goes ahead in bwrap', async () => {
    const world = await hewWorld().withScript(WRITE_THEN_ANSWER).build();
    const marker = join(tempDir('hew-flaky-'), 'failed-once');
    const realBwrap = spawnSync('bash', ['-c', 'command -v bwrap'], { encoding: 'utf8' }).stdout.trim();
    const flaky = fakeBwrap(`if [ ! -e ${marker} ]; then : > ${marker}; echo 'bwrap: clone: Resource temporarily unavailable' >&2; exit 1; fi\nexec ${realBwrap} "$@"`);
    const result = await world.hew(['exec', '--json', 'make out.txt'], { env: { HEW_BWRAP: flaky } });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
    expect((result.events()[0] as ThreadStarted).sandbox).toMatchObject({ kind: 'bwrap', mode: 'workspace-write' });
    expect(result.events().at(-1)).toMatchObject({ type: 'thread.completed', status: 'completed' });
  });

  it('hew batch: exit 6 before any task starts, one line, no model request, no run', async () => {
    const world = await hewWorld().withScript(WRITE_THEN_ANSWER).build();
    const { repo, home } = world;
    const dir = join(repo, 'tasks');
    mkdirSync(dir);
    for (const name of ['one', 'two']) writeFileSync(join(dir, `${name}.md`), `---\ntitle: ${name}\n---\nMake out.txt.\n`);
    const env = { PATH: pathWithoutBwrap() };
    const result = await world.hew(['batch', '--json', 'tasks/one.md', 'tasks/two.md'], { env });
    expectStop(result, /bubblewrap \(bwrap\) is not installed/);
    expect(world.requests).toHaveLength(0);
    expect(runCount(home)).toBe(0);
    // Bad input is still reported first (exit 2).
    const bad = await world.hew(['batch', 'tasks/missing.md'], { env });
    expect(bad.code).toBe(2);
  });

  it('hew watch: exit 6 before watching, one line, the task left alone, no model request, no run', async () => {
    const world = await hewWorld().withScript(WRITE_THEN_ANSWER).build();
    const { repo, home } = world;
    const inbox = join(repo, '.hew', 'tasks');
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, 'job.md'), 'Make out.txt.\n');
    const env = { PATH: pathWithoutBwrap() };
    for (const args of [['watch', '--once'], ['watch']]) {
      const result = await world.hew(args, { env });
      expectStop(result, /bubblewrap \(bwrap\) is not installed/);
    }
    expect(readdirSync(inbox)).toEqual(['job.md']);
    expect(readFileSync(join(inbox, 'job.md'), 'utf8')).toBe('Make out.txt.\n');
    expect(world.requests).toHaveLength(0);
    expect(runCount(home)).toBe(0);
  });
});
