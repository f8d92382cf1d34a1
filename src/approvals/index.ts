// Approvals as data in the core: the policy, remembered rules, the gate, the approvers, the items.
import { createApprovalGate } from './gate.ts';
import { noApproverNote } from './notes.ts';
import type { ApprovalAnswer, ApprovalPolicy, ApprovalRequest } from '../protocol/approval.ts';

export { createApprovalGate } from './gate.ts';
export type { ApprovalGate } from './gate.ts';
export { policyApprover, scriptedApprover } from './approvers.ts';
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
