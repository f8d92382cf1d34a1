// Finishing an apply that a SIGKILL, a crash or a power cut interrupted, from its journal. Every path
// the journal names is looked at as it is now, and only a path that holds exactly what the journal
// recorded (the old version or the new one) is ever touched: a file the user changed after the crash
// is left as it is and reported. In the prepare phase no user file had changed: the staging directory
// is removed. In the commit phase the apply is completed when every new version still waiting is in
// the staging directory, intact; otherwise it is rolled back from the backup. Either way the staging
// directory, the journal and its backup are removed.
import { existsSync } from 'node:fs';
import { mkdir, readFile, realpath, rm } from './path-fs.ts';
import path from 'node:path';
import { moveIntoPlace, removePath, syncDir, writeStaged } from './apply-fs.ts';
import { journalFiles, matchesRecord, readJournal, removeJournal, sha256, type Journal, type JournalEntry } from './apply-journal.ts';
import { readEntry, readUserEntry } from './apply-read.ts';

export interface RecoveryReport {
  repo: string;
  runId: string;
  /** prepare: no user file had changed; completed / rolled-back: what was done to the files in between. */
  outcome: 'nothing-changed' | 'completed' | 'rolled-back';
  /** Paths that needed moving and were moved. */
  moved: number;
  /** Paths that hold neither the old nor the new version (changed since), or could not be restored: left as they are. */
  leftAlone: { path: string; reason: string }[];
}

/** Is the process that wrote a journal still running? (Injected: the caller knows how to tell.) */
export type IsAlive = (pid: number, startedMs: number) => boolean;

/**
 * Recovers the interrupted apply into `repo`, if there is one and its process is gone. Returns null when
 * there is nothing to recover (or an apply is running right now). A damaged journal throws
 * DamagedJournalError and nothing is touched.
 */
export async function recoverApply(stateDir: string, repo: string, isAlive: IsAlive): Promise<RecoveryReport | null> {
  let real: string;
  try {
    real = await realpath(repo);
  } catch {
    return null;
  }
  const files = journalFiles(stateDir, real);
  if (!existsSync(files.journal)) return null;
  const journal = await readJournal(files.journal);
  if (isAlive(journal.pid, Date.parse(journal.started_at))) return null;
  const stagingAbs = path.join(journal.repo, journal.staging);
  const report: RecoveryReport = { repo: journal.repo, runId: journal.run_id, outcome: 'nothing-changed', moved: 0, leftAlone: [] };
  if (journal.phase === 'commit') await settle(journal, stagingAbs, files.backup, report);
  await rm(stagingAbs, { recursive: true, force: true });
  await removeJournal(files);
  return report;
}

type Where = 'before' | 'after' | 'changed';

async function settle(journal: Journal, stagingAbs: string, backupFile: string, report: RecoveryReport): Promise<void> {
  const root = journal.repo;
  const where = new Map<JournalEntry, Where>();
  for (const e of journal.entries) where.set(e, await locate(root, e));
  let complete = true;
  for (const e of journal.entries) {
    if (where.get(e) === 'before' && e.temp !== null && !matchesRecord(await readEntry(stagingAbs, e.temp), e.after)) complete = false;
  }
  for (const e of journal.entries) {
    if (where.get(e) === 'changed') report.leftAlone.push({ path: e.path, reason: 'it changed after the apply was interrupted' });
  }
  const touched = new Set<string>();
  if (complete) {
    report.outcome = 'completed';
    for (const e of journal.entries) {
      if (where.get(e) !== 'before') continue;
      await attempt(report, e, async () => {
        if (e.temp === null) await removePath(root, e.path);
        else await moveIntoPlace(root, path.join(stagingAbs, e.temp), e.path);
      });
      touched.add(path.dirname(path.join(root, e.path)));
    }
  } else {
    report.outcome = 'rolled-back';
    const backup = await readFile(backupFile).catch(() => Buffer.alloc(0));
    await mkdir(stagingAbs, { recursive: true });
    for (const [i, e] of [...journal.entries].reverse().entries()) {
      if (where.get(e) !== 'after') continue;
      await attempt(report, e, () => restore(root, stagingAbs, `undo-${i}`, e, backup));
      touched.add(path.dirname(path.join(root, e.path)));
    }
  }
  for (const dir of touched) if (existsSync(dir)) await syncDir(dir);
}

/** Whether the user's path holds the journal's old version, its new one, or something else. */
async function locate(root: string, e: JournalEntry): Promise<Where> {
  const user = await readUserEntry(root, e.path);
  if (user.blockedBy !== undefined) return 'changed';
  if (matchesRecord(user.state, e.after)) return 'after';
  if (matchesRecord(user.state, e.before)) return 'before';
  // A directory the apply replaced by a file is gone once its files were deleted: still "before" the rename.
  if (e.before.type === 'directory' && user.state === null) return 'before';
  return 'changed';
}

async function attempt(report: RecoveryReport, e: JournalEntry, step: () => Promise<void>): Promise<void> {
  try {
    await step();
    report.moved += 1;
  } catch (err) {
    report.leftAlone.push({ path: e.path, reason: `could not be ${report.outcome === 'completed' ? 'written' : 'restored'}: ${(err as Error).message}` });
  }
}

/** Puts the journal's old version back at `e.path` (which holds the new version). */
async function restore(root: string, stagingAbs: string, tmpName: string, e: JournalEntry, backup: Buffer): Promise<void> {
  const before = e.before;
  if (before.type === 'absent') return removePath(root, e.path);
  const abs = path.join(root, e.path);
  if (before.type === 'directory') {
    await rm(abs, { force: true });
    await mkdir(abs, { recursive: true });
    return;
  }
  const tmp = path.join(stagingAbs, tmpName);
  await rm(tmp, { force: true });
  if (before.type === 'symlink') {
    await writeStaged(tmp, { type: 'symlink', target: before.target });
  } else {
    const slice = e.backup === null ? null : backup.subarray(e.backup.offset, e.backup.offset + e.backup.length);
    if (slice === null || slice.length !== e.backup?.length || sha256(slice) !== before.sha256) throw new Error('its backup is missing or damaged');
    await writeStaged(tmp, { type: 'file', data: Buffer.from(slice), exec: before.exec, ...(e.backup.perm !== undefined ? { perm: e.backup.perm } : {}) });
  }
  await moveIntoPlace(root, tmp, e.path);
}
