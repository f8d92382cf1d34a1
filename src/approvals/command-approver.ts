// The approver command the user configured (config `approver`, docs/background.md): a program on the
// host that gets each approval request as one JSON object on stdin and answers one JSON object on
// stdout (approver-answer.ts). It runs through runHostCommand (no shell, its own process group, killed
// at `approver_timeout_ms` or on interrupt, in the user's home with the user's environment).
//
// - Everything in the request is redacted first; the model's command and justification reach it only
//   as JSON string values on stdin, never in its command line.
// - Anything but a well-formed answer in time (no answer, bad JSON, an unknown decision, a non-zero
//   exit, a timeout, too much output) is a failure whose reason says which: headless fronts deny it,
//   the TUI passes it to the person with the failure shown.
// - An interrupt (the request's signal) kills it and rejects, as a person's withdrawn question does.
// - It never decides a request made because there is no usable sandbox (reason `no_sandbox`: the
//   command would run directly on this machine): it approves commands inside sandboxed runs and does
//   not replace a sandbox. The TUI, which opens without one, passes such a request to the person
//   without asking the command; a headless front never gets one (it stops with exit 6).
// - Nor a write outside the working copy (reason `outside_copy`: the remember tool's user scope, read
//   by every later run and never reviewed in a diff): only a person approves that. The TUI passes it
//   to the person without asking the command; a headless front denies it.
import { describeHostFailure, runHostCommand } from '../hooks/host-command.ts';
import type { HostCommandResult } from '../hooks/host-command.ts';
import type { ApprovalAnswer, ApprovalRequest } from '../protocol/approval.ts';
import type { Redactor } from '../secrets/redact.ts';
import { boundReason, parseApproverAnswer } from './approver-answer.ts';
import type { ApproverDecision } from './approver-answer.ts';
import { approverAskedNote, approverDenialNote, approverFailedNote, headlessDenialNote } from './notes.ts';
import type { HeadlessFront } from './approvers.ts';
import type { Approver, FirstApprover } from './types.ts';

/** The configured command: config `approver` and `approver_timeout_ms`. */
export interface ApproverCommand {
  argv: readonly string[];
  timeoutMs: number;
}

export interface ApproverContext {
  /** The run's redactor: the request, and the approver's reason, pass through it. */
  redactor: Pick<Redactor, 'text' | 'value'>;
  /** The run and repository the request comes from (asked at each request: the TUI's `/new` changes them). */
  where?: () => { run_id: string; repo: string } | null;
  /** The run's log: a failing approver's output goes there in full. */
  log?: (text: string) => void;
  /** Default: runHostCommand (tests may inject). */
  runCommand?: typeof runHostCommand;
}

/** What the approver command said, or why it said nothing usable (`failed`). */
export type CommandVerdict = { decision: ApproverDecision; reason: string } | { decision: 'failed'; reason: string };

/** The JSON object written to the approver's stdin (redacted): the request as the TUI shows it. */
export function approverRequestJson(req: ApprovalRequest, ctx: ApproverContext): string {
  const where = ctx.where?.() ?? null;
  const body = {
    type: 'approval.request',
    ...(where ? { run_id: where.run_id, repo: where.repo } : {}),
    tool: req.tool,
    command: req.command,
    ...(req.argv ? { argv: req.argv } : {}),
    cwd: req.cwd,
    sandboxed: req.sandboxed,
    network: req.network,
    ...(req.sandbox ? { sandbox: req.sandbox } : {}),
    ...(req.sandbox_permissions ? { sandbox_permissions: req.sandbox_permissions } : {}),
    ...(req.justification !== undefined ? { justification: req.justification } : {}),
    reason: req.reason,
    reasons: req.reasons ?? [],
    ...(req.mcp_server !== undefined ? { mcp_server: req.mcp_server } : {}),
  };
  return `${JSON.stringify(ctx.redactor.value(body))}\n`;
}

/** Why the approver command was not asked about a request with no usable sandbox. */
export const NO_SANDBOX_NOT_ASKED = 'there is no usable sandbox, so the command would run directly on this machine; the approver does not decide that';

function lacksSandbox(req: ApprovalRequest): boolean {
  return (req.reasons ?? []).includes('no_sandbox');
}

/** Why the approver command was not asked about a write outside the working copy. */
export const OUTSIDE_COPY_NOT_ASKED = 'it would write outside the working copy (your global instructions file); only a person approves that, not the approver';

function writesOutside(req: ApprovalRequest): boolean {
  return req.writes_outside !== undefined || (req.reasons ?? []).includes('outside_copy');
}

/** Runs the approver on one request. Rejects only when `signal` aborted (the turn was interrupted). */
export async function askApproverCommand(cmd: ApproverCommand, req: ApprovalRequest, ctx: ApproverContext, signal: AbortSignal): Promise<CommandVerdict> {
  if (signal.aborted) throw new Error('interrupted by the user');
  const run = ctx.runCommand ?? runHostCommand;
  const result = await run({ argv: cmd.argv, purpose: 'approver', stdin: approverRequestJson(req, ctx), timeoutMs: cmd.timeoutMs, signal });
  if (signal.aborted) throw new Error('interrupted by the user');
  const verdict = verdictOf(cmd, result);
  const reason = ctx.redactor.text(verdict.reason);
  if (verdict.decision === 'failed') ctx.log?.(`hew: the approver denied ${JSON.stringify(req.command)}: it ${reason}\n${ctx.redactor.text(result.output)}\n`);
  return { decision: verdict.decision, reason };
}

function verdictOf(cmd: ApproverCommand, result: HostCommandResult): CommandVerdict {
  if (result.timedOut) return { decision: 'failed', reason: `timed out after ${cmd.timeoutMs} ms (approver_timeout_ms)` };
  if (result.exitCode !== 0) {
    // "the approver command `x` exited with code 3: last lines" — from the exit on.
    const how = describeHostFailure('approver', cmd.argv, result);
    return { decision: 'failed', reason: boundReason(how.slice(how.indexOf(' exited ') + 1)) };
  }
  const parsed = parseApproverAnswer(result.stdout);
  return parsed.ok ? { decision: parsed.decision, reason: parsed.reason } : { decision: 'failed', reason: parsed.problem };
}

/**
 * The approver of a headless front (`exec`, `batch`, `watch`) when `approver` is configured: "approve"
 * runs the command, "deny" and every failure deny it, and "ask" denies it too (nobody is there to ask).
 */
export function commandApprover(cmd: ApproverCommand, ctx: ApproverContext, front: HeadlessFront = 'exec'): Approver {
  return {
    canApprove: true,
    decider: 'approver_command',
    async decide(req, signal): Promise<ApprovalAnswer> {
      const reasons = req.reasons ?? [];
      const by = 'approver_command' as const;
      if (lacksSandbox(req)) return { decision: 'denied', note: approverDenialNote(NO_SANDBOX_NOT_ASKED, reasons, req.mcp_server), by, reason: NO_SANDBOX_NOT_ASKED };
      if (writesOutside(req)) return { decision: 'denied', note: headlessDenialNote(reasons, front, req.mcp_server), by, reason: OUTSIDE_COPY_NOT_ASKED };
      const verdict = await askApproverCommand(cmd, req, ctx, signal);
      switch (verdict.decision) {
        case 'approve':
          return { decision: 'approved', by, reason: verdict.reason };
        case 'deny':
          return { decision: 'denied', note: approverDenialNote(verdict.reason, reasons, req.mcp_server), by, reason: verdict.reason };
        case 'ask':
          return { decision: 'denied', note: approverAskedNote(verdict.reason, reasons, front, req.mcp_server), by, reason: boundReason(`asked for a person, and none is there: ${verdict.reason || 'no reason given'}`) };
        case 'failed':
          return { decision: 'denied', note: approverFailedNote(verdict.reason, reasons, req.mcp_server), by, reason: `the approver ${verdict.reason}` };
      }
    },
  };
}

/**
 * The approver command in front of a person (the TUI): "approve" and "deny" are final; "ask" — and a
 * failure, since a person is there to decide instead — passes the request on, with why.
 */
export function commandFirst(cmd: ApproverCommand, ctx: ApproverContext): FirstApprover {
  return {
    async decide(req, signal) {
      if (lacksSandbox(req)) return { decision: 'pass', reason: boundReason(`${NO_SANDBOX_NOT_ASKED}, so you decide`) };
      if (writesOutside(req)) return { decision: 'pass', reason: boundReason(`${OUTSIDE_COPY_NOT_ASKED}, so you decide`) };
      const verdict = await askApproverCommand(cmd, req, ctx, signal);
      const by = 'approver_command' as const;
      switch (verdict.decision) {
        case 'approve':
          return { decision: 'approved', by, reason: verdict.reason };
        case 'deny':
          return { decision: 'denied', note: approverDenialNote(verdict.reason, req.reasons ?? [], req.mcp_server), by, reason: verdict.reason };
        case 'ask':
          return { decision: 'pass', reason: boundReason(`your approver left this to you: ${verdict.reason || 'no reason given'}`) };
        case 'failed':
          return { decision: 'pass', reason: boundReason(`your approver failed (it ${verdict.reason}), so you decide`) };
      }
    },
  };
}
