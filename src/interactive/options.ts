// The options of the interactive controller: what the front (the CLI, the demo, a test) decides.
import type { LongRunOptions } from '../agent/long-run.ts';
import type { ApprovalPolicy } from '../protocol/approval.ts';
import type { ApproverCommand } from '../approvals/command-approver.ts';
import type { ModelClient } from '../model/types.ts';
import type { RunStore } from '../runs/store.ts';
import type { SandboxProbe } from '../sandbox/probe.ts';
import type { SandboxMode } from '../protocol/sandbox.ts';
import type { HooksConfig } from '../hooks/runner.ts';
import type { Notifier } from '../hooks/notify.ts';
import type { ResumeState } from '../thread/resume.ts';
import type { RepoInfo } from '../thread/repo-info.ts';
import type { ThreadSetup } from '../thread/thread.ts';
import type { Notice } from '../protocol/interactive.ts';
import type { SandboxLimits } from '../sandbox/limits.ts';

export interface InteractiveOptions {
  /** The user's directory (the repository, or a directory in it). */
  source: string;
  /** Where `source` sits as git says, asked by the front (the first thread uses it; `/new` asks again). */
  located?: RepoInfo;
  /** `--skip-git-repo-check`: a directory outside git is copied plainly. */
  skipGitRepoCheck?: boolean;
  model: ModelClient;
  /** Builds the client for `/model NAME`; without it `/model` says switching is not available. */
  modelFor?: (name: string) => ModelClient;
  sandboxMode: SandboxMode;
  /** The sandbox probe's answer, awaited before the controller is made (null: not probed, danger-full-access). */
  sandboxProbe: SandboxProbe | null;
  approval: ApprovalPolicy;
  network: boolean;
  store: RunStore;
  /** Step budget of each thread (as exec's --max-turns). */
  maxSteps?: number;
  commandTimeoutMs?: number;
  /** Process and memory limits inside the sandbox. */
  sandboxLimits?: SandboxLimits;
  /** item.delta events for streamed text and output (default true: the view streams them). */
  deltas?: boolean;
  /** Default `<state>/history.jsonl`. */
  historyFile?: string;
  /** Watch the user's repository for edits (default true). */
  watchRepo?: boolean;
  /** Shown (as a notice.info "Next") after the first turn that completes, e.g. the demo's hints. */
  nextSteps?: string[];
  /** Where the user's skills are (`HOME/.agents/skills`); default HOME (tests give their own). */
  skillsHome?: string | null;
  /** The run's title until the first prompt names it. */
  title?: string;
  /** Shown once at the start, after thread.started (e.g. a front's own warnings). */
  notices?: Notice[];
  /** $XDG_CONFIG_HOME/hew (the global AGENTS.md); null for none. */
  configDir?: string | null;
  /** `[mcp_servers]` of the user's config; their tools are added to every thread. */
  mcpServers?: ThreadSetup['mcpServers'];
  projectDocMaxBytes?: number;
  /** Context window, compaction, prices (shown in the status line) and the cost budget. */
  longRun?: LongRunOptions;
  /** The user's `[hooks]` (docs/hooks.md). */
  hooks?: HooksConfig;
  /** Config `setup`: run once in each new run's copy, with network, before its first request. */
  setup?: string;
  /** Which environment variables commands get (the run's policy; `store.redactor` hides their values). */
  envPolicy?: ThreadSetup['envPolicy'];
  /** `notify` (docs/background.md): turn.completed and approval.waiting; the front awaits it before exiting. */
  notifier?: Notifier;
  /** Config `approver`: asked before the person; its "approve"/"deny" are final, the rest reaches the person. */
  approverCommand?: ApproverCommand;
  /** Continue this run (`hew resume`) in the first thread instead of opening a new one. */
  resume?: ResumeState;
}
