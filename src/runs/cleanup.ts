// Which runs a bulk clean-up takes (`hew discard --all`, `hew runs prune --older-than AGE`), as a pure
// verdict per run, tested as a table. A run that is still going is never taken, whatever its age: its
// copy is being written. A run with changes that were never applied is taken (the command is explicit)
// but counted, so the command can say how much unapplied work it removed.
import type { FileChange } from '../protocol/files.ts';
import type { RunStatus } from '../protocol/run-meta.ts';

/** What the verdict reads of a run (meta.json with its status as shown: a dead `running` run is `interrupted`). */
export interface CleanupFacts {
  status: RunStatus;
  started_at: string;
  ended_at: string | null;
  files_changed?: FileChange[];
  applied_at?: string;
  discarded_at?: string;
}

export type CleanupVerdict =
  /** Taken. */
  | 'take'
  /** Still running (its process is alive): never taken. */
  | 'running'
  /** Younger than the age asked for (prune only). */
  | 'recent'
  /** Its working copy is already gone (discard only: nothing to discard). */
  | 'discarded';

/** The run's age at `now`: since it ended, or since it started when it never recorded an end (killed). */
export function runAgeMs(run: Pick<CleanupFacts, 'started_at' | 'ended_at'>, now: number): number {
  const at = Date.parse(run.ended_at ?? run.started_at);
  return Number.isFinite(at) ? now - at : Number.POSITIVE_INFINITY;
}

/** `hew runs prune --older-than AGE`: the whole run (copy, transcript, meta) goes when it is older than AGE. */
export function pruneVerdict(run: CleanupFacts, now: number, olderThanMs: number): CleanupVerdict {
  if (run.status === 'running') return 'running';
  return runAgeMs(run, now) > olderThanMs ? 'take' : 'recent';
}

/** `hew discard --all`: each finished run's working copy goes (when it still has one). */
export function discardVerdict(run: CleanupFacts, copyExists: boolean): CleanupVerdict {
  if (run.status === 'running') return 'running';
  return copyExists ? 'take' : 'discarded';
}

/** The run changed files that were never applied and whose copy still holds them. */
export function hasUnappliedChanges(run: CleanupFacts, copyExists: boolean): boolean {
  return copyExists && (run.files_changed?.length ?? 0) > 0 && !run.applied_at;
}
