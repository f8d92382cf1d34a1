// One or two sentences for the system prompt: how approvals work in this run and how to ask. Asking is
// offered only when someone can answer (`canApprove`, from the front's Approver): in a headless run
// every question would be denied, so the line says plainly that commands must work inside the sandbox.
// Who answers is said as it is: the user, or an approver program the user configured (`approver`),
// which reads the justification as data and may be stricter than a person.
import { hasNoUsableSandbox, isFullAccess } from './policy.ts';
import type { ApprovalPolicy, SandboxFacts } from '../protocol/approval.ts';

const HOW_TO_ASK = 'call shell with sandbox_permissions "require_escalated" (outside the sandbox)';
const HOW_TO_ASK_NETWORK = ' or "require_network" (network only)';
const READ_ONLY_EXAMPLES = 'read-only commands (ls, cat, rg, git status/diff/log …)';

export function approvalPromptLine(policy: ApprovalPolicy, sandbox: SandboxFacts, canApprove: boolean, decider: 'person' | 'approver_command' = 'person'): string {
  const whose = decider === 'person' ? "the user's approval" : 'the approval of an approver the user configured';
  const fullAccess = isFullAccess(sandbox);
  if (hasNoUsableSandbox(sandbox)) {
    if (policy === 'never') return 'No OS sandbox is available and approvals are off, so shell commands cannot run; use read_file, grep and apply_patch.';
    return canApprove
      ? `No OS sandbox is available, so every shell command needs ${whose} and may be denied; prefer read_file, grep and apply_patch, which need none.`
      : 'No OS sandbox is available and no one can approve commands in this run, so shell commands cannot run; use read_file, grep and apply_patch.';
  }
  if (!canApprove) {
    if (policy === 'untrusted') return `Only ${READ_ONLY_EXAMPLES} can run: no one can approve other commands in this run.`;
    if (fullAccess) return 'Commands run without a sandbox and without asking.';
    return `Commands run in the sandbox without asking, and no one can approve anything more in this run: every command must work inside the sandbox${sandbox.network ? '' : ', without network'}.`;
  }
  const who = decider === 'person' ? 'the user approves or denies it' : 'an approver program the user configured approves or denies it';
  const ask = `${HOW_TO_ASK}${sandbox.network ? '' : HOW_TO_ASK_NETWORK} with a one-sentence justification; ${who}.`;
  const untrusted = `Only ${READ_ONLY_EXAMPLES} run without ${whose}; others are asked first and may be denied.`;
  if (policy === 'never') {
    return fullAccess
      ? 'Commands run without a sandbox and nothing is asked.'
      : 'Commands run inside the sandbox and nothing can be approved: do not use sandbox_permissions.';
  }
  if (fullAccess) return policy === 'untrusted' ? untrusted : 'Commands run without a sandbox and without asking.';
  if (policy === 'untrusted') return `${untrusted} To run a command outside the sandbox, ${ask}`;
  return `Commands run in the sandbox without asking; only if one truly needs more, ${ask}`;
}
