// The task inbox behind `hew watch`: every `*.md` file in one directory is a task (SPEC §6), run once
// per content. Files are picked up only once their size has held still for `stabilityMs` (chokidar's
// awaitWriteFinish), so a file being written is not read half-way. A file that still does not parse
// then is given `invalidGraceMs` more to change (a writer may pause mid-file); if it stays broken, its
// result records why. `once` runs what is there and returns. Results go beside each task.
// The inbox is in a repository, which is not trusted: a task file is read only when it is a regular
// file inside `root` once links are resolved (src/fs/repo-file.ts). Anything else — a link to a host
// file, a FIFO, a device — is skipped with a warning: never read, never sent, no result written.
import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { watch } from 'chokidar';
import { emptyUsage } from '../model/usage.ts';
import type { RunResult, WatchResult } from '../protocol/run-result.ts';
import { exitCodeOf } from '../errors/hew-error.ts';
import { describeReason, UnreadableFileError } from '../fs/read-bounded.ts';
import { readRepoFile } from '../fs/repo-file.ts';
import { parseTaskText, TASK_FILE_MAX_BYTES } from './task-file.ts';
import type { TaskFile } from './task-file.ts';
import { TaskQueue } from './watch-queue.ts';
import { decide, isTaskFileName, readResult, resultPathFor, sha256, writeResultAtomic } from './watch-state.ts';

/** What running one task gave (the result file's fields, less what the inbox adds). */
export interface TaskRunSummary extends RunResult {
  final_message: string | null;
}

export interface TaskRunContext {
  path: string;
  /** The task as shown in results and status lines (relative to `base`). */
  name: string;
  signal: AbortSignal;
  /** Call once the run exists, for the status line. */
  started(runId: string): void;
}

/** Runs one task; may throw (the result then records the error, with the exit code `hew` exits with for it: `exitCodeOf`). */
export type RunTaskFn = (task: TaskFile, ctx: TaskRunContext) => Promise<TaskRunSummary>;

export interface InboxOptions {
  dir: string;
  /** Task files must resolve inside this directory: the repository, or (the default) the inbox itself. */
  root?: string;
  /** Task names are shown relative to this directory. */
  base: string;
  concurrency: number;
  runTask: RunTaskFn;
  /** Status lines: queued, started, finished, skipped, waiting, invalid. */
  log: (line: string) => void;
  onResult?: (result: WatchResult) => void;
  /** Stops watching; running tasks see it too (they end interrupted). */
  signal: AbortSignal;
  /** Run what is there now, then return. */
  once?: boolean;
  stabilityMs?: number;
  invalidGraceMs?: number;
}

const DEFAULT_STABILITY_MS = 500;
const DEFAULT_INVALID_GRACE_MS = 3000;

type Prepared =
  | { kind: 'gone' }
  | { kind: 'refused'; why: string }
  | { kind: 'skip'; result: WatchResult }
  | { kind: 'invalid'; error: string; sha: string }
  | { kind: 'run'; task: TaskFile; sha: string; reason: string };

/** Watches (or, with `once`, scans) the inbox until the signal aborts; returns the results it wrote. */
export async function runInbox(opts: InboxOptions): Promise<WatchResult[]> {
  const results: WatchResult[] = [];
  const graceTimers = new Map<string, NodeJS.Timeout>();
  const finalize = new Set<string>();
  const nameOf = (path: string): string => relative(opts.base, path) || basename(path);
  /** `VERB NAME REST`, e.g. `queued fix.md (new)`. */
  const log = (verb: string, path: string, rest = ''): void => opts.log(`${verb} ${nameOf(path)}${rest}`);

  const prepare = async (path: string): Promise<Prepared> => {
    let text: string;
    try {
      text = readRepoFile(opts.root ?? opts.dir, path, { maxBytes: TASK_FILE_MAX_BYTES, overLimit: 'refuse' }).bytes.toString('utf8');
    } catch (err) {
      if (err instanceof UnreadableFileError && err.reason.code !== 'missing') return { kind: 'refused', why: describeReason(err.reason) };
      return { kind: 'gone' };
    }
    const decision = decide(text, readResult(resultPathFor(path)));
    if (decision.action === 'skip') return { kind: 'skip', result: decision.result };
    const sha = sha256(text);
    try {
      return { kind: 'run', task: await parseTaskText(text, nameOf(path)), sha, reason: decision.reason };
    } catch (err) {
      return { kind: 'invalid', error: (err as Error).message, sha };
    }
  };

  const record = (path: string, result: WatchResult): void => {
    writeResultAtomic(resultPathFor(path), result);
    results.push(result);
    opts.onResult?.(result);
  };

  const waitForFix = (path: string, error: string): void => {
    clearTimeout(graceTimers.get(path));
    opts.log(`waiting: ${error} (recorded as invalid unless the file changes within ${opts.invalidGraceMs ?? DEFAULT_INVALID_GRACE_MS} ms)`);
    graceTimers.set(
      path,
      setTimeout(() => {
        graceTimers.delete(path);
        finalize.add(path);
        queue.push(path);
      }, opts.invalidGraceMs ?? DEFAULT_INVALID_GRACE_MS),
    );
  };

  const work = async (path: string): Promise<void> => {
    const final = opts.once === true || finalize.delete(path);
    const prepared = await prepare(path);
    if (prepared.kind === 'gone' || prepared.kind === 'skip' || prepared.kind === 'refused' || opts.signal.aborted) return;
    const name = nameOf(path);
    const title = prepared.kind === 'run' ? (prepared.task.title ?? prepared.task.prompt.split('\n')[0]!.slice(0, 72)) : basename(path);
    const base = { task: name, title, task_sha256: prepared.sha };
    if (prepared.kind === 'invalid') {
      if (!final) return waitForFix(path, prepared.error);
      opts.log(`invalid: ${prepared.error}`);
      record(path, { ...base, ...failedSummary(prepared.error, 2), finished_at: new Date().toISOString() });
      return;
    }
    const started = Date.now();
    let summary: TaskRunSummary;
    try {
      summary = await opts.runTask(prepared.task, { path, name, signal: opts.signal, started: (runId) => log('started', path, ` (run ${runId})`) });
    } catch (err) {
      summary = { ...failedSummary(err instanceof Error ? err.message : String(err), exitCodeOf(err)), duration_ms: Date.now() - started };
    }
    record(path, { ...base, ...summary, finished_at: new Date().toISOString() });
    const files = summary.files_changed.length;
    const check = summary.check ? ` · check ${summary.check.passed ? 'passed' : 'failed'}` : '';
    const error = summary.error ? ` · ${summary.error}` : '';
    log('finished', path, `: ${summary.status} (exit ${summary.exit_code}) · ${files} file(s) changed${check} · ${(summary.duration_ms / 1000).toFixed(1)}s${error}`);
  };

  const queue = new TaskQueue({ concurrency: opts.concurrency, work });
  const onAbort = (): void => queue.stop();
  opts.signal.addEventListener('abort', onAbort, { once: true });

  /** A file appeared or changed (and has held still). */
  const consider = async (path: string): Promise<void> => {
    clearTimeout(graceTimers.get(path));
    graceTimers.delete(path);
    const prepared = await prepare(path);
    if (prepared.kind === 'refused') {
      opts.log(`warning: ${nameOf(path)} was skipped, not read: it ${prepared.why}`);
    } else if (prepared.kind === 'skip') {
      log('skipped', path, `: already done (${prepared.result.status}${prepared.result.run_id ? `, run ${prepared.result.run_id}` : ''})`);
    } else if (prepared.kind === 'invalid') {
      if (opts.once) queue.push(path);
      else waitForFix(path, prepared.error);
    } else if (prepared.kind === 'run') {
      const pushed = queue.push(path);
      if (pushed === 'queued') log('queued', path, ` (${prepared.reason})`);
      else if (pushed === 'again') log('changed', path, ' while running: looked at again when it ends');
    }
  };

  try {
    if (opts.once) {
      const names = readdirSync(opts.dir).filter(isTaskFileName).sort();
      if (names.length === 0) opts.log(`no task files (*.md) in ${nameOf(opts.dir) || opts.dir}: nothing to do`);
      for (const name of names) await consider(join(opts.dir, name));
      await queue.idle();
      return results;
    }
    const stabilityThreshold = opts.stabilityMs ?? DEFAULT_STABILITY_MS;
    const watcher = watch(opts.dir, {
      depth: 0,
      // A link is reported as itself and refused when read; never followed into another directory.
      followSymlinks: false,
      ignoreInitial: false,
      awaitWriteFinish: { stabilityThreshold, pollInterval: Math.min(100, stabilityThreshold) },
      ignored: (path, stats) => stats?.isFile() === true && !isTaskFileName(basename(path)),
    });
    const onFile = (path: string): void => {
      if (isTaskFileName(basename(path))) void consider(path);
    };
    watcher.on('add', onFile).on('change', onFile);
    watcher.on('unlink', (path) => {
      clearTimeout(graceTimers.get(path));
      graceTimers.delete(path);
    });
    watcher.on('error', (err) => opts.log(`error: ${(err as Error).message}`));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    opts.log(`watching ${nameOf(opts.dir) || opts.dir} for task files (*.md)`);
    if (!opts.signal.aborted) await new Promise<void>((resolve) => opts.signal.addEventListener('abort', () => resolve(), { once: true }));
    await watcher.close();
    await queue.idle();
    return results;
  } finally {
    for (const timer of graceTimers.values()) clearTimeout(timer);
    opts.signal.removeEventListener('abort', onAbort);
  }
}

function failedSummary(error: string, exitCode: number): TaskRunSummary {
  return {
    run_id: null,
    status: 'failed',
    exit_code: exitCode,
    check: null,
    files_changed: [],
    total_usage: emptyUsage(),
    duration_ms: 0,
    final_message: null,
    error,
  };
}
