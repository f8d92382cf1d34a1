// An approval as the protocol carries it: what a tool asks to do, and the answer. The same request
// reaches the TUI's prompt, a headless front's approver and the event stream. Types only.
import type { SandboxKind, SandboxMode } from './sandbox.ts';

export type ApprovalPolicy = 'untrusted' | 'on-request' | 'never';

/** What the model asked for with the shell tool's `sandbox_permissions` argument. */
export type SandboxPermissions = 'use_default' | 'require_escalated' | 'require_network';

/**
 * Why a request needs an approval:
 * - `no_sandbox`: the run has no usable sandbox (kind `none`, mode not `danger-full-access`);
 * - `escalated`: the model asked to run outside a working sandbox;
 * - `network`: the model asked for network the sandbox does not give by default;
 * - `untrusted`: the policy is `untrusted` and the command is not known to be read-only;
 * - `outside_copy`: the tool would write outside the working copy (the remember tool's user scope).
 */
export type ApprovalReason = 'no_sandbox' | 'escalated' | 'network' | 'untrusted' | 'outside_copy';

/** The run's sandbox as the tool saw it. */
export interface SandboxFacts {
  kind: SandboxKind;
  mode: SandboxMode;
  network: boolean;
}

export interface ApprovalRequest {
  /**
   * The id of the item this request gates (the `command_execution` or `mcp_tool_call` that started
   * just before it), so a front can show the question on that tool call (ACP's toolCallId).
   */
  item_id?: string;
  /** The tool asking: 'shell', or an MCP tool's name (`mcp__server__tool`). */
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
  /** What the model asked for; absent means `use_default`. */
  sandbox_permissions?: SandboxPermissions;
  /** The run's sandbox; absent is treated as "no usable sandbox" (everything asks). */
  sandbox?: SandboxFacts;
  /** Filled in by the gate: every reason this request needs an approval. */
  reasons?: ApprovalReason[];
  /**
   * Set for an MCP tool call: the server's name. hew does not sandbox what a server does, so no
   * sandbox flag allows such a call; denial notes name the fix (`trusted = true` for that server).
   */
  mcp_server?: string;
  /** Set when the request would write a file outside the working copy (on the host): its path. Always asks. */
  writes_outside?: string;
}

/**
 * `approved_always` / `denied_always`: the same answer for later commands that start with the same
 * words, for this session (a rule; see docs/approvals.md). A later request a rule answers is recorded
 * as `approved` / `denied` with `decided_by: 'rule'`.
 */
export type ApprovalDecision = 'approved' | 'approved_always' | 'denied' | 'denied_always';

export interface ApprovalAnswer {
  decision: ApprovalDecision;
  /** A note for the model (e.g. why it was denied). */
  note?: string;
  /**
   * Set by the gate: what decided — the policy alone, a remembered rule, the front's Approver (a
   * person, or a headless front's refusal), or the approver command the user configured (`approver`).
   */
  by?: 'policy' | 'rule' | 'approver' | 'approver_command';
  /** The decider's own reason, recorded in the approval item (the approver command's `reason`; bounded, redacted). */
  reason?: string;
}
