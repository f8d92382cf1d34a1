// The JSON a `notify` command gets (protocol/notify.ts), built from what a front knows when something
// happened. Pure: the clock and hew's version come in. Everything in it is redacted with the run's
// redactor (a secret the model printed into its final message is `[REDACTED]`) and bounded, in bytes
// too (NOTIFY_PAYLOAD_MAX_BYTES), so the one argument stays below the kernel's limit on an argument
// (128 KiB) whatever the model wrote.
// Model text is carried as it is (JSON escapes its control characters): the payload is data for the
// user's program, which must treat it as untrusted (docs/background.md).
import type { CheckResult } from '../protocol/events.ts';
import type { ApprovalRequest } from '../protocol/approval.ts';
import type { NotifyApproval, NotifyPayload, NotifyStatus, NotifyType } from '../protocol/notify.ts';
import type { RunResult } from '../protocol/run-result.ts';
import { reviewCommands } from '../runs/next-steps.ts';
import type { Redactor } from '../secrets/redact.ts';

/** The most of the final message a payload carries (a cut one ends in NOTIFY_CUT_MARKER's form). */
export const NOTIFY_MESSAGE_MAX_CHARS = 2048;
/** The most changed paths a payload lists (`files_changed.count` is always the whole count). */
export const NOTIFY_PATHS_MAX = 50;
/** The most of one path, of an error, of an approval's command or justification. */
const FIELD_MAX_CHARS = 1024;
/**
 * The most bytes of the payload's JSON, well under the kernel's limit on one argument (128 KiB,
 * MAX_ARG_STRLEN; past it the command cannot start). Characters are not bytes — a CJK path is three
 * bytes a character — so the listed paths are cut further, from the end, to fit (`count` stays whole).
 */
export const NOTIFY_PAYLOAD_MAX_BYTES = 100 * 1024;

/** What a front knows when a run, task or turn ended, or an approval started waiting. */
export interface NotifyFacts {
  type: NotifyType;
  /** null when no run was kept. */
  runId: string | null;
  repository: string;
  status: NotifyStatus;
  exitCode: number | null;
  finalMessage: string | null;
  /** The changed files' paths as hew shows them (FileChange.path). */
  files: readonly string[];
  costUsd?: number;
  check?: CheckResult | null;
  error?: string;
  task?: { file: string; title: string };
  turn?: number;
  approval?: ApprovalRequest;
}

export interface PayloadContext {
  redactor: Redactor;
  version: string;
  now?: Date;
}

export function buildNotifyPayload(facts: NotifyFacts, ctx: PayloadContext): NotifyPayload {
  const text = (value: string, max: number): string => bounded(ctx.redactor.text(value), max);
  const changed = facts.files.length;
  const payload: NotifyPayload = {
    type: facts.type,
    timestamp: (ctx.now ?? new Date()).toISOString(),
    hew_version: ctx.version,
    run_id: facts.runId,
    repository: facts.repository,
    ...(facts.task ? { task: { file: text(facts.task.file, FIELD_MAX_CHARS), title: text(facts.task.title, FIELD_MAX_CHARS) } } : {}),
    ...(facts.turn !== undefined ? { turn: facts.turn } : {}),
    status: facts.status,
    exit_code: facts.exitCode,
    final_message: facts.finalMessage === null ? null : text(facts.finalMessage, NOTIFY_MESSAGE_MAX_CHARS),
    files_changed: { count: changed, paths: facts.files.slice(0, NOTIFY_PATHS_MAX).map((p) => text(p, FIELD_MAX_CHARS)) },
    cost_usd: facts.costUsd ?? null,
    ...(facts.check ? { check: { ...facts.check, command: text(facts.check.command, FIELD_MAX_CHARS) } } : {}),
    ...(facts.error !== undefined ? { error: text(facts.error, FIELD_MAX_CHARS) } : {}),
    commands: facts.runId !== null && changed > 0 ? reviewCommands(facts.runId) : null,
    ...(facts.approval ? { approval: approvalOf(facts.approval, (v) => text(v, FIELD_MAX_CHARS)) } : {}),
  };
  // A second pass over the whole (paths, the repository, the task's name): redaction is idempotent.
  return withinArgumentLimit(ctx.redactor.value(payload));
}

/** `payload` with its listed paths dropped from the end until its JSON fits NOTIFY_PAYLOAD_MAX_BYTES. */
function withinArgumentLimit(payload: NotifyPayload): NotifyPayload {
  const paths = [...payload.files_changed.paths];
  const fitted = (): NotifyPayload => ({ ...payload, files_changed: { ...payload.files_changed, paths } });
  while (paths.length > 0 && Buffer.byteLength(JSON.stringify(fitted())) > NOTIFY_PAYLOAD_MAX_BYTES) paths.pop();
  return fitted();
}

/**
 * The facts of a finished run from its result (what `hew batch` lines and `hew watch` result files
 * hold, and `exec` makes with runResultFields): `run.completed` or `task.completed`.
 */
export function factsOfResult(
  type: 'run.completed' | 'task.completed',
  result: RunResult,
  more: { repository: string; finalMessage: string | null; task?: { file: string; title: string } },
): NotifyFacts {
  return {
    type,
    runId: result.run_id,
    repository: more.repository,
    status: result.status,
    exitCode: result.exit_code,
    finalMessage: more.finalMessage,
    files: result.files_changed.map((f) => f.path),
    ...(result.total_cost_usd !== undefined ? { costUsd: result.total_cost_usd } : {}),
    check: result.check,
    ...(result.error !== undefined ? { error: result.error } : {}),
    ...(more.task ? { task: more.task } : {}),
  };
}

function approvalOf(req: ApprovalRequest, text: (value: string) => string): NotifyApproval {
  return {
    tool: text(req.tool),
    command: text(req.command),
    cwd: text(req.cwd),
    reason: text(req.reason),
    ...(req.justification !== undefined ? { justification: text(req.justification) } : {}),
    sandboxed: req.sandboxed,
    network: req.network,
  };
}

/**
 * `text` when it fits in `max` characters, else its first `max` characters (never half a surrogate
 * pair) and a marker: `… [cut: N more characters]`.
 */
export function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}… [cut: ${text.length - end} more characters]`;
}
