// Going back to an earlier step of a run: the copy's files become those of the checkpoint recorded
// for that step (the latest at or before it; step 0 is the base snapshot) — tracked files reset, files
// added since removed, ignored files (dependency mount points, build output) left alone — and a
// `hew.rewound` record cuts the conversation back to what it held at that checkpoint — the
// conversation as it was then, also when a compaction has replaced it since (records.ts keeps the
// generations compaction replaced). The copy's HEAD
// and branch stay the user's and its index the user's staged state (workcopy/snapshots.ts).
import type { RunMeta } from '../protocol/run-meta.ts';
import { checkpointFor, readConversation } from '../runs/records.ts';
import type { Checkpoint } from '../runs/records.ts';
import type { Run } from '../runs/run.ts';
import { restoreCheckpoint } from '../workcopy/snapshots.ts';
import { existingCopy, ResumeError } from './resume.ts';

export interface RewindResult {
  /** The step asked for. */
  step: number;
  /** The checkpoint restored (its step may be earlier than asked when later steps changed no files). */
  restored: Checkpoint;
  /** Conversation items dropped. */
  droppedItems: number;
}

/** The steps a run can go back to (0: the start, then every step that changed files). */
export function rewindSteps(run: Run, meta: RunMeta = run.meta()): { steps: number[]; lastStep: number } {
  const replayed = readConversation(run.readTranscript().lines);
  const steps = replayed.checkpoints.map((c) => c.step);
  if (replayed.baseItems !== null && meta.base_snapshot) steps.unshift(0);
  return { steps, lastStep: replayed.lastStep };
}

/** Restores `run` to `step`; a ResumeError (bad input) for a step it cannot go back to or a missing copy. */
export async function rewindRun(run: Run, step: number): Promise<RewindResult> {
  const meta = run.meta();
  const copy = existingCopy(run, meta);
  const replayed = readConversation(run.readTranscript().lines);
  const target = checkpointFor(replayed, step, copy.baseSnapshot);
  if (target === null) {
    const { steps, lastStep } = rewindSteps(run, meta);
    const list = steps.length ? steps.map((s) => (s === 0 ? '0 (the start)' : String(s))).join(', ') : 'none';
    throw new ResumeError(`run ${run.id} has no step ${JSON.stringify(String(step))} to go back to; it took ${lastStep} step(s); checkpoints: ${list}`);
  }
  await restoreCheckpoint(copy.root, target.commit);
  run.appendRecord({ type: 'hew.rewound', step: target.step, commit: target.commit, items: target.items, generation: target.generation });
  // Back before a compaction, the whole current (compacted) conversation is dropped.
  const kept = target.generation < replayed.generations.length ? 0 : target.items;
  return { step, restored: target, droppedItems: Math.max(0, replayed.items.length - kept) };
}
