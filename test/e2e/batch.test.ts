// End to end: `hew batch` through the built CLI, many runs against one scripted model server (each
// request is answered by its task's marker in the prompt): results and exit codes, sharding, Ctrl-C,
// bad input stopping everything before it starts, and --apply onto branches.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunMeta } from '../../src/protocol/run-meta.ts';
import type { BatchResultLine } from '../../src/protocol/run-result.ts';
import { git, treeFingerprint } from '../support/fixtures.ts';
import type { HewHome, HewResult } from '../support/hew-cli.ts';
import type { RecordedRequest, ScriptedTurn } from '../support/model-server.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

/** Each task's prompt carries `@@job<N>@@`; the reply depends on the job and how many tool results came back. */
function byJob(plan: (job: string, step: number) => ScriptedTurn): (req: RecordedRequest) => ScriptedTurn {
  return (req) => {
    const text = JSON.stringify(req.body?.input ?? req.body?.messages ?? '');
    const job = /@@(job\d+)@@/.exec(text)?.[1] ?? 'unknown';
    const step = (text.match(/"function_call_output"|"role":"tool"/g) ?? []).length;
    return plan(job, step);
  };
}

const addFile = (name: string): string => `*** Begin Patch\n*** Add File: ${name}\n+made by ${name}\n*** End Patch`;

/** Each job writes `out/<job>.txt`, then answers. */
const writeThenAnswer = byJob((job, step) =>
  step === 0 ? { outputs: [{ tool: 'apply_patch', args: { input: addFile(`out/${job}.txt`) } }] } : { outputs: [{ text: `${job} done` }] },
);

/** Commits task files job1..jobN into the repo's tasks/ folder; `front(i)` adds front matter. */
function addTasks(repo: string, n: number, front: (i: number) => string = () => ''): string[] {
  mkdirSync(join(repo, 'tasks'), { recursive: true });
  const files: string[] = [];
  for (let i = 1; i <= n; i++) {
    const file = `tasks/job${i}.md`;
    writeFileSync(join(repo, file), `---\ntitle: Job ${i}\n${front(i)}---\nCreate the file for @@job${i}@@.\n`);
    files.push(file);
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'tasks');
  return files;
}

function resultLines(result: HewResult): BatchResultLine[] {
  return result.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as BatchResultLine);
}

function meta(home: HewHome, runId: string): RunMeta {
  return JSON.parse(readFileSync(join(home.state, 'hew', 'runs', runId, 'meta.json'), 'utf8')) as RunMeta;
}

function runCount(home: HewHome): number {
  const dir = join(home.state, 'hew', 'runs');
  return existsSync(dir) ? readdirSync(dir).length : 0;
}

// Each test runs several whole runs (copies, sandboxed checks, branches) through the CLI; on a loaded
// 2-core machine that takes well over the default 30 s, so the file gets a larger budget.
describe('hew batch', { timeout: 180_000 }, () => {
  it('runs five tasks two at a time; one fails its check (exit 1); successes land on branches with --apply', async () => {
    const world = await hewWorld().withTimeout(90_000).withScript(writeThenAnswer).build();
    const { repo, home } = world;
    const files = addTasks(repo, 5, (i) => `check: ${i === 3 ? 'test -f out/never.txt' : `test -f out/job${i}.txt`}\n`);
    const head = git(repo, 'rev-parse', 'HEAD').trim();

    const result = await world.hew(['batch', '--json', '--concurrency', '2', '--apply', '--branch-prefix', 'hew/', ...files]);
    expect(result.code, result.stderr).toBe(1);
    const lines = resultLines(result);
    expect(lines.map((l) => l.task).sort()).toEqual(files);
    for (const line of lines) {
      const i = Number(line.task.replace(/\D/g, ''));
      expect(line.run_id).toMatch(/\S/);
      expect(meta(home, line.run_id as string).status).toBe(line.status);
      expect(line.title).toBe(`Job ${i}`);
      expect(line.files_changed).toEqual([{ path: `out/job${i}.txt`, kind: 'add' }]);
      expect(line.total_usage.input_tokens).toBeGreaterThan(0);
      expect(line.duration_ms).toBeGreaterThan(0);
      if (i === 3) {
        expect(line).toMatchObject({ status: 'failed', exit_code: 1, check: { command: 'test -f out/never.txt', passed: false } });
        expect(line.branch).toBeUndefined();
      } else {
        expect(line).toMatchObject({ status: 'completed', exit_code: 0, check: { command: `test -f out/job${i}.txt`, exit_code: 0, passed: true }, branch: `hew/job${i}` });
        expect(git(repo, 'show', `hew/job${i}:out/job${i}.txt`)).toBe(`made by out/job${i}.txt\n`);
        expect(git(repo, 'rev-parse', `hew/job${i}^`).trim()).toBe(head);
      }
    }
    expect(git(repo, 'branch', '--list', 'hew/*').split('\n').filter(Boolean)).toHaveLength(4);
    // The user's tree, index and HEAD are as they were.
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(git(repo, 'rev-parse', 'HEAD').trim()).toBe(head);
    expect(existsSync(join(repo, 'out'))).toBe(false);
  });

  it('--shard 1/2 and 2/2 together run every task exactly once; human output goes to stderr', async () => {
    const world = await hewWorld().withTimeout(90_000).withScript(writeThenAnswer).build();
    const { repo, home } = world;
    const files = addTasks(repo, 8);
    const before = treeFingerprint(repo);
    const one = await world.hew(['batch', '--json', '--shard', '1/2', ...files]);
    const two = await world.hew(['batch', '--shard', '2/2', ...[...files].reverse()]);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toBe('');
    const firstTasks = resultLines(one).map((l) => l.task);
    const secondTasks = files.filter((f) => two.stderr.includes(`✓ ${f}  completed`));
    expect([...firstTasks, ...secondTasks].sort()).toEqual(files);
    expect(new Set([...firstTasks, ...secondTasks]).size).toBe(8);
    expect(firstTasks.length).toBeGreaterThan(0);
    expect(secondTasks.length).toBeGreaterThan(0);
    expect(two.stderr).toMatch(/task\s+status\s+exit\s+check\s+files\s+duration/);
    expect(two.stderr).toMatch(new RegExp(`${secondTasks.length} tasks?.*${secondTasks.length} passed`));
    expect(runCount(home)).toBe(8);
    expect(treeFingerprint(repo)).toBe(before);

    // `hew report` turns the JSONL results into Markdown; an unreadable file is exit 2.
    const results = join(home.state, 'results-1.jsonl');
    writeFileSync(results, `${one.stdout}{"task":"cut off`);
    const report = await world.hew(['report', results]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain(`**${firstTasks.length} tasks**: ${firstTasks.length} passed, 0 failed, 0 interrupted`);
    for (const line of resultLines(one)) expect(report.stdout).toContain(`| ✅ | ${line.task} | completed | 0 | – | 1 |`);
    const unreadable = await world.hew(['report', results, join(home.state, 'nope.jsonl')]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/nope\.jsonl: cannot read it: it does not exist/);

    const bad = await world.hew(['batch', '--shard', '3/2', ...files]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--shard: expected I\/N/);
  });

  it('Ctrl-C interrupts the running tasks, starts no more, saves every run and exits 130', async () => {
    const world = await hewWorld().withTimeout(90_000).withScript(byJob(() => ({ outputs: [{ tool: 'shell', args: { command: 'sleep 30' } }] }))).build();
    const { repo, home } = world;
    const files = addTasks(repo, 3);
    const before = treeFingerprint(repo);
    let pid = 0;
    const running = world.hew(['batch', '--json', '--concurrency', '2', ...files], { onSpawn: (p) => (pid = p), timeoutMs: 25_000 });
    // Wait until both running tasks are inside their `sleep 30`.
    const runsDir = join(home.state, 'hew', 'runs');
    const sleeping = (): number =>
      existsSync(runsDir)
        ? readdirSync(runsDir).filter((id) => {
            const events = join(runsDir, id, 'events.jsonl');
            return existsSync(events) && /"item\.started".*"command_execution"/.test(readFileSync(events, 'utf8'));
          }).length
        : 0;
    for (let i = 0; i < 200 && sleeping() < 2; i++) await sleep(100);
    expect(sleeping()).toBe(2);
    process.kill(pid, 'SIGINT');
    const result = await running;

    expect(result.code, result.stderr).toBe(130);
    const lines = resultLines(result);
    expect(lines, result.stdout + result.stderr).toHaveLength(3);
    const interrupted = lines.filter((l) => l.status === 'interrupted');
    expect(interrupted).toHaveLength(2);
    for (const line of interrupted) {
      expect(line.exit_code).toBe(130);
      expect(meta(home, line.run_id as string)).toMatchObject({ status: 'interrupted', exit_code: 130 });
    }
    expect(lines.filter((l) => l.status === 'not_started')).toEqual([expect.objectContaining({ task: 'tasks/job3.md', run_id: null, exit_code: 130 })]);
    expect(runCount(home)).toBe(2);
    expect(treeFingerprint(repo)).toBe(before);
  });

  it('bad input anywhere stops everything before it starts (exit 2)', async () => {
    const world = await hewWorld().withTimeout(90_000).withScript(writeThenAnswer).build();
    const { repo, home } = world;
    const files = addTasks(repo, 3, (i) => (i === 2 ? 'max_turns: lots\n' : ''));

    const malformed = await world.hew(['batch', ...files]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/tasks\/job2\.md:3: front-matter key "max_turns"/);
    expect(malformed.stderr).toMatch(/nothing was run/);
    expect(malformed.stdout).toBe('');

    const missing = await world.hew(['batch', 'tasks/job1.md', 'tasks/nope.md']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/tasks\/nope\.md: cannot read the task file: it does not exist/);

    const apply = await world.hew(['batch', '--apply', 'tasks/job1.md']);
    expect(apply.code).toBe(2);
    expect(apply.stderr).toMatch(/--apply: .*--branch-prefix/);

    git(repo, 'branch', 'hew/job1');
    const taken = await world.hew(['batch', '--apply', '--branch-prefix', 'hew/', 'tasks/job1.md']);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/branch hew\/job1 already exists/);

    const concurrency = await world.hew(['batch', '--concurrency', '0', 'tasks/job1.md']);
    expect(concurrency.code).toBe(2);

    expect(world.requests).toHaveLength(0);
    expect(runCount(home)).toBe(0);
  });
});
