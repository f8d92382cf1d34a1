// The run-lifecycle functions the run commands (diff, apply, discard, runs) share, on real run stores
// in temp directories, real git repositories and real processes: which repository the user is in,
// which run a RUN argument names, whether a run still runs (a live, a dead, a zombie and a reused
// pid), and what a run's working copy is.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { copyOf, effectiveStatus, markRun, openStore, processAlive, requireFinished, runsOf } from '../../src/runs/lifecycle.ts';
import { currentRepo, resolveRun } from '../../src/cli/run-ref.ts';
import type { RunMeta, RunMetaView, RunStatus } from '../../src/protocol/run-meta.ts';
import { UsageError } from '../../src/errors/usage-error.ts';
import { RunStore } from '../../src/runs/store.ts';
import { git, tempDir } from '../support/fixtures.ts';

const dirs: string[] = [];
function temp(prefix: string): string {
  const dir = realpathSync(tempDir(prefix));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A git repository with one commit and a subdirectory `src/`. */
function gitRepo(): string {
  const repo = temp('hew-run-ref-repo-');
  mkdirSync(path.join(repo, 'src'));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'commit', '-q', '--allow-empty', '-m', 'initial');
  return repo;
}

const newStore = (): RunStore => new RunStore(temp('hew-run-ref-state-'));
const runMeta = (repo: string, title = 'a task') => ({ repo, title, model: 'gpt-test', provider: 'openai' });
/** A run of `repo` that started at `at` and has finished. */
const finishedRun = (store: RunStore, repo: string, at: Date, title?: string) => store.create({ ...runMeta(repo, title), status: 'completed', pid: undefined }, at);

/** The pid of a process that has exited and been reaped (Node waits for its children). */
function deadPid(): number {
  const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(exited.stdout);
}

function usageMessage(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('currentRepo', () => {
  it('is the repository top from anywhere inside it, and a plain directory itself', () => {
    const repo = gitRepo();
    const plain = temp('hew-run-ref-plain-');
    const cases: Array<[string, string]> = [
      [repo, repo],
      [path.join(repo, 'src'), repo],
      [plain, plain],
    ];
    for (const [cd, top] of cases) expect(currentRepo(cd), cd).toBe(top);
  });

  it('without -C is the current directory’s repository', () => {
    const repo = gitRepo();
    const before = process.cwd();
    process.chdir(path.join(repo, 'src'));
    try {
      expect(currentRepo(undefined)).toBe(repo);
    } finally {
      process.chdir(before);
    }
  });

  it('takes a directory that no longer exists as itself (its runs are still found: runsOf)', () => {
    const gone = path.join(temp('hew-run-ref-gone-'), 'deleted-repo');
    expect(currentRepo(gone)).toBe(gone);
  });
});

describe('openStore', () => {
  it('opens the state directory the environment names', () => {
    const cases: Array<[NodeJS.ProcessEnv, string]> = [
      [{ XDG_STATE_HOME: '/x/state', HOME: '/x/home' }, '/x/state/hew'],
      [{ HOME: '/x/home' }, '/x/home/.local/state/hew'],
      [{ XDG_STATE_HOME: 'relative', HOME: '/x/home' }, '/x/home/.local/state/hew'],
    ];
    for (const [env, state] of cases) {
      const store = openStore(env);
      expect(store.stateDir, JSON.stringify(env)).toBe(state);
      expect(store.runsDir).toBe(path.join(state, 'runs'));
    }
  });
});

describe('resolveRun', () => {
  const store = newStore();
  const repo = gitRepo();
  const other = gitRepo();
  const older = finishedRun(store, repo, new Date(Date.UTC(2026, 0, 1, 10, 0, 0)), 'older');
  const newer = finishedRun(store, repo, new Date(Date.UTC(2026, 0, 1, 11, 0, 0)), 'newer');
  const otherRun = finishedRun(store, other, new Date(Date.UTC(2026, 0, 2, 9, 0, 0)), 'elsewhere');

  it('finds a run by its id or a unique prefix, from any directory', () => {
    const cases: Array<[string | undefined, string | undefined, string]> = [
      [older.id, undefined, older.id],
      [newer.id, other, newer.id],
      [otherRun.id.slice(0, 9), repo, otherRun.id], // `20260102-`: only the other repository's run
      [undefined, repo, newer.id], // no RUN: the latest run of the current repository
      ['', path.join(repo, 'src'), newer.id], // an empty RUN counts as none; a subdirectory is its repository
      [undefined, other, otherRun.id],
    ];
    for (const [ref, cd, id] of cases) expect(resolveRun(store, ref, cd).id, `${ref} in ${cd}`).toBe(id);
  });

  it('says what is wrong, and how to list the runs, when RUN names none or several', () => {
    const cases: Array<[string | undefined, string | undefined, string]> = [
      ['zzz', repo, 'no run matches "zzz" (list runs with `hew runs --all`)'],
      ['20260101-', repo, '"20260101-" matches 2 runs: '],
      [undefined, temp('hew-run-ref-empty-'), 'no runs for '],
    ];
    for (const [ref, cd, message] of cases) {
      const said = usageMessage(() => resolveRun(store, ref, cd));
      expect(said).toContain(message);
      expect(said).toContain('hew runs --all');
    }
  });
});

describe('runsOf', () => {
  it('finds the runs of a repository recorded under its real path or under a link to it, newest first', () => {
    const store = newStore();
    const repo = gitRepo();
    const link = path.join(temp('hew-run-ref-link-'), 'checkout');
    symlinkSync(repo, link);
    const byReal = finishedRun(store, repo, new Date(Date.UTC(2026, 0, 1)));
    const byLink = finishedRun(store, link, new Date(Date.UTC(2026, 0, 2)));
    finishedRun(store, gitRepo(), new Date(Date.UTC(2026, 0, 3)));
    const ids = (repoPath: string) => runsOf(store, repoPath).map((m) => m.id);
    expect(ids(link)).toEqual([byLink.id, byReal.id]);
    expect(ids(repo)).toEqual([byReal.id]);
  });

  it('still finds the runs of a repository that no longer exists', () => {
    const store = newStore();
    const repo = gitRepo();
    const run = finishedRun(store, repo, new Date());
    rmSync(repo, { recursive: true, force: true });
    expect(runsOf(store, repo).map((m) => m.id)).toEqual([run.id]);
  });
});

describe('processAlive and effectiveStatus', () => {
  const now = Date.now();
  const dead = deadPid();

  it('tell a live process from a dead one and from another process that reuses the pid', () => {
    const cases: Array<[string, number, number, boolean]> = [
      ['this process, for a run that started now', process.pid, now, true],
      ['this process, start unknown', process.pid, Number.NaN, true],
      ['an exited, reaped child', dead, now, false],
      // This process started moments ago: it cannot be the one that started a run a day ago.
      ['this process, for a run that started a day ago (pid reuse)', process.pid, now - 86_400_000, !existsSync('/proc/self/stat')],
    ];
    for (const [what, pid, startedMs, alive] of cases) expect(processAlive(pid, startedMs), what).toBe(alive);
  });

  it('counts a zombie (exited, never reaped) as dead', async () => {
    if (!existsSync('/proc/self/stat')) return;
    // sh starts a child that waits for a line on fd 3, then becomes `sleep`, which never reaps it.
    const parent = spawn('sh', ['-c', '(read line <&3) & echo $!; exec 3<&-; exec sleep 60'], { stdio: ['ignore', 'pipe', 'ignore', 'pipe'] });
    try {
      const child = Number(await new Promise<string>((resolve) => (parent.stdio[1] as Readable).once('data', (d: Buffer) => resolve(d.toString()))));
      expect(processAlive(child, now)).toBe(true);
      (parent.stdio[3] as Writable).end('exit now\n');
      await untilZombie(child);
      expect(processAlive(child, now)).toBe(false);
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('show a running run whose process is gone as interrupted, and any other status as written', () => {
    const meta = (status: RunStatus, pid: number | undefined): RunMeta =>
      ({ id: 'x', status, pid, started_at: new Date(now).toISOString() }) as RunMeta;
    const cases: Array<[RunStatus, number | undefined, RunStatus]> = [
      ['running', process.pid, 'running'],
      ['running', dead, 'interrupted'],
      ['running', undefined, 'running'], // no pid recorded: nothing to check
      ['completed', dead, 'completed'],
      ['failed', process.pid, 'failed'],
      ['budget_exceeded', dead, 'budget_exceeded'],
      ['interrupted', process.pid, 'interrupted'],
    ];
    for (const [status, pid, shown] of cases) expect(effectiveStatus(meta(status, pid)), `${status} pid ${pid}`).toBe(shown);
  });
});

describe('requireFinished', () => {
  const started = new Date().toISOString();
  const meta = (status: RunStatus, pid: number): RunMeta => ({ id: '20260101-000000-abcd', status, pid, started_at: started }) as RunMeta;

  it('refuses a run that still runs, naming it, its pid and when to try again', () => {
    expect(usageMessage(() => requireFinished(meta('running', process.pid), 'apply'))).toBe(
      `run 20260101-000000-abcd is still running (pid ${process.pid}); apply it when it has finished`,
    );
  });

  it('lets a finished or interrupted run through', () => {
    for (const m of [meta('completed', process.pid), meta('failed', process.pid), meta('running', deadPid())]) {
      expect(() => requireFinished(m, 'discard'), m.status).not.toThrow();
    }
  });
});

describe('copyOf', () => {
  const store = newStore();
  const repo = gitRepo();

  it('gives a finished copy as the workcopy functions need it', () => {
    const run = store.create({ ...runMeta(repo), base_commit: 'abc123', base_snapshot: 'def456' });
    git(repo, 'init', '-q', run.workDir);
    expect(copyOf(run)).toEqual({ root: run.workDir, source: repo, kind: 'git', baseCommit: 'abc123', baseSnapshot: 'def456' });
  });

  it('refuses a copy that is gone, was discarded or was never finished, saying which', () => {
    const never = store.create(runMeta(repo));
    const discarded = store.create({ ...runMeta(repo), base_snapshot: 'def456' });
    markRun(discarded, { discarded_at: '2026-01-01T00:00:00.000Z' });
    const unfinished = store.create(runMeta(repo)); // stopped while its copy was being made: no base snapshot
    git(repo, 'init', '-q', unfinished.workDir);
    const cases: Array<[typeof never, string]> = [
      [never, `run ${never.id}: its working copy does not exist; only its transcript remains (${never.eventsPath})`],
      [discarded, `run ${discarded.id}: its working copy was discarded (2026-01-01T00:00:00.000Z); only its transcript remains`],
      [unfinished, `run ${unfinished.id}: its working copy was never finished (the run stopped while it was being made)`],
    ];
    for (const [run, message] of cases) expect(usageMessage(() => copyOf(run))).toContain(message);
  });
});

describe('markRun', () => {
  it('merges lifecycle fields into meta.json and keeps everything else', () => {
    const store = newStore();
    const run = finishedRun(store, gitRepo(), new Date());
    const before = run.meta();
    markRun(run, { applied_at: '2026-01-01T00:00:00.000Z', applied_branch: 'hew/fix' });
    markRun(run, { discarded_at: '2026-01-02T00:00:00.000Z' });
    const onDisk = JSON.parse(readFileSync(path.join(run.dir, 'meta.json'), 'utf8')) as RunMetaView;
    expect(onDisk).toEqual({ ...before, applied_at: '2026-01-01T00:00:00.000Z', applied_branch: 'hew/fix', discarded_at: '2026-01-02T00:00:00.000Z' });
    expect(store.open(run.id).meta()).toEqual(onDisk);
  });
});

/** Waits until `pid` is a zombie (its state in /proc/PID/stat is Z), polling /proc. */
async function untilZombie(pid: number): Promise<void> {
  for (;;) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
