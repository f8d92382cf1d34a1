// Carrying out a conflict-free apply plan in the user's tree, in two phases around a journal:
// - prepare: the journal is created (exclusively: it is also the lock against a second apply on the
//   same tree) and flushed in hew's state directory; every user file is checked against the plan and
//   its lstat signature noted; each new version is written, flushed, into one staging directory at the
//   tree's top (`.hew-apply-XXXXXXXX`); the old bytes go to a flushed backup file beside the journal.
//   Nothing the user sees has changed yet: an interrupt, a full disk or a race here removes the
//   staging directory and the journal, and the tree is exactly as it was.
// - commit: the journal says `commit`; deletions, then renames from the staging directory into place,
//   each after checking the path still has the signature noted in prepare. This phase is short and is
//   not stopped by an interrupt. If a path moved meanwhile, or a step fails, everything already done is
//   put back from memory. Then the touched directories are flushed and the journal removed.
// A SIGKILL or power cut at any point leaves the journal; apply-recover.ts finishes or undoes it.
import { lstat, mkdir, realpath, rm, rmdir } from './path-fs.ts';
import os from 'node:os';
import path from 'node:path';
import { readUserEntry, sameState } from './apply-read.ts';
import type { PlannedWrite } from './apply-plan.ts';
import { BlockedPathError, moveIntoPlace, newStagingName, removePath, syncDir, writeStaged } from './apply-fs.ts';
import {
  createJournal,
  journalFiles,
  recordOf,
  removeJournal,
  updateJournal,
  writeBackup,
  type Journal,
  type JournalEntry,
  type JournalFiles,
} from './apply-journal.ts';
import { ApplyInterruptedError, ApplyRaceError, ApplyUndoError } from './apply-errors.ts';
import { isNotFound } from '../fs/not-found.ts';
import { eachLimit } from './pool.ts';

export { ApplyInterruptedError, ApplyRaceError, ApplyUndoError } from './apply-errors.ts';

/** A named point of an apply: `prepare` before staging file N, `commit` before moving file N into place. */
export type ApplyPoint = 'prepare' | 'commit';

export interface WriteOptions {
  /** Where the journal lives: hew's state directory (default: a directory in the system temp dir, for library use). */
  stateDir?: string;
  /** The run being applied (recorded in the journal, for the messages of a recovery). */
  runId?: string;
  /** True once the user asked to stop: honoured until the commit phase starts. */
  interrupted?: () => boolean;
  /** Called before each step (a test seam for signals at a named point; it can only delay the apply). */
  pause?: (point: ApplyPoint, index: number) => Promise<void>;
}

/** What lstat said about a path in prepare (null: absent); compared again just before the commit touches it. */
type Signature = string | null;

/** The journal directory library callers get when they name no state directory. */
function defaultStateDir(): string {
  return path.join(os.tmpdir(), `hew-state-${process.getuid?.() ?? 'user'}`);
}

/** Writes every planned change under `root`, all or nothing. */
export async function writePlan(root: string, writes: PlannedWrite[], opts: WriteOptions = {}): Promise<void> {
  const ordered = [...writes.filter((w) => w.target === null), ...writes.filter((w) => w.target !== null)];
  if (ordered.length === 0) return;
  const real = await realpath(root);
  const files = journalFiles(opts.stateDir ?? defaultStateDir(), real);
  const staging = newStagingName();
  const stagingAbs = path.join(root, staging);
  const journal = journalOf(real, opts.runId ?? '', staging, ordered);
  await createJournal(files, journal);

  let signatures: Map<string, Signature>;
  try {
    await mkdir(stagingAbs);
    signatures = await prepare(root, stagingAbs, ordered, opts);
    await writeBackup(files, ordered.flatMap((w) => (w.ours?.type === 'file' ? [w.ours.data] : [])));
    await syncDir(stagingAbs);
    if (opts.interrupted?.()) throw new ApplyInterruptedError();
    await updateJournal(files, { ...journal, phase: 'commit' });
  } catch (err) {
    await rm(stagingAbs, { recursive: true, force: true });
    await removeJournal(files);
    throw err;
  }
  await commit(root, stagingAbs, ordered, signatures, files, opts);
}

function journalOf(root: string, runId: string, staging: string, ordered: PlannedWrite[]): Journal {
  let offset = 0;
  const entries = ordered.map((w, i): JournalEntry => {
    let backup: JournalEntry['backup'] = null;
    if (w.ours?.type === 'file') {
      backup = { offset, length: w.ours.data.length, ...(w.ours.perm !== undefined ? { perm: w.ours.perm } : {}) };
      offset += w.ours.data.length;
    }
    return { path: w.path, action: w.action, before: recordOf(w.ours), after: recordOf(w.target), temp: w.target === null ? null : String(i), backup };
  });
  return { version: 1, repo: root, run_id: runId, pid: process.pid, started_at: new Date().toISOString(), phase: 'prepare', staging, entries };
}

/** Checks every user path against the plan, notes its signature, and stages every new version. */
async function prepare(root: string, stagingAbs: string, ordered: PlannedWrite[], opts: WriteOptions): Promise<Map<string, Signature>> {
  const signatures = new Map<string, Signature>();
  const indexed = ordered.map((w, i) => ({ w, i }));
  // Every worker stops at its next step once one failed, and all have stopped before this returns,
  // so nothing is staged after the caller removes the staging directory.
  let failed = false;
  const outcomes = await eachSettled(indexed, 8, async ({ w, i }) => {
    if (failed) return;
    if (opts.interrupted?.()) throw new ApplyInterruptedError();
    await opts.pause?.('prepare', i);
    if (opts.interrupted?.()) throw new ApplyInterruptedError();
    const signature = await signatureOf(path.join(root, w.path));
    const now = (await readUserEntry(root, w.path)).state;
    const same = w.ours?.type === 'directory' ? now?.type === 'directory' : sameState(now, w.ours);
    if (!same) throw new ApplyRaceError(w.path);
    signatures.set(w.path, signature);
    if (w.target !== null) await writeStaged(path.join(stagingAbs, String(i)), w.target, w.ours);
  }, () => (failed = true));
  if (outcomes !== null) throw outcomes as Error;
  return signatures;
}

/** Runs `fn` over `items`, at most `limit` at once; calls `onError` at the first failure, waits for all, returns that failure or null. */
async function eachSettled<T>(items: T[], limit: number, fn: (item: T) => Promise<void>, onError: () => void): Promise<unknown> {
  let first: unknown = null;
  await eachLimit(items, limit, async (item) => {
    try {
      await fn(item);
    } catch (err) {
      if (first === null) {
        first = err;
        onError();
      }
    }
  });
  return first;
}

async function signatureOf(abs: string): Promise<Signature> {
  try {
    const st = await lstat(abs, { bigint: true });
    return `${st.mode}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** Deletions, then renames into place; on any failure everything done is put back. Not stopped by interrupts. */
async function commit(
  root: string,
  stagingAbs: string,
  ordered: PlannedWrite[],
  signatures: Map<string, Signature>,
  files: JournalFiles,
  opts: WriteOptions,
): Promise<void> {
  const done: PlannedWrite[] = [];
  const createdDirs: string[] = [];
  const touchedDirs = new Set<string>();
  try {
    for (const [i, w] of ordered.entries()) {
      await opts.pause?.('commit', i);
      const now = await signatureOf(path.join(root, w.path));
      // A directory the plan empties is gone by now: its files were deleted first and empty parents pruned.
      if (w.ours?.type === 'directory' ? now !== null : now !== signatures.get(w.path)) throw new ApplyRaceError(w.path);
      done.push(w);
      if (w.target === null) await removePath(root, w.path);
      else await moveIntoPlace(root, path.join(stagingAbs, String(i)), w.path, createdDirs);
      touchedDirs.add(path.dirname(path.join(root, w.path)));
    }
  } catch (err) {
    const cause = err instanceof BlockedPathError ? new ApplyRaceError(err.path) : (err as Error);
    const whole = await rollback(root, stagingAbs, done, createdDirs);
    if (!whole) throw new ApplyUndoError(cause);
    await rm(stagingAbs, { recursive: true, force: true });
    await removeJournal(files);
    throw cause;
  }
  for (const dir of touchedDirs) await syncDir(dir);
  await rm(stagingAbs, { recursive: true, force: true });
  await removeJournal(files);
}

/** Puts every touched path back as the plan found it, newest first, then removes directories we made. */
async function rollback(root: string, stagingAbs: string, done: PlannedWrite[], createdDirs: string[]): Promise<boolean> {
  let whole = true;
  for (const [n, w] of [...done].reverse().entries()) {
    try {
      const abs = path.join(root, w.path);
      if (w.ours === null) {
        await removePath(root, w.path);
      } else if (w.ours.type === 'directory') {
        await rm(abs, { force: true });
        await mkdir(abs, { recursive: true });
      } else {
        const tmp = path.join(stagingAbs, `undo-${n}`);
        await rm(tmp, { force: true });
        await writeStaged(tmp, w.ours);
        await mkdir(path.dirname(abs), { recursive: true });
        await moveIntoPlace(root, tmp, w.path);
      }
    } catch {
      whole = false; // keep restoring the rest; the journal stays so the next command can finish
    }
  }
  for (const dir of createdDirs.reverse()) await rmdir(dir).catch(() => undefined);
  return whole;
}
