// Opening an existing run again (`hew resume`, `hew exec --resume`): its working copy as it was left,
// and the model's conversation rebuilt from events.jsonl alone (records.ts). Calls the dead process
// never answered get an "Interrupted" output, and an interrupted run gets a note saying so, both
// added (and recorded) before the next prompt. A damaged run (meta.json, or events.jsonl before its
// last line) is refused with a DamagedRunError; a torn last line, what a crash leaves, is dropped with a note.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ConversationItem } from '../model/types.ts';
import { leftOutOf } from '../runs/meta.ts';
import type { RunMeta, RunStatus } from '../protocol/run-meta.ts';
import { readConversation, unansweredCalls } from '../runs/records.ts';
import type { Checkpoint } from '../runs/records.ts';
import type { Run } from '../runs/run.ts';
import type { WorkingCopy } from '../workcopy/create.ts';
import type { RepoInfo } from './repo-info.ts';

export const INTERRUPTED_OUTPUT = 'Interrupted: the hew process stopped before this finished.';

export function interruptionNote(how: 'killed' | 'user'): string {
  const why = how === 'killed' ? 'the process was killed' : 'it was stopped';
  return `[hew: this session was interrupted (${why}) and is resumed now; the working copy is as it was left; check the state before going on]`;
}

/** Bad input for resume or rewind (no copy, unknown step…): exit 2. */
export class ResumeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResumeError';
  }
}

export interface ResumeState {
  run: Run;
  meta: RunMeta;
  info: RepoInfo;
  copy: WorkingCopy;
  /** The conversation as the model last saw it. */
  items: ConversationItem[];
  /** To add (and record) before the next prompt: outputs for unanswered calls, the interruption note. */
  pending: ConversationItem[];
  /** The recorded system prompt, or null when the run recorded none. */
  instructions: string | null;
  lastStep: number;
  checkpoints: Checkpoint[];
  /** What the user should know about what was loaded (a torn last line dropped); shown, not sent. */
  notes: string[];
}

function tornTailNote(runId: string): string {
  return `run ${runId}: the last line of its events.jsonl was cut off (the process stopped while writing it) and is left out`;
}

/** The run's working copy as recorded in meta.json; a ResumeError when it was discarded or never finished. */
export function existingCopy(run: Run, meta: RunMeta): WorkingCopy {
  if (!existsSync(path.join(run.workDir, '.git'))) {
    const discarded = (meta as RunMeta & { discarded_at?: string }).discarded_at;
    throw new ResumeError(`run ${run.id}: its working copy ${discarded ? `was discarded (${discarded})` : 'does not exist'}; it cannot be continued`);
  }
  if (!meta.base_snapshot) throw new ResumeError(`run ${run.id}: its working copy was never finished (the run stopped while it was being made)`);
  return {
    root: run.workDir,
    source: meta.repo,
    kind: meta.kind,
    baseCommit: meta.base_commit,
    baseSnapshot: meta.base_snapshot,
    subdir: meta.subdir,
    skipped: leftOutOf(meta),
  };
}

/**
 * Everything needed to continue `run`. `lastStatus` is its status as the user sees it (a `running`
 * run whose process is gone counts as `interrupted`); `killed` says the process died without closing.
 */
export function loadResume(run: Run, opts: { lastStatus: RunStatus; killed: boolean }): ResumeState {
  const meta = run.meta();
  const copy = existingCopy(run, meta);
  const transcript = run.readTranscript();
  const replayed = readConversation(transcript.lines);
  const pending: ConversationItem[] = unansweredCalls(replayed.items).map((callId) => ({ type: 'function_call_output', call_id: callId, output: INTERRUPTED_OUTPUT }));
  if (opts.killed || opts.lastStatus === 'interrupted') {
    pending.push({ type: 'message', role: 'developer', content: interruptionNote(opts.killed ? 'killed' : 'user') });
  }
  return {
    run,
    meta,
    info: { top: meta.repo, subdir: meta.subdir, isGit: meta.kind === 'git', headCommit: meta.base_commit },
    copy,
    items: replayed.items,
    pending,
    instructions: replayed.instructions,
    lastStep: replayed.lastStep,
    checkpoints: replayed.checkpoints,
    notes: transcript.tornTail ? [tornTailNote(run.id)] : [],
  };
}
