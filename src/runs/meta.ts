// The shape of a run's `meta.json` and reading it back tolerantly (a missing or damaged file is null).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileChange, Usage } from '../agent/events.ts';
import { RUN_FILES } from './paths.ts';

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
}

/** What `create` needs; the rest has defaults (status running, now, this pid, no changes yet…). */
export type NewRunMeta = Pick<RunMeta, 'repo' | 'title' | 'model' | 'provider'> & Partial<Omit<RunMeta, 'id' | 'working_copy'>>;

/** Reads `<dir>/meta.json`; null when it is missing, not JSON, or lacks id/repo/started_at. */
export function readMeta(dir: string): RunMeta | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(dir, RUN_FILES.meta), 'utf8'));
    if (parsed === null || typeof parsed !== 'object') return null;
    const meta = parsed as Partial<RunMeta>;
    if (typeof meta.id !== 'string' || typeof meta.repo !== 'string' || typeof meta.started_at !== 'string') return null;
    return parsed as RunMeta;
  } catch {
    return null;
  }
}
