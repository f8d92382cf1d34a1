// The lines `hew discard --all` and `hew runs prune` print about the runs they take.
import { safeLine } from '../terminal/safe-text.ts';
import type { RunMetaView } from './run-ref.ts';

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
