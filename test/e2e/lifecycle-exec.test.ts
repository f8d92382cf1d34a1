// End to end: `hew exec --apply` (clean, and refused when the user edited the same lines mid-run),
// two runs on one repository at once, and a run killed with SIGKILL mid-command — the user's repo
// unchanged, the transcript readable, and `hew runs` showing it as interrupted.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { effectiveStatus, processAlive } from '../../src/runs/lifecycle.ts';
import type { RunMeta } from '../../src/protocol/run-meta.ts';
import { fixtureRepo, treeFingerprint } from '../support/fixtures.ts';
import type { HewResult } from '../support/hew-cli.ts';
import { startModelServer } from '../support/model-server.ts';
import { DATE_FIX_ANSWER, dateFixScript } from '../support/scripts.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

function userTestsPass(repo: string): boolean {
  return spawnSync(process.execPath, ['test/date.test.js'], { cwd: repo }).status === 0;
}

function lastEvent(result: HewResult) {
  const last = result.events().at(-1);
  if (last?.type !== 'thread.completed') throw new Error(`last event is ${last?.type}`);
  return last;
}

describe('hew exec --apply', () => {
  it('applies a clean result to the user’s tree and reports it on stderr', async () => {
    const world = await hewWorld().build();
    const { repo } = world;
    await world.serve(dateFixScript());
    const result = await world.hew(['exec', '--json', '--apply', 'fix the date parser']);
    expect(result.code).toBe(0);
    expect(lastEvent(result)).toMatchObject({ status: 'completed', final_message: DATE_FIX_ANSWER });
    expect(result.stderr).toMatch(/^hew: applied 1 file from run \S+:\n {2}update src\/date\.js\n$/);
    expect(userTestsPass(repo)).toBe(true);

    // Human mode: the final message alone on stdout, the apply note on stderr.
    const repo2 = fixtureRepo('date-parser');
    await world.serve(dateFixScript());
    const human = await world.hew(['exec', '--apply', 'fix the date parser'], { cwd: repo2 });
    expect(human.code).toBe(0);
    expect(human.stdout).toBe(`${DATE_FIX_ANSWER}\n`);
    expect(human.stderr).toContain('hew: applied 1 file from run');
    expect(userTestsPass(repo2)).toBe(true);
  });

  it('refuses with exit 5 when the user edited the same lines during the run, and keeps the run for later', async () => {
    const world = await hewWorld().build();
    const { repo } = world;
    const file = join(repo, 'src/date.js');
    const script = dateFixScript();
    // While the model "thinks" about its final answer, the user edits the line the run also changed.
    await world.serve((_rec, n) => {
      if (n === 3) writeFileSync(file, readFileSync(file, 'utf8').replace('day > 31) return null;', 'day > 30) return null; // user'));
      return script[n] ?? { outputs: [{ text: 'script exhausted' }] };
    });
    const result = await world.hew(['exec', '--json', '--apply', 'fix the date parser']);
    expect(result.code).toBe(5);
    const done = lastEvent(result);
    expect(done).toMatchObject({ status: 'completed', exit_code: 0 });
    expect(result.stderr).toContain('nothing was written');
    expect(result.stderr).toMatch(/conflict src\/date\.js: the run and you changed the same lines/);
    expect(readFileSync(file, 'utf8')).toContain('day > 30) return null; // user');
    expect(readFileSync(file, 'utf8')).not.toContain('daysInMonth');
    // The run is still there to look at and to apply once the user has resolved things.
    const runId = result.events()[0]?.type === 'thread.started' ? (result.events()[0] as { run_id: string }).run_id : '';
    expect((await world.hew(['diff', runId])).stdout).toContain('daysInMonth');
    expect((await world.hew(['apply', runId])).code).toBe(5);
  });
});

describe('runs side by side and runs that die', () => {
  it('two concurrent runs on one repository both succeed in independent copies', async () => {
    const world = await hewWorld().build();
    const { repo } = world;
    const before = treeFingerprint(repo);
    // One scripted server per run: the world's, and a second one closed when the test ends.
    await world.serve(dateFixScript());
    const other = await startModelServer(dateFixScript());
    onTestFinished(() => other.close());
    const [a, b] = await Promise.all([
      world.hew(['exec', '--json', 'fix the date parser (a)']),
      world.hew(['exec', '--json', 'fix the date parser (b)'], { env: { OPENAI_BASE_URL: other.url } }),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const started = [a, b].map((r) => r.events()[0]).map((e) => (e?.type === 'thread.started' ? e : null));
    expect(started[0]?.run_id).not.toBe(started[1]?.run_id);
    expect(started[0]?.working_copy).not.toBe(started[1]?.working_copy);
    for (const e of started) expect(readFileSync(join(e?.working_copy ?? '', 'src/date.js'), 'utf8')).toContain('daysInMonth(year, month)');
    expect(treeFingerprint(repo)).toBe(before);
    const listed = (await world.hew(['runs', '--json'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(listed.map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(listed.map((r) => r.id).sort()).toEqual(started.map((e) => e?.run_id).sort());
  });

  it('a run killed with SIGKILL mid-command leaves the repo unchanged, a readable log, and shows as interrupted', async () => {
    const world = await hewWorld().build();
    const { repo, home } = world;
    const before = treeFingerprint(repo);
    await world.serve([
      { outputs: [{ tool: 'apply_patch', args: { input: '*** Begin Patch\n*** Add File: notes.txt\n+work in progress\n*** End Patch' } }] },
      { outputs: [{ tool: 'shell', args: { command: 'echo $$ > sleeper.pid; exec sleep 30' } }] },
      { outputs: [{ text: 'never reached' }] },
    ]);
    let pid = 0;
    let out = '';
    let killing: Promise<void> | undefined;
    const result = await world.hew(['exec', '--json', '-s', 'danger-full-access', 'do something slow'], {
      onSpawn: (p) => (pid = p),
      onStdout: (chunk) => {
        out += chunk;
        if (killing || !/"type":"item\.started","item":\{[^\n]*"type":"command_execution"/.test(out)) return;
        // Kill once the command is really running (it has written its pid), like a crash mid-command.
        const copy = (JSON.parse(out.split('\n')[0] as string) as { working_copy: string }).working_copy;
        killing = waitForFile(join(copy, 'sleeper.pid')).then(() => {
          process.kill(pid, 'SIGKILL');
        });
      },
    });
    await killing;
    expect(result.signal).toBe('SIGKILL');
    const started = result.events()[0];
    if (started?.type !== 'thread.started') throw new Error('no thread.started');
    const sleeper = Number(readFileSync(join(started.working_copy, 'sleeper.pid'), 'utf8'));
    expect(isSleep(sleeper)).toBe(true); // the command was still running when hew died
    process.kill(sleeper, 'SIGKILL');

    expect(treeFingerprint(repo)).toBe(before);
    const runDir = join(home.state, 'hew', 'runs', started.run_id);
    const lines = readFileSync(join(runDir, 'events.jsonl'), 'utf8').trim().split('\n');
    const events = lines.map((l) => JSON.parse(l) as { type: string });
    expect(events[0]?.type).toBe('thread.started');
    expect(events.some((e) => e.type === 'item.started')).toBe(true);
    expect(events.some((e) => e.type === 'thread.completed')).toBe(false);
    expect(JSON.parse(readFileSync(join(runDir, 'meta.json'), 'utf8')).status).toBe('running');

    const table = await world.hew(['runs']);
    expect(table.stdout).toMatch(new RegExp(`^${started.run_id}\\s+interrupted\\s`, 'm'));
    const listed = JSON.parse((await world.hew(['runs', '--json'])).stdout.trim());
    expect(listed).toMatchObject({ id: started.run_id, status: 'interrupted', work_exists: true });
    // What it did before dying can still be seen, and applied.
    expect((await world.hew(['diff', started.run_id])).stdout).toContain('+work in progress');
    expect((await world.hew(['apply'])).code).toBe(0);
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe('work in progress\n');
  });
});

describe('telling a live run from a dead one', () => {
  it('a running run is interrupted once its pid is gone, or taken by a newer process', () => {
    const now = Date.now();
    const meta = (pid: number, startedAt: number): RunMeta =>
      ({ id: 'x', status: 'running', pid, started_at: new Date(startedAt).toISOString() }) as RunMeta;
    expect(processAlive(process.pid, now)).toBe(true);
    expect(effectiveStatus(meta(process.pid, now))).toBe('running');
    const exited = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const deadPid = Number(exited.stdout.trim());
    expect(processAlive(deadPid, now)).toBe(false);
    expect(effectiveStatus(meta(deadPid, now))).toBe('interrupted');
    expect(effectiveStatus({ ...meta(deadPid, now), status: 'completed' })).toBe('completed');
    // This process started moments ago: it cannot be the one that started a run a day ago (pid reuse).
    if (existsSync('/proc/self/stat')) expect(processAlive(process.pid, now - 86_400_000)).toBe(false);
  });
});

async function waitForFile(file: string): Promise<void> {
  for (let i = 0; i < 100 && !existsSync(file); i++) await sleep(50);
}

function isSleep(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('sleep');
  } catch {
    return false;
  }
}
