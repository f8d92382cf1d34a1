// The approval seam: policy is data in the core; the only question asked back is through an Approver,
// which the TUI answers by asking the person and `exec` answers by policy (it never waits) or, when
// the user configured one, by the approver command (command-approver.ts).
import type { ApprovalAnswer, ApprovalRequest } from '../protocol/approval.ts';

export interface Approver {
  /**
   * Whether this approver can ever say yes: true for a person (the TUI) or an approver that may
   * approve; false for one that denies every question at once (the headless fronts). The system prompt
   * and the shell tool offer `sandbox_permissions` only when it is true.
   */
  readonly canApprove: boolean;
  /** Who decides, for the system prompt: a person (the default) or the approver command the user configured. */
  readonly decider?: 'person' | 'approver_command';
  decide(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer>;
}

/** What a FirstApprover leaves to the front's Approver, with why (shown with the request). */
export interface Passed {
  decision: 'pass';
  reason: string;
}

/**
 * Answers before the front's Approver, which then sees only what it passes on: the approver command in
 * the TUI. A request it decides is never shown to the person as a question.
 */
export interface FirstApprover {
  decide(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer | Passed>;
}
