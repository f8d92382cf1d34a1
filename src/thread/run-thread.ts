// One headless run from thread.started to thread.completed: make the run and its working copy,
// drive the session, run the task's check, report what changed. Every front end goes through here.
import { join } from 'node:path';
import { emptyUsage, stamper } from '../agent/events.ts';
import { createApprovalGate, isApprovalPolicy, policyApprover } from '../approvals/index.ts';
import type { ApprovalGate } from '../approvals/index.ts';
import type { AgentEvent, CheckResult, FileChange, StampedEvent, ThreadStatus, Usage } from '../agent/events.ts';
import { Session } from '../agent/session.ts';
import type { TurnOutcome } from '../agent/run-turn.ts';
import { buildInstructions } from '../agent/system-prompt.ts';
import type { ModelClient } from '../model/types.ts';
import type { RunStore } from '../runs/store.ts';
import { approvalPromptLine } from '../approvals/prompt.ts';
import { DeferredSandbox } from '../sandbox/deferred.ts';
import type { SandboxMode } from '../sandbox/types.ts';
import { builtinTools, toolSpecs } from '../tools/registry.ts';
import type { ToolContext } from '../tools/types.ts';
import { changedFiles, checkpoint } from '../workcopy/changes.ts';
import { runCheck } from './check.ts';
import { EXIT, outcomeExit } from './exit-codes.ts';
import { repoInfo } from './repo-info.ts';
import { expectedVisibleRoot, prepareWorkspace } from './workspace.ts';
import type { Workspace } from './workspace.ts';

export interface ThreadOptions {
  /** The user's directory. */
  source: string;
  prompt: string;
  title?: string;
  model: ModelClient;
  sandboxMode: SandboxMode;
  approval: string;
  network: boolean;
  /** Told when there is no usable sandbox (why, and how to fix it). */
  onWarning?: (message: string) => void;
  store: RunStore;
  /** Receives every stamped event (already appended to the run's events.jsonl). */
  sink: (event: StampedEvent) => void;
  check?: string;
  maxSteps?: number;
  timeoutMs?: number;
  commandTimeoutMs?: number;
  deltas?: boolean;
  signal: AbortSignal;
  /** The approval gate; default: the `approval` policy with the headless approver (denies, never waits). */
  approvals?: ApprovalGate;
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
    sandbox: opts.sandboxMode,
    approval: opts.approval,
  });

  const controller = new AbortController();
  const onAbort = (): void => controller.abort(opts.signal.reason ?? 'interrupt');
  opts.signal.addEventListener('abort', onAbort, { once: true });
  if (opts.signal.aborted) onAbort();
  const timer = opts.timeoutMs ? setTimeout(() => controller.abort('timeout'), opts.timeoutMs) : undefined;

  // The copy and its sandbox are made while the first model request is in flight; tools wait.
  const sandbox = new DeferredSandbox(opts.sandboxMode);
  const toolContext: Omit<ToolContext, 'signal' | 'onOutput'> = {
    root: run.workDir,
    visibleRoot: expectedVisibleRoot({ top: info.top, workDir: run.workDir, mode: opts.sandboxMode }),
    sandbox,
    defaultTimeoutMs: opts.commandTimeoutMs,
    log: (text) => run.appendLog(text),
  };
  let workspace: Workspace | null = null;
  const ready = prepareWorkspace({ top: info.top, workDir: run.workDir, mode: opts.sandboxMode, network: opts.network }).then((ws) => {
    workspace = ws;
    sandbox.set(ws.sandbox);
    toolContext.unsandboxed = ws.unsandboxed;
    toolContext.visibleRoot = ws.visibleRoot;
    if (ws.warning) opts.onWarning?.(ws.warning);
    run.updateMeta({ base_snapshot: ws.copy.baseSnapshot, base_commit: ws.copy.baseCommit });
  });
  ready.catch(() => undefined);

  const policy = isApprovalPolicy(opts.approval) ? opts.approval : 'on-request';
  const expectedSandbox = { kind: opts.sandboxMode === 'danger-full-access' ? ('none' as const) : ('bwrap' as const), mode: opts.sandboxMode, network: opts.network };
  const tools = builtinTools();
  const session = new Session({
    model: opts.model,
    tools,
    toolSpecs: toolSpecs(tools),
    instructions: buildInstructions({
      root: toolContext.visibleRoot ?? run.workDir,
      subdir: info.subdir,
      sandbox: opts.sandboxMode,
      network: opts.network,
      approvals: approvalPromptLine(policy, expectedSandbox),
    }),
    toolContext,
    emit,
    maxSteps: opts.maxSteps,
    deltas: opts.deltas,
    approvals: opts.approvals ?? createApprovalGate({ policy, approver: policyApprover('exec') }),
    ready,
    afterFileChange: async () => {
      const ws = workspace as Workspace | null;
      if (ws) await checkpoint(ws.copy, `hew: step ${session.steps}`);
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
  const ws = workspace as Workspace | null;
  if (ws) {
    filesChanged = await changedFiles(ws.copy).catch(() => []);
  }
  let check: CheckResult | undefined;
  if (opts.check && ws && status === 'completed') {
    check =
      ws.sandbox.kind === 'none' && ws.sandbox.mode !== 'danger-full-access'
        ? { command: opts.check, exit_code: 126, passed: false }
        : await runCheck(opts.check, ws.copy, ws.sandbox, run.appendLog.bind(run), opts.signal);
    if (check.exit_code === 126 && ws.sandbox.kind === 'none') opts.onWarning?.('the check was not run: no usable sandbox (run `hew doctor`, or use -s danger-full-access)');
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

function titleOf(prompt: string): string {
  const line = prompt.trim().split('\n')[0] ?? '';
  return line.length > 72 ? `${line.slice(0, 71)}…` : line;
}
