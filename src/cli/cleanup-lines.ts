// The lines `hew discard --all` and `hew runs prune` print about the runs they take, and the second
// look they take at each run just before deleting it.
import type { CleanupFacts, CleanupVerdict } from '../runs/cleanup.ts';
import type { RunStore } from '../runs/store.ts';
import { safeLine } from '../terminal/safe-text.ts';
import { effectiveStatus, type RunMetaView } from './run-ref.ts';

/**
 * Whether the run is still to be taken, judged again from its meta.json as it is now: the question
 * may have stayed open for minutes, and a run resumed meanwhile (marked running by its new process)
 * or one whose meta.json became unreadable is left alone.
 */
export function stillTaken(store: RunStore, id: string, verdict: (facts: CleanupFacts) => CleanupVerdict): boolean {
  let reading;
  try {
    reading = store.open(id).inspectMeta();
  } catch {
    return false; // gone already, or no longer a real directory
  }
  if (!reading.ok) return false;
  const meta = reading.meta as RunMetaView;
  return verdict({ ...meta, status: effectiveStatus(meta) }) === 'take';
}

/** ` (2 with changes never applied)`, or nothing. */
export function unappliedNote(count: number): string {
  return count === 0 ? '' : ` (${count} with changes never applied)`;
}

/** One `  ID  TITLE` line per run, the title made safe and cut to fit 80 columns. */
export function runLines(runs: readonly RunMetaView[]): string {
  return runs.map((r) => `  ${r.id}  ${cut(safeLine(r.title), 80 - r.id.length - 4)}\n`).join('');
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
