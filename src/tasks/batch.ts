// `hew batch`: many task files, each in its own working copy and sandbox, run concurrently in this
// process through the headless runner. Each finished task becomes one result line; an interrupt stops
// new tasks from starting and interrupts the running ones (each run is saved as interrupted).
// With a branch name per task, a successful task's result is put on that branch of the user's repo.
import type { StampedEvent } from '../protocol/events.ts';
import type { RunMeta } from '../protocol/run-meta.ts';
import type { RunStore } from '../runs/store.ts';
import type { Redactor } from '../secrets/redact.ts';
import { EXIT } from '../protocol/exit-codes.ts';
import { runThread } from '../thread/run-thread.ts';
import type { ThreadOptions } from '../thread/run-thread.ts';
import { createRunBranch } from '../workcopy/branch.ts';
import { exitCodeOf } from '../errors/hew-error.ts';
import { emptyUsage } from '../model/usage.ts';
import { notStartedLine, runFailureOf, runResultFields } from './result-line.ts';
import type { BatchResultLine } from '../protocol/run-result.ts';
import { runPool } from './scheduler.ts';
import { Slots } from './slots.ts';
import { runAttempts } from '../attempts/run-attempts.ts';

export interface BatchTask {
  /** The task file, normalised (relative, forward slashes): the `task` of its result line. */
  task: string;
  title: string;
  /** Everything runThread needs except the interrupt signal and the event sink. */
  thread: Omit<ThreadOptions, 'signal' | 'sink' | 'store'>;
  /** On success, create this branch in the user's repository holding the run's result. */
  branch?: string;
  /** The run's own redactor (its environment policy); default: the store's. */
  redactor?: Redactor;
  /** Best of N: this many attempts (front matter or config `attempts`), each taking a slot of the concurrency. */
  attempts?: number;
}

export interface BatchOptions {
  tasks: readonly BatchTask[];
  concurrency: number;
  store: RunStore;
  /** Aborted on Ctrl-C: no new task starts, running ones are interrupted. */
  signal: AbortSignal;
  onStart?: (task: BatchTask) => void;
  /** Each task's line, as it finishes (tasks never started come last). */
  onResult?: (line: BatchResultLine) => void;
  /** Every event of every run (already stored in its events.jsonl); default: dropped. */
  onEvent?: (task: BatchTask, event: StampedEvent) => void;
}

export async function runBatch(opts: BatchOptions): Promise<BatchResultLine[]> {
  const branches = serial();
  // Every run (a task's one run, or each attempt of a best-of-N task) takes a slot of the concurrency;
  // the pool itself only keeps the tasks' lines in order.
  const slots = new Slots(opts.concurrency, opts.signal);
  return runPool({
    items: opts.tasks,
    concurrency: opts.tasks.length,
    signal: opts.signal,
    skipped: (task) => notStartedLine(task.task, task.title),
    onResult: (line) => opts.onResult?.(line),
    worker: async (task) => {
      const line = (task.attempts ?? 1) > 1 ? await runAttemptsOf(task, opts, slots) : await runInSlot(task, opts, slots);
      if (task.branch !== undefined && line.exit_code === EXIT.ok && line.run_id !== null) {
        const runId = line.run_id;
        const name = task.branch;
        await branches(() => addBranch(opts.store, runId, name, line));
      }
      return line;
    },
  });
}

/** The batch's exit code: 130 when interrupted, else 0 when every task succeeded, else 1. */
export function batchExitCode(lines: readonly BatchResultLine[], interrupted: boolean): number {
  if (interrupted || lines.some((l) => l.status === 'not_started')) return EXIT.interrupted;
  return lines.every((l) => l.exit_code === EXIT.ok) ? EXIT.ok : EXIT.failed;
}

async function runInSlot(task: BatchTask, opts: BatchOptions, slots: Slots): Promise<BatchResultLine> {
  const release = await slots.acquire();
  if (!release) return notStartedLine(task.task, task.title);
  try {
    opts.onStart?.(task);
    return await runOne(task, opts);
  } finally {
    release();
  }
}

/** A best-of-N task: its attempts each take a slot; its line is the chosen run's, listing the attempts. */
async function runAttemptsOf(task: BatchTask, opts: BatchOptions, slots: Slots): Promise<BatchResultLine> {
  const started = Date.now();
  let begun = false;
  const failures = new Map<string, string>();
  const { timeoutMs, ...thread } = task.thread;
  try {
    const group = await runAttempts({
      thread: { ...thread, title: task.title, store: task.redactor ? opts.store.withRedactor(task.redactor) : opts.store },
      of: task.attempts ?? 1,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      signal: opts.signal,
      sink: (event) => {
        const failure = runFailureOf(event);
        if (failure !== undefined && event.run_id) failures.set(event.run_id, failure);
        opts.onEvent?.(task, event);
      },
      slot: async () => {
        const release = await slots.acquire();
        if (release && !begun) {
          begun = true;
          opts.onStart?.(task);
        }
        return release;
      },
    });
    if (!group) return notStartedLine(task.task, task.title);
    const fields = runResultFields(group.result, Date.now() - started, failures.get(group.result.runId));
    return { task: task.task, title: task.title, ...fields, attempts: group.summaries };
  } catch (err) {
    return failedLine(task, opts, started, err as Error);
  }
}

async function runOne(task: BatchTask, opts: BatchOptions): Promise<BatchResultLine> {
  const started = Date.now();
  let failure: string | undefined;
  try {
    const result = await runThread({
      ...task.thread,
      title: task.title,
      store: task.redactor ? opts.store.withRedactor(task.redactor) : opts.store,
      signal: opts.signal,
      sink: (event) => {
        failure = runFailureOf(event) ?? failure;
        opts.onEvent?.(task, event);
      },
    });
    return { task: task.task, title: task.title, ...runResultFields(result, Date.now() - started, failure) };
  } catch (err) {
    return failedLine(task, opts, started, err as Error);
  }
}

/** The run could not even be made (e.g. the state directory is not writable): a failed task. */
function failedLine(task: BatchTask, opts: BatchOptions, started: number, err: Error): BatchResultLine {
  return {
    task: task.task,
    title: task.title,
    run_id: null,
    status: opts.signal.aborted ? 'interrupted' : 'failed',
    exit_code: opts.signal.aborted ? EXIT.interrupted : EXIT.failed,
    check: null,
    files_changed: [],
    total_usage: emptyUsage(),
    duration_ms: Date.now() - started,
    error: err.message,
  };
}

/** Puts the run's result on branch `name`; on failure the line says why and counts as bad input (exit 2). */
async function addBranch(store: RunStore, runId: string, name: string, line: BatchResultLine): Promise<void> {
  const run = store.open(runId);
  const meta = run.meta();
  try {
    const source = { root: run.workDir, source: meta.repo, kind: meta.kind, baseCommit: meta.base_commit, baseSnapshot: meta.base_snapshot };
    const made = await createRunBranch(source, name, `${meta.title || 'hew run'}\n\nhew run ${run.id} (hew batch: ${line.task})`);
    line.branch = made.branch;
    run.updateMeta({ applied_branch: made.branch } as Partial<RunMeta>);
  } catch (err) {
    line.exit_code = exitCodeOf(err); // a BranchError (invalid or taken name) is bad input: 2
    line.error = `could not create branch ${name}: ${(err as Error).message}`;
  }
}

/** Runs the given jobs one at a time (branches are fetched into one repository: no lock contention). */
function serial(): <T>(job: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (job) => {
    const next = tail.then(job, job);
    tail = next.catch(() => undefined);
    return next;
  };
}
