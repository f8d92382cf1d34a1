// The approval seam: policy is data in the core; the only question asked back is through an Approver,
// which the TUI answers by asking the person and `exec` answers by policy (it never waits).
import type { ApprovalAnswer, ApprovalRequest } from '../protocol/approval.ts';

export interface Approver {
  /**
   * Whether this approver can ever say yes: true for a person (the TUI) or an approver that may
   * approve; false for one that denies every question at once (the headless fronts). The system prompt
   * and the shell tool offer `sandbox_permissions` only when it is true.
   */
  readonly canApprove: boolean;
  decide(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer>;
}
