// Approvals as data in the core: the policy, remembered rules, the gate, the approvers, the items.
import { createApprovalGate } from './gate.ts';
import { noApproverNote } from './notes.ts';
import type { ApprovalAnswer, ApprovalPolicy, ApprovalRequest } from '../protocol/approval.ts';

export type * from './types.ts';
export { createApprovalGate } from './gate.ts';
export type { ApprovalGate, ApprovalGateOptions, ApprovalObserver, CheckOptions } from './gate.ts';
export { evaluatePolicy, planRun, describeReasons, hasNoUsableSandbox, isFullAccess } from './policy.ts';
export type { PolicyInput, PolicyVerdict, RunPlan } from './policy.ts';
export { isReadOnlyCommand, commandParts } from './read-only.ts';
export { parseScript } from './shell-words.ts';
export type { SimpleCommand, Redirect } from './shell-words.ts';
export { ApprovalRules, rememberablePrefix } from './rules.ts';
export type { ApprovalRule } from './rules.ts';
export { policyApprover, scriptedApprover } from './approvers.ts';
export type { HeadlessFront, ScriptedApprover } from './approvers.ts';
export { approvalRequester } from './requester.ts';
export type { RequestApproval } from './requester.ts';
export { approvalPromptLine } from './prompt.ts';

const APPROVAL_POLICIES: readonly ApprovalPolicy[] = ['untrusted', 'on-request', 'never'];

export function isApprovalPolicy(value: string): value is ApprovalPolicy {
  return (APPROVAL_POLICIES as readonly string[]).includes(value);
}

/** Used when a tool context has no `requestApproval`: the default policy, and every question denied. */
const unwired = createApprovalGate({
  policy: 'on-request',
  approver: { canApprove: false, decide: (req) => Promise.resolve({ decision: 'denied', note: noApproverNote(req.reasons ?? []) }) },
});

export function requestWithoutApprover(req: ApprovalRequest): Promise<ApprovalAnswer> {
  return unwired.check(req);
}
