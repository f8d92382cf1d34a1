// A run's lifecycle as the run commands (`hew runs`, `diff`, `apply`, `discard`, `resume`, `prune`)
// and the interactive front see it: the store, the runs of a repository, whether a run is still going
// (a `running` run whose process is gone counts as interrupted), whether its working copy still
// exists, and the lifecycle fields they add to meta.json.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors/usage-error.ts';
import type { LifecycleMeta, RunMeta, RunMetaView, RunStatus } from '../protocol/run-meta.ts';
import { stateDir } from './paths.ts';
import { RunStore, type Run } from './store.ts';

export function openStore(env: NodeJS.ProcessEnv = process.env): RunStore {
  return new RunStore(stateDir(env));
}

/** Runs of `repo` as it was recorded: by the path given or its real path (symlinked checkouts). */
export function runsOf(store: RunStore, repo: string): RunMeta[] {
  const paths = new Set([path.resolve(repo)]);
  try {
    paths.add(realpathSync(repo));
  } catch {
    // a repository that no longer exists still has runs recorded under its old path
  }
  if (paths.size === 1) return store.list({ repo });
  return store.list().filter((m) => paths.has(m.repo));
}

/** The status to show: a `running` run whose process is gone (killed, crashed) is `interrupted`. Never written back. */
export function effectiveStatus(meta: RunMeta): RunStatus {
  if (meta.status !== 'running' || meta.pid === undefined) return meta.status;
  return processAlive(meta.pid, Date.parse(meta.started_at)) ? 'running' : 'interrupted';
}

/**
 * Whether `pid` is a live process that could be the one that started at `startedMs`. A zombie is
 * not alive; on Linux a process that started after the run did is another process reusing the pid.
 */
export function processAlive(pid: number, startedMs: number = Number.NaN): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') return false;
  const startTicks = Number(fields[19]);
  const boot = bootTimeMs();
  if (!Number.isFinite(startedMs) || boot === null || !Number.isFinite(startTicks)) return true;
  const processStartMs = boot + (startTicks / 100) * 1000; // USER_HZ is 100 on Linux
  return processStartMs <= startedMs + 5_000;
}

function bootTimeMs(): number | null {
  try {
    const match = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    return match ? Number(match[1]) * 1000 : null;
  } catch {
    return null;
  }
}

/** Bad input unless the run has finished (a live run's copy is still being written). */
export function requireFinished(meta: RunMeta, what: string): void {
  if (effectiveStatus(meta) === 'running') {
    throw new UsageError(`run ${meta.id} is still running (pid ${meta.pid ?? '?'}); ${what} it when it has finished`);
  }
}

/** The run's working copy as the workcopy functions need it; bad input when it was discarded or never made. */
export function copyOf(run: Run): { root: string; source: string; kind: 'git' | 'plain'; baseCommit: string | null; baseSnapshot: string } {
  const meta = run.meta() as RunMetaView;
  if (!existsSync(path.join(run.workDir, '.git'))) {
    const why = meta.discarded_at ? `was discarded (${meta.discarded_at})` : 'does not exist';
    throw new UsageError(`run ${run.id}: its working copy ${why}; only its transcript remains (${run.eventsPath})`);
  }
  if (!meta.base_snapshot) {
    throw new UsageError(`run ${run.id}: its working copy was never finished (the run stopped while it was being made)`);
  }
  return { root: run.workDir, source: meta.repo, kind: meta.kind, baseCommit: meta.base_commit, baseSnapshot: meta.base_snapshot };
}

/** Merges lifecycle fields into meta.json. */
export function markRun(run: Run, patch: LifecycleMeta): void {
  const update: Partial<RunMeta> & LifecycleMeta = patch;
  run.updateMeta(update);
}
