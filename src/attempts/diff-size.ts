// The size of an attempt's change, as the ranking compares it: files changed, and lines added and
// removed since the run's base snapshot (`git diff --numstat`, workcopy/stat.ts).
import type { RunStore } from '../runs/store.ts';
import { diffStat } from '../workcopy/stat.ts';

export interface DiffSize {
  files: number;
  added: number;
  removed: number;
}

/** `files` is the run's files_changed count; the lines are counted in its copy (0 when they cannot be). */
export async function diffSize(store: RunStore, runId: string, files: number): Promise<DiffSize> {
  try {
    const run = store.open(runId);
    const meta = run.meta();
    const stats = await diffStat({ root: run.workDir, baseSnapshot: meta.base_snapshot, kind: meta.kind });
    return { files, added: stats.reduce((n, s) => n + s.added, 0), removed: stats.reduce((n, s) => n + s.removed, 0) };
  } catch {
    return { files, added: 0, removed: 0 };
  }
}
