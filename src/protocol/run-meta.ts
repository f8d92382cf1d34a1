// A run as it is kept on disk (`meta.json` in the run's directory; docs/runs.md) and as `hew runs`
// and the run commands read it. Types only.
import type { FileChange, LeftOut } from './files.ts';
import type { Usage } from './usage.ts';

export type RunStatus = 'running' | 'completed' | 'failed' | 'interrupted' | 'budget_exceeded';

export interface RunMeta {
  id: string;
  status: RunStatus;
  /** Absolute path of the user's repository top (or plain directory). */
  repo: string;
  working_copy: string;
  kind: 'git' | 'plain';
  base_commit: string | null;
  base_snapshot: string;
  subdir: string;
  title: string;
  model: string;
  provider: string;
  started_at: string;
  ended_at: string | null;
  files_changed: FileChange[];
  exit_code: number | null;
  pid?: number;
  /** Tokens of the whole run, written when it ends. */
  total_usage?: Usage;
  /** USD of the whole run, when the prices were known. */
  total_cost_usd?: number;
  /** What the working copy left out, and why (written when the copy is made; absent when nothing). */
  left_out?: LeftOut[];
  /** One attempt of a best-of-N group (`--attempts N`): the group's id (the first attempt's run id), its 1-based index, and N. */
  attempt?: AttemptOf;
  /** Set on the group's chosen attempt once the attempts were ranked. */
  chosen?: boolean;
}

/** The most attempts of one task (best of N: `--attempts`, config and front matter `attempts`). */
export const MAX_ATTEMPTS = 8;

export interface AttemptOf {
  group: string;
  index: number;
  of: number;
}

/** Lifecycle fields the run commands add to meta.json (not part of RunMeta's core shape). */
export interface LifecycleMeta {
  /** When `hew apply` last brought the run's changes into the user's tree. */
  applied_at?: string;
  /** The branch `hew apply --branch` created. */
  applied_branch?: string;
  /** When `hew discard` deleted the working copy. */
  discarded_at?: string;
  /** `hew pick` applied this attempt of its group (the user's choice; hew's own `chosen` stays as ranked). */
  picked_by_user?: boolean;
}

export type RunMetaView = RunMeta & LifecycleMeta;
