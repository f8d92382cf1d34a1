// One headless run from thread.started to thread.completed: make the run and its working copy,
// drive the session, run the task's check, report what changed. Every front end goes through here.
import { join } from 'node:path';
import { emptyUsage, stamper } from '../agent/events.ts';
import type { AgentEvent, CheckResult, FileChange, StampedEvent, ThreadStatus, Usage } from '../agent/events.ts';
import { Session } from '../agent/session.ts';
import type { TurnOutcome } from '../agent/run-turn.ts';
import { buildInstructions } from '../agent/system-prompt.ts';
import type { ModelClient } from '../model/types.ts';
import type { RunStore } from '../runs/store.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { builtinTools, toolSpecs } from '../tools/registry.ts';
import { changedFiles, checkpoint } from '../workcopy/changes.ts';
import { createWorkingCopy } from '../workcopy/create.ts';
import type { WorkingCopy } from '../workcopy/create.ts';
import { EXIT, outcomeExit } from './exit-codes.ts';
import { repoInfo } from './repo-info.ts';

export interface ThreadOptions {
  /** The user's directory. */
  source: string;
  prompt: string;
  title?: string;
  model: ModelClient;
  sandbox: Sandbox;
  approval: string;
  network: boolean;
  store: RunStore;
  /** Receives every stamped event (already appended to the run's events.jsonl). */
  sink: (event: StampedEvent) => void;
  check?: string;
  maxSteps?: number;
  timeoutMs?: number;
  commandTimeoutMs?: number;
  deltas?: boolean;
  signal: AbortSignal;
}

export interface ThreadResult {
  runId: string;
  status: ThreadStatus;
  exitCode: number;
  finalMessage: string | null;
  filesChanged: FileChange[];
  usage: Usage;
  check?: CheckResult;
}

const CHECK_TIMEOUT_MS = 10 * 60_000;

export async function runThread(opts: ThreadOptions): Promise<ThreadResult> {
  const started = Date.now();
  const info = repoInfo(opts.source);
  const run = opts.store.create({
    repo: info.top,
    subdir: info.subdir,
    kind: info.isGit ? 'git' : 'plain',
    base_commit: info.headCommit,
    title: opts.title ?? titleOf(opts.prompt),
    model: opts.model.model,
    provider: opts.model.provider,
  });
  const emit = stamper((event) => {
    if (event.type !== 'item.delta') run.appendEvent(event);
    opts.sink(event);
  });
  emit({
    type: 'thread.started',
    thread_id: run.id,
    run_id: run.id,
    repo: info.top,
    working_copy: join(run.workDir, info.subdir),
    base_commit: info.headCommit,
    model: opts.model.model,
    provider: opts.model.provider,
    sandbox: opts.sandbox.mode,
    approval: opts.approval,
  });

  const controller = new AbortController();
  const onAbort = (): void => controller.abort(opts.signal.reason ?? 'interrupt');
  opts.signal.addEventListener('abort', onAbort, { once: true });
  if (opts.signal.aborted) onAbort();
  const timer = opts.timeoutMs ? setTimeout(() => controller.abort('timeout'), opts.timeoutMs) : undefined;

  // The copy is made while the first model request is in flight; tools wait for it.
  const copying = createWorkingCopy(info.top, run.workDir);
  copying.catch(() => undefined);
  let copy: WorkingCopy | null = null;
  const ready = copying.then((c) => {
    copy = c;
    run.updateMeta({ base_snapshot: c.baseSnapshot, base_commit: c.baseCommit });
  });
  ready.catch(() => undefined);

  const tools = builtinTools();
  const session = new Session({
    model: opts.model,
    tools,
    toolSpecs: toolSpecs(tools),
    instructions: buildInstructions({ root: run.workDir, subdir: info.subdir, sandbox: opts.sandbox.mode, network: opts.network }),
    toolContext: {
      root: run.workDir,
      sandbox: opts.sandbox,
      defaultTimeoutMs: opts.commandTimeoutMs,
      log: (text) => run.appendLog(text),
    },
    emit,
    maxSteps: opts.maxSteps,
    deltas: opts.deltas,
    ready,
    afterFileChange: async () => {
      if (copy) await checkpoint(copy, `hew: step ${session.steps}`);
    },
  });

  let outcome: TurnOutcome;
  try {
    outcome = await session.turn(opts.prompt, controller.signal);
    await ready;
  } catch (err) {
    outcome = controller.signal.aborted ? { status: 'interrupted' } : { status: 'failed', error: err as Error };
    if (outcome.status === 'failed') emit({ type: 'error', message: outcome.error.message, will_retry: false });
  }
  if (timer) clearTimeout(timer);
  opts.signal.removeEventListener('abort', onAbort);

  let { status, exitCode } = outcomeExit(outcome);
  let filesChanged: FileChange[] = [];
  const finalCopy = copy as WorkingCopy | null;
  if (finalCopy) {
    filesChanged = await changedFiles(finalCopy).catch(() => []);
  }
  let check: CheckResult | undefined;
  if (opts.check && finalCopy && status === 'completed') {
    check = await runCheck(opts.check, finalCopy, opts.sandbox, run.appendLog.bind(run));
    if (!check.passed) {
      status = 'failed';
      exitCode = EXIT.failed;
    }
  }
  const finalMessage = outcome.status === 'completed' ? outcome.finalMessage : null;
  const completed: AgentEvent = {
    type: 'thread.completed',
    status,
    exit_code: exitCode,
    final_message: finalMessage,
    files_changed: filesChanged,
    total_usage: session.usage ?? emptyUsage(),
    duration_ms: Date.now() - started,
    ...(check ? { check } : {}),
  };
  emit(completed);
  run.updateMeta({ status, ended_at: new Date().toISOString(), files_changed: filesChanged, exit_code: exitCode });
  return { runId: run.id, status, exitCode, finalMessage, filesChanged, usage: session.usage, check };
}

async function runCheck(command: string, copy: WorkingCopy, sandbox: Sandbox, log: (t: string) => void): Promise<CheckResult> {
  const result = await sandbox.run(
    { command, cwd: join(copy.root, copy.subdir), timeoutMs: CHECK_TIMEOUT_MS },
    new AbortController().signal,
  );
  log(`$ ${command}  # check\n${result.output}\n[exit ${result.exitCode}]\n`);
  return { command, exit_code: result.exitCode, passed: result.exitCode === 0 };
}

function titleOf(prompt: string): string {
  const line = prompt.trim().split('\n')[0] ?? '';
  return line.length > 72 ? `${line.slice(0, 71)}…` : line;
}
