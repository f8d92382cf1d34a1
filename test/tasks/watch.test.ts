// The watch inbox without a model: run/skip decisions, the queue, and runInbox over a real directory
// with real chokidar, where the "run" is a recording function.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { emptyUsage } from '../../src/model/usage.ts';
import type { TaskFile } from '../../src/tasks/task-file.ts';
import { runInbox } from '../../src/tasks/watch.ts';
import type { InboxOptions, TaskRunSummary } from '../../src/tasks/watch.ts';
import { TaskQueue } from '../../src/tasks/watch-queue.ts';
import { decide, isTaskFileName, readResult, resultPathFor, sha256, writeResultAtomic } from '../../src/tasks/watch-state.ts';
import type { WatchResult } from '../../src/protocol/run-result.ts';
import { tempDir } from '../support/fixtures.ts';

function result(text: string, status: WatchResult['status'] = 'completed'): WatchResult {
  return {
    task: 'a.md',
    title: 'a',
    task_sha256: sha256(text),
    run_id: 'r1',
    status,
    exit_code: status === 'completed' ? 0 : 130,
    check: null,
    files_changed: [],
    total_usage: emptyUsage(),
    duration_ms: 1,
    final_message: 'done',
    finished_at: new Date().toISOString(),
  };
}

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('watch state', () => {
  it('names results beside the task and recognises task files', () => {
    expect(resultPathFor('/x/inbox/fix-dates.md')).toBe('/x/inbox/fix-dates.result.json');
    expect(isTaskFileName('fix.md')).toBe(true);
    expect(isTaskFileName('fix.result.json')).toBe(false);
    expect(isTaskFileName('.fix.md')).toBe(false);
    expect(isTaskFileName('notes.txt')).toBe(false);
    expect(isTaskFileName('.md')).toBe(false);
  });

  it('skips a task whose result records its text, and reruns it when changed or interrupted', () => {
    expect(decide('Do it.', null)).toEqual({ action: 'run', reason: 'new' });
    expect(decide('Do it.', result('Do it.')).action).toBe('skip');
    expect(decide('Do it better.', result('Do it.'))).toEqual({ action: 'run', reason: 'changed' });
    expect(decide('Do it.', result('Do it.', 'interrupted'))).toEqual({ action: 'run', reason: 'interrupted' });
    expect(decide('Do it.', result('Do it.', 'failed')).action).toBe('skip');
  });

  it('writes results atomically and reads back only real results', () => {
    const dir = tempDir();
    const path = join(dir, 'a.result.json');
    writeResultAtomic(path, result('x'));
    expect(readResult(path)?.task_sha256).toBe(sha256('x'));
    expect(readdirSync(dir)).toEqual(['a.result.json']);
    writeFileSync(path, '{"half":');
    expect(readResult(path)).toBeNull();
    expect(readResult(join(dir, 'missing.result.json'))).toBeNull();
  });
});

describe('TaskQueue', () => {
  it('keeps to the concurrency, never doubles a path, and looks again at one changed while running', async () => {
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const gates = new Map<string, () => void>();
    const queue = new TaskQueue({
      concurrency: 2,
      work: async (path) => {
        started.push(path);
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => gates.set(path, resolve));
        running -= 1;
      },
    });
    expect(queue.push('a')).toBe('queued');
    expect(queue.push('b')).toBe('queued');
    expect(queue.push('c')).toBe('queued');
    expect(queue.push('c')).toBe('already');
    expect(queue.push('a')).toBe('again');
    expect(started).toEqual(['a', 'b']);
    gates.get('a')!();
    await until(() => started.length === 3, 'c to start');
    expect(started).toEqual(['a', 'b', 'c']);
    gates.get('b')!();
    await until(() => started.length === 4, 'a again');
    expect(started[3]).toBe('a');
    gates.get('c')!();
    gates.get('a')!();
    await queue.idle();
    expect(most).toBe(2);
  });
});

describe('runInbox', () => {
  const summary = (task: TaskFile): TaskRunSummary => ({
    run_id: `run-${task.prompt.length}`,
    status: 'completed',
    exit_code: 0,
    check: null,
    files_changed: [],
    total_usage: emptyUsage(),
    duration_ms: 5,
    final_message: `did: ${task.prompt}`,
  });

  it('--once runs each task file once, records invalid ones, ignores other files, and skips on a second pass', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), 'Task A.\n');
    writeFileSync(join(dir, 'b.md'), '---\ntitle: B\n---\nTask B.\n');
    writeFileSync(join(dir, 'bad.md'), '---\nmax_turns: lots\n---\nTask C.\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a task');
    const prompts: string[] = [];
    const lines: string[] = [];
    const opts: InboxOptions = {
      dir,
      base: dir,
      concurrency: 2,
      once: true,
      signal: new AbortController().signal,
      log: (line) => lines.push(line),
      runTask: async (task, ctx) => {
        ctx.started('r');
        prompts.push(task.prompt);
        return summary(task);
      },
    };
    const results = await runInbox(opts);
    expect(prompts.sort()).toEqual(['Task A.', 'Task B.']);
    expect(results.map((r) => r.task).sort()).toEqual(['a.md', 'b.md', 'bad.md']);
    const a = JSON.parse(readFileSync(join(dir, 'a.result.json'), 'utf8')) as WatchResult;
    expect(readResult(join(dir, 'b.result.json'))?.title).toBe('B');
    expect(a).toMatchObject({ task: 'a.md', title: 'Task A.', status: 'completed', exit_code: 0, final_message: 'did: Task A.', task_sha256: sha256('Task A.\n') });
    const bad = readResult(join(dir, 'bad.result.json'));
    expect(bad).toMatchObject({ status: 'failed', exit_code: 2, run_id: null });
    expect(bad?.error).toMatch(/bad\.md:2: front-matter key "max_turns"/);
    expect(existsSync(join(dir, 'notes.result.json'))).toBe(false);
    expect(lines.some((l) => l.startsWith('finished a.md: completed'))).toBe(true);

    const again = await runInbox(opts);
    expect(again).toEqual([]);
    expect(prompts).toHaveLength(2);
    writeFileSync(join(dir, 'a.md'), 'Task A, changed.\n');
    await runInbox(opts);
    expect(prompts.filter((p) => p.startsWith('Task A'))).toEqual(['Task A.', 'Task A, changed.']);
  });

  it('watching: a file paused mid-write with broken front matter runs only once complete; a broken file is recorded after the grace', async () => {
    const dir = tempDir();
    const prompts: string[] = [];
    const lines: string[] = [];
    const stop = new AbortController();
    const done = runInbox({
      dir,
      base: dir,
      concurrency: 1,
      signal: stop.signal,
      stabilityMs: 150,
      invalidGraceMs: 1500,
      log: (line) => lines.push(line),
      runTask: async (task) => {
        prompts.push(task.prompt);
        return summary(task);
      },
    });
    await until(() => lines.some((l) => l.startsWith('watching')), 'the watcher');
    writeFileSync(join(dir, 'slow.md'), '---\ntitle: Slow\n');
    await until(() => lines.some((l) => l.startsWith('waiting: slow.md')), 'the half file to be seen');
    writeFileSync(join(dir, 'slow.md'), '---\ntitle: Slow\n---\nThe whole prompt.\n');
    await until(() => existsSync(join(dir, 'slow.result.json')), 'the slow result');
    expect(prompts).toEqual(['The whole prompt.']);
    expect(readResult(join(dir, 'slow.result.json'))?.status).toBe('completed');

    writeFileSync(join(dir, 'broken.md'), '---\ntitle: never closed\n');
    await until(() => existsSync(join(dir, 'broken.result.json')), 'the broken result');
    expect(readResult(join(dir, 'broken.result.json'))).toMatchObject({ status: 'failed', exit_code: 2 });
    expect(readResult(join(dir, 'broken.result.json'))?.error).toMatch(/broken\.md:1: front matter is not closed/);
    expect(prompts).toEqual(['The whole prompt.']);
    stop.abort();
    await done;
  });
});
