// The tool seam: one zod schema per tool; the loop validates arguments and maps results to items.
import type { z } from 'zod';
import type { ItemBody } from '../protocol/events.ts';
import type { ApprovalAnswer, ApprovalRequest } from '../protocol/approval.ts';
import type { JsonSchema } from '../model/types.ts';
import type { HookRunner } from '../hooks/runner.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { MemoryLimits } from '../memory/check.ts';
import type { Skill } from '../skills/discover.ts';

export interface ToolContext {
  /** Absolute path of the working copy root on the host; tool paths are relative to it. */
  root: string;
  /**
   * Where the copy appears to the model and inside the sandbox (the user's repository path when the
   * sandbox mounts the copy there). Absolute paths under it are mapped to `root`. Default: `root`.
   */
  visibleRoot?: string;
  sandbox: Sandbox;
  /** Runs a command with no sandbox at all; used only for an approved request to leave the sandbox. */
  unsandboxed?: Sandbox;
  /**
   * Asks the approval gate (policy, remembered rules, then the front's Approver) and records the
   * request and decision as an `approval` item. Absent: everything that would need approval is denied.
   */
  requestApproval?: (req: ApprovalRequest) => Promise<ApprovalAnswer>;
  signal: AbortSignal;
  /** Streams text (command output) for `item.delta` events. */
  onOutput?: (chunk: string) => void;
  /** Appends to the run's full log (uncapped command output lives here). */
  log?: (text: string) => void;
  /** Default timeout for shell commands, ms. */
  defaultTimeoutMs?: number;
  /** The user's `[hooks]` (before_command, after_patch), run in `sandbox` in the copy. */
  hooks?: HookRunner;
  /** What the remember tool needs (absent: it refuses): the caps, the secret rules, where the user's global instructions live. */
  memory?: MemoryContext;
  /** The run's skills (src/skills/), for the skill tool: a repository skill is read from `root`. */
  skills?: readonly Skill[];
}

export interface MemoryContext {
  limits: MemoryLimits;
  /** $XDG_CONFIG_HOME/hew, where the user's global AGENTS.md lives; null: user scope is not available. */
  configDir: string | null;
}

export interface ToolOutcome {
  /** What the model reads as the function call output. */
  output: string;
  /** The item as it is when finished (type-specific fields). */
  item: ItemBody;
  status: 'completed' | 'failed' | 'declined';
}

export interface Tool<A = unknown> {
  name: string;
  description: string;
  schema: z.ZodType<A>;
  /** The JSON schema the model gets, when it is not derived from `schema` (MCP tools bring their own). */
  parameters?: JsonSchema;
  /** The item shown while the tool runs (cheap; must not throw). */
  begin(args: A, ctx: ToolContext): ItemBody;
  run(args: A, ctx: ToolContext): Promise<ToolOutcome>;
}

// Tools are stored heterogeneously; each validates its own args before run.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTool = Tool<any>;
