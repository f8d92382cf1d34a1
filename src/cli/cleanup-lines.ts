// What `hew discard --all` and `hew runs prune` share: choosing the runs a verdict takes (and counting
// those left because they run, and those with changes never applied), the second look at each run
// just before deleting it, and the lines they print about the runs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { hasUnappliedChanges, type CleanupFacts, type CleanupVerdict } from '../runs/cleanup.ts';
import type { Run } from '../runs/run.ts';
import type { RunStore } from '../runs/store.ts';
import { safeLine } from '../format/safe-text.ts';
import { effectiveStatus } from '../runs/lifecycle.ts';
import type { RunMetaView } from '../protocol/run-meta.ts';
import { elideEnd } from './runs.ts';

/** A cleanup's verdict on one run, from its meta.json and whether its working copy is there. */
export type RunVerdict = (facts: CleanupFacts, copyExists: boolean) => CleanupVerdict;

export interface Selection {
  taken: RunMetaView[];
  /** Runs left alone because they are running. */
  running: number;
  /** Taken runs whose changes were never applied. */
  unapplied: number;
}

const copyExists = (store: RunStore, id: string): boolean => existsSync(path.join(store.runsDir, id, 'work'));

/** The runs among METAS that VERDICT takes. */
export function selectRuns(store: RunStore, metas: readonly RunMetaView[], verdict: RunVerdict): Selection {
  const chosen: Selection = { taken: [], running: 0, unapplied: 0 };
  for (const meta of metas) {
    const facts = { ...meta, status: effectiveStatus(meta) };
    const copy = copyExists(store, meta.id);
    const said = verdict(facts, copy);
    if (said === 'running') chosen.running += 1;
    if (said !== 'take') continue;
    chosen.taken.push(meta);
    if (hasUnappliedChanges(facts, copy)) chosen.unapplied += 1;
  }
  return chosen;
}

/**
 * Removes each of TAKEN that VERDICT still takes, judged again from its meta.json as it is now: the
 * question may have stayed open for minutes, and a run resumed meanwhile (marked running by its new
 * process) or one whose meta.json became unreadable is left alone. Returns the runs removed.
 */
export function removeStillTaken(store: RunStore, taken: readonly RunMetaView[], verdict: RunVerdict, remove: (run: Run) => void): RunMetaView[] {
  const done: RunMetaView[] = [];
  for (const meta of taken) {
    let run: Run;
    let reading;
    try {
      run = store.open(meta.id);
      reading = run.inspectMeta();
    } catch {
      continue; // gone already, or no longer a real directory
    }
    if (!reading.ok) continue;
    const fresh = reading.meta as RunMetaView;
    if (verdict({ ...fresh, status: effectiveStatus(fresh) }, copyExists(store, meta.id)) !== 'take') continue;
    remove(run);
    done.push(meta);
  }
  return done;
}

/** ` (2 with changes never applied)`, or nothing. */
export function unappliedNote(count: number): string {
  return count === 0 ? '' : ` (${count} with changes never applied)`;
}

/** `; 2 still running, left alone`, or nothing. */
export function leftAloneNote(running: number): string {
  return running > 0 ? `; ${running} still running, left alone` : '';
}

/** One `  ID  TITLE` line per run, the title made safe and cut to fit 80 columns. */
export function runLines(runs: readonly RunMetaView[]): string {
  return runs.map((r) => `  ${r.id}  ${elideEnd(safeLine(r.title), 80 - r.id.length - 4)}\n`).join('');
}
