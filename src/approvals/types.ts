// The approval seam: policy is data in the core; the only question asked back is through an Approver,
// which the TUI answers by asking the person and `exec` answers by policy (it never waits).

export type ApprovalPolicy = 'untrusted' | 'on-request' | 'never';

export interface ApprovalRequest {
  /** The tool asking: 'shell', or 'mcp__server__tool' later. */
  tool: string;
  /** The command exactly as the user will see it (what an "always" rule is scoped to). */
  command: string;
  /** The argv when known (prefix rules match on it). */
  argv?: string[];
  cwd: string;
  /** False when the command would run outside the sandbox. */
  sandboxed: boolean;
  /** True when the command would get network access. */
  network: boolean;
  /** The model's reason for asking, when it asked to leave the sandbox or use the network. */
  justification?: string;
  /** Why hew needs an approval for this (shown to the person). */
  reason: string;
}

export type ApprovalDecision = 'approved' | 'approved_always' | 'denied';

export interface ApprovalAnswer {
  decision: ApprovalDecision;
  /** A note for the model (e.g. why it was denied). */
  note?: string;
}

export interface Approver {
  decide(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalAnswer>;
}
