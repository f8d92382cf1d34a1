// Pure policy evaluation: from the policy, the run's sandbox, what the model asked for and the
// command, decide whether a command runs as is ('allow'), needs a person ('ask') or cannot run
// ('deny'), and why. No I/O, no state — a table of cases in the tests.
import { isReadOnlyCommand } from './read-only.ts';
import type { ApprovalPolicy, ApprovalReason, SandboxFacts, SandboxPermissions } from '../protocol/approval.ts';

export interface PolicyInput {
  policy: ApprovalPolicy;
  sandbox: SandboxFacts;
  /** What the model asked for; default `use_default`. */
  permissions?: SandboxPermissions;
  /** The command as it will run: a bash script or an argv. */
  command: string | string[];
  /** The host file the request would write outside the working copy (a `writes_outside` request). */
  writesOutside?: string;
}

/** Where and how a command would run, before any approval. */
export interface RunPlan {
  /** False when nothing confines the command (escalated, no sandbox, or danger-full-access). */
  sandboxed: boolean;
  network: boolean;
  /** True when the command must run through the unsandboxed runner (it leaves a working sandbox). */
  escalate: boolean;
  /** True when the sandbox must open the network for this one command. */
  openNetwork: boolean;
}

export interface PolicyVerdict {
  action: 'allow' | 'ask' | 'deny';
  /** Empty for 'allow'. */
  reasons: ApprovalReason[];
  /** One sentence for the person (and the item); empty for 'allow'. */
  reason: string;
  plan: RunPlan;
}

export function hasNoUsableSandbox(sandbox: SandboxFacts): boolean {
  return sandbox.kind === 'none' && sandbox.mode !== 'danger-full-access';
}

export function isFullAccess(sandbox: SandboxFacts): boolean {
  return sandbox.kind === 'none' && sandbox.mode === 'danger-full-access';
}

/** How the command would run if allowed. Escalation and network are moot without a sandbox. */
export function planRun(sandbox: SandboxFacts, permissions: SandboxPermissions = 'use_default'): RunPlan {
  if (sandbox.kind === 'none') return { sandboxed: false, network: true, escalate: false, openNetwork: false };
  if (permissions === 'require_escalated') return { sandboxed: false, network: true, escalate: true, openNetwork: false };
  const openNetwork = permissions === 'require_network' && !sandbox.network;
  return { sandboxed: true, network: sandbox.network || openNetwork, escalate: false, openNetwork };
}

const REASON_TEXT: Record<ApprovalReason, string> = {
  no_sandbox: 'no OS sandbox is available, so the command would run directly on this machine',
  escalated: 'the model asked to run the command outside the sandbox',
  network: 'the model asked for network access',
  untrusted: 'the approval policy is untrusted and the command is not known to be read-only',
  outside_copy: 'hew would write outside the working copy, to your global instructions file',
};

function describeReasons(reasons: ApprovalReason[]): string {
  if (reasons.length === 0) return '';
  const text = reasons.map((r) => REASON_TEXT[r]).join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export function evaluatePolicy(input: PolicyInput): PolicyVerdict {
  const plan = planRun(input.sandbox, input.permissions);
  // A write outside the copy runs no command, so the sandbox says nothing about it; it skips the
  // review of the diff, so it always needs a person (whatever the sandbox, danger-full-access too).
  if (input.writesOutside !== undefined) {
    const reasons: ApprovalReason[] = ['outside_copy'];
    return { action: input.policy === 'never' ? 'deny' : 'ask', reasons, reason: describeReasons(reasons), plan };
  }
  const reasons: ApprovalReason[] = [];
  if (hasNoUsableSandbox(input.sandbox)) reasons.push('no_sandbox');
  if (plan.escalate) reasons.push('escalated');
  if (plan.openNetwork) reasons.push('network');
  if (input.policy === 'untrusted' && !isReadOnlyCommand(input.command)) reasons.push('untrusted');
  if (reasons.length === 0) return { action: 'allow', reasons, reason: '', plan };
  const action = input.policy === 'never' ? 'deny' : 'ask';
  return { action, reasons, reason: describeReasons(reasons), plan };
}
