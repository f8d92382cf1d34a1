// End to end: `hew watch` through the built CLI and the scripted model server — a task dropped into
// .hew/tasks/ runs and gets NAME.result.json; a file written in two pieces runs once, whole; a restart
// does not rerun finished tasks; a changed task reruns; Ctrl-C interrupts a run (saved) and exits 130.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/tasks/watch-state.ts';
import type { WatchResult } from '../../src/protocol/run-result.ts';
import { ROOT } from '../support/fixtures.ts';
import type { RecordedRequest, ScriptedTurn } from '../support/model-server.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

const children: ReturnType<typeof spawn>[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await closeWorlds();
});

/** The last user message of a recorded Responses request. */
function userText(req: RecordedRequest): string {
  const input = (req.body as { input: { role?: string; content?: unknown }[] }).input;
  const last = input.filter((i) => i.role === 'user').at(-1);
  return typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content);
}

const answer = (req: RecordedRequest): ScriptedTurn => ({ outputs: [{ text: `done: ${userText(req)}` }] });

/** `hew watch` as a long-running process whose stderr can be waited on. */
function startWatch(args: string[], cwd: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/hew'), 'watch', ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    exited,
    stderr: () => stderr,
    async waitFor(pattern: RegExp, ms = 20_000): Promise<void> {
      const end = Date.now() + ms;
      while (!pattern.test(stderr)) {
        if (Date.now() > end || child.exitCode !== null) throw new Error(`no ${pattern} in watch stderr:\n${stderr}`);
        await sleep(25);
      }
    },
  };
}

async function waitForFile(path: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > end) throw new Error(`${path} did not appear`);
    await sleep(25);
  }
}

const readResult = (path: string): WatchResult => JSON.parse(readFileSync(path, 'utf8')) as WatchResult;

describe('hew watch', () => {
  it('runs dropped tasks once, whole; skips them on restart; reruns a changed one; exits 130 on Ctrl-C', async () => {
    const world = await hewWorld().withScript(answer).build();
    const { repo, env } = world;
    const server = world.server!;
    const inbox = join(repo, '.hew', 'tasks');

    const watch = startWatch([], repo, env);
    await watch.waitFor(/watching \.hew\/tasks/);
    writeFileSync(join(inbox, 'notes.txt'), 'not a task');
    const hello = '---\ntitle: Hello\n---\nSay hello.\n';
    writeFileSync(join(inbox, 'hello.md'), hello);
    await waitForFile(join(inbox, 'hello.result.json'));
    const first = readResult(join(inbox, 'hello.result.json'));
    expect(first).toMatchObject({ task: '.hew/tasks/hello.md', title: 'Hello', status: 'completed', exit_code: 0, final_message: 'done: Say hello.', files_changed: [], check: null, task_sha256: sha256(hello) });
    expect(first.run_id).toMatch(/\S/);
    expect(first.total_usage.input_tokens).toBeGreaterThan(0);

    // Written in two pieces with a pause longer than the stability window: the first piece's front
    // matter is not closed yet, so it waits for the rest instead of running or failing.
    writeFileSync(join(inbox, 'slow.md'), '---\ntitle: Slow\n');
    await watch.waitFor(/waiting: \.hew\/tasks\/slow\.md:1: front matter is not closed/);
    writeFileSync(join(inbox, 'slow.md'), '---\ntitle: Slow\n---\nWrite the slow part, all of it.\n');
    await waitForFile(join(inbox, 'slow.result.json'));
    expect(readResult(join(inbox, 'slow.result.json')).final_message).toBe('done: Write the slow part, all of it.');
    expect(server.requests.map(userText)).toEqual(['Say hello.', 'Write the slow part, all of it.']);
    expect(existsSync(join(inbox, 'notes.result.json'))).toBe(false);

    watch.child.kill('SIGINT');
    expect(await watch.exited).toBe(130);
    expect(watch.stderr()).toMatch(/queued \.hew\/tasks\/hello\.md \(new\)/);
    expect(watch.stderr()).toMatch(/started \.hew\/tasks\/hello\.md \(run \S+\)/);
    expect(watch.stderr()).toMatch(/finished \.hew\/tasks\/hello\.md: completed \(exit 0\)/);

    // A restart runs nothing that is done.
    const again = await world.hew(['watch', '--once']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/skipped \.hew\/tasks\/hello\.md: already done \(completed, run /);
    expect(server.requests).toHaveLength(2);

    // A changed task runs again, and --json prints its result line.
    writeFileSync(join(inbox, 'hello.md'), '---\ntitle: Hello\n---\nSay hello twice.\n');
    const changed = await world.hew(['watch', '--once', '--json']);
    expect(changed.code).toBe(0);
    expect(server.requests.map(userText).at(-1)).toBe('Say hello twice.');
    expect(server.requests).toHaveLength(3);
    const line = JSON.parse(changed.stdout.trim()) as WatchResult;
    expect(line).toMatchObject({ task: '.hew/tasks/hello.md', final_message: 'done: Say hello twice.', status: 'completed' });
    expect(readResult(join(inbox, 'hello.result.json')).run_id).toBe(line.run_id);
    expect(line.run_id).not.toBe(first.run_id);
  });

  it('Ctrl-C interrupts a running task (saved, recorded as interrupted) and a restart runs it again; --dir and failures', async () => {
    let stall = true;
    const world = await hewWorld()
      .withScript((req) => {
        if (stall) {
          stall = false;
          return { outputs: [{ text: 'never finished' }], fault: { kind: 'stall', afterEvents: 1, ms: 60_000 } };
        }
        return answer(req);
      })
      .build();
    const { repo, env } = world;
    const server = world.server!;
    const inbox = join(repo, 'inbox');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'long.md'), 'Take your time.\n');

    const watch = startWatch(['--dir', 'inbox'], repo, env);
    await watch.waitFor(/started inbox\/long\.md \(run /);
    // Interrupt once the model request is in flight (it stalls).
    for (const end = Date.now() + 20_000; server.requests.length === 0 && Date.now() < end; ) await sleep(25);
    expect(server.requests).toHaveLength(1);
    watch.child.kill('SIGINT');
    expect(await watch.exited).toBe(130);
    const interrupted = readResult(join(inbox, 'long.result.json'));
    expect(interrupted).toMatchObject({ status: 'interrupted', exit_code: 130 });
    const runs = await world.hew(['runs', '--json']);
    expect(runs.stdout).toContain(interrupted.run_id!);

    writeFileSync(join(inbox, 'broken.md'), '---\nmax_turns: many\n---\nNo.\n');
    const rerun = await world.hew(['watch', '--once', '--dir', 'inbox']);
    expect(rerun.code).toBe(1); // broken.md failed
    expect(readResult(join(inbox, 'long.result.json'))).toMatchObject({ status: 'completed', final_message: 'done: Take your time.' });
    expect(readResult(join(inbox, 'broken.result.json'))).toMatchObject({ status: 'failed', exit_code: 2, run_id: null });
    expect(rerun.stderr).toMatch(/invalid: inbox\/broken\.md:2: front-matter key "max_turns"/);
    expect(server.requests.map(userText)).toEqual(['Take your time.', 'Take your time.']);
  });

  it('--once says what it did: no inbox (none made, exit 0), an empty one; watching creates the inbox and says so', async () => {
    const world = await hewWorld().build(); // no model: OPENAI_BASE_URL is NO_MODEL_URL (http://127.0.0.1:9/v1)
    const { repo, env } = world;
    const none = await world.hew(['watch', '--once']);
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/^hew watch: no task directory \.hew\/tasks: nothing to do \(create it and put task files \(\*\.md\) in it, or name another with --dir\)\n$/);
    expect(existsSync(join(repo, '.hew', 'tasks'))).toBe(false);

    mkdirSync(join(repo, '.hew', 'tasks'), { recursive: true });
    const empty = await world.hew(['watch', '--once']);
    expect(empty.code).toBe(0);
    expect(empty.stderr).toBe('hew watch: no task files (*.md) in .hew/tasks: nothing to do\n');

    const watching = startWatch(['--dir', 'inbox'], repo, env);
    await watching.waitFor(/watching inbox for task files/);
    expect(watching.stderr()).toMatch(/^hew watch: created the task directory inbox: drop task files \(\*\.md\) there\n/);
    expect(existsSync(join(repo, 'inbox'))).toBe(true);
    watching.child.kill('SIGINT');
    expect(await watching.exited).toBe(130);
  });

  it('bad usage is exit 2', async () => {
    const world = await hewWorld().withoutOpenAI().build();
    const bad = await world.hew(['watch', '--once', '--concurrency', 'zero']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--concurrency: expected a positive whole number/);
  });
});
