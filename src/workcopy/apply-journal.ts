// The journal of an apply: written and flushed to disk in hew's state directory before the first
// change to the user's tree, removed when the apply is done. It names every path the apply touches,
// what the path held before and will hold after (type, sha256, executable bit, or link target), the
// staged temporary file that holds the new version, and where in a backup file the old bytes are, so
// that after a SIGKILL or power cut the next hew command can complete the apply or roll it back —
// touching only paths that still hold exactly what the journal says. One journal per repository
// (named by a hash of its real path); creating it is exclusive, so it is also the apply lock.
import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FileState } from './apply-read.ts';
import type { ApplyAction } from './apply-plan.ts';
import { isStagingName, syncDir } from './apply-fs.ts';
import { unsafePath } from './apply-paths.ts';

/** What a path holds, as the journal records it (enough to recognise it, not its bytes). */
export type Recorded =
  | { type: 'absent' }
  | { type: 'directory' }
  | { type: 'file'; sha256: string; exec: boolean }
  | { type: 'symlink'; target: string };

export interface JournalEntry {
  path: string;
  action: ApplyAction;
  before: Recorded;
  after: Recorded;
  /** Name of the staged new version inside the staging directory (null: the path is deleted). */
  temp: string | null;
  /** Where the old bytes are in the backup file (files only). */
  backup: { offset: number; length: number; perm?: number } | null;
}

export interface Journal {
  version: 1;
  /** The user's tree (absolute). */
  repo: string;
  run_id: string;
  pid: number;
  started_at: string;
  /** prepare: temporary files only, the user's files are untouched; commit: files are being moved into place. */
  phase: 'prepare' | 'commit';
  /** The staging directory at the tree's top, `.hew-apply-XXXXXXXX`. */
  staging: string;
  entries: JournalEntry[];
}

/** A journal that cannot be read: what is wrong with it. */
export class DamagedJournalError extends Error {
  readonly file: string;
  constructor(file: string, why: string) {
    super(`${file}: ${why}`);
    this.name = 'DamagedJournalError';
    this.file = file;
  }
}

/** Another apply holds the journal of this repository. */
export class ApplyBusyError extends Error {
  readonly journal: Journal;
  constructor(journal: Journal) {
    super(`another hew apply (pid ${journal.pid}, run ${journal.run_id}) is writing to ${journal.repo}; try again when it has finished`);
    this.name = 'ApplyBusyError';
    this.journal = journal;
  }
}

export interface JournalFiles {
  dir: string;
  journal: string;
  backup: string;
}

/** Where the journal of `repo` (its real, absolute path) lives under hew's state directory. */
export function journalFiles(stateDir: string, repo: string): JournalFiles {
  const dir = path.join(stateDir, 'applies');
  const key = createHash('sha256').update(repo).digest('hex').slice(0, 24);
  return { dir, journal: path.join(dir, `${key}.json`), backup: path.join(dir, `${key}.backup`) };
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function recordOf(state: FileState): Recorded {
  if (state === null) return { type: 'absent' };
  if (state.type === 'file') return { type: 'file', sha256: sha256(state.data), exec: state.exec };
  if (state.type === 'symlink') return { type: 'symlink', target: state.target };
  if (state.type === 'directory') return { type: 'directory' };
  throw new Error('a special file cannot be journaled');
}

/** Whether what is on disk now is exactly what was recorded. */
export function matchesRecord(now: FileState, rec: Recorded): boolean {
  if (now === null) return rec.type === 'absent';
  if (now.type === 'file') return rec.type === 'file' && rec.exec === now.exec && rec.sha256 === sha256(now.data);
  if (now.type === 'symlink') return rec.type === 'symlink' && rec.target === now.target;
  return now.type === 'directory' && rec.type === 'directory';
}

/** Writes the backup file (the old bytes of every replaced or deleted file), flushed. */
export async function writeBackup(files: JournalFiles, parts: Buffer[]): Promise<void> {
  await mkdir(files.dir, { recursive: true, mode: 0o700 });
  const handle = await open(files.backup, 'w', 0o600);
  try {
    for (const part of parts) await handle.write(part);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Creates the journal, exclusively and whole: written to a temporary name, flushed, then hard-linked to
 * its real name (which fails if another apply holds it). Throws ApplyBusyError when one exists.
 */
export async function createJournal(files: JournalFiles, journal: Journal): Promise<void> {
  await mkdir(files.dir, { recursive: true, mode: 0o700 });
  const tmp = await writeTemp(files, journal);
  try {
    await link(tmp, files.journal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    throw new ApplyBusyError(await readJournal(files.journal).catch(() => ({ ...journal, pid: 0, run_id: 'unknown' })));
  } finally {
    await rm(tmp, { force: true });
  }
  await syncDir(files.dir);
}

/** Replaces the journal atomically (e.g. to move it to the commit phase), flushed. */
export async function updateJournal(files: JournalFiles, journal: Journal): Promise<void> {
  const tmp = await writeTemp(files, journal);
  await rename(tmp, files.journal);
  await syncDir(files.dir);
}

/** Removes the journal, its backup and any half-written temporary journal of the same repository. */
export async function removeJournal(files: JournalFiles): Promise<void> {
  await rm(files.journal, { force: true });
  await rm(files.backup, { force: true });
  const stem = path.basename(files.journal);
  const names = await readdir(files.dir).catch(() => [] as string[]);
  for (const name of names) if (name.startsWith(`${stem}.tmp-`)) await rm(path.join(files.dir, name), { force: true });
  await syncDir(files.dir);
}

async function writeTemp(files: JournalFiles, journal: Journal): Promise<string> {
  const tmp = `${files.journal}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(journal)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return tmp;
}

/** Reads and checks a journal; a journal that is not exactly what hew writes is a DamagedJournalError. */
export async function readJournal(file: string): Promise<Journal> {
  const text = await readFile(file, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DamagedJournalError(file, 'not valid JSON (cut short or overwritten)');
  }
  const why = journalProblem(value);
  if (why !== null) throw new DamagedJournalError(file, why);
  return value as Journal;
}

/** What is wrong with a parsed journal, or null. Paths are checked as strictly as apply checks them. */
export function journalProblem(v: unknown): string | null {
  if (!isObject(v)) return 'not a JSON object';
  if (v.version !== 1) return `unknown version ${JSON.stringify(v.version)}`;
  if (typeof v.repo !== 'string' || !path.isAbsolute(v.repo)) return 'repo is not an absolute path';
  if (typeof v.run_id !== 'string' || typeof v.started_at !== 'string') return 'run_id or started_at missing';
  if (typeof v.pid !== 'number' || !Number.isInteger(v.pid)) return 'pid is not a number';
  if (v.phase !== 'prepare' && v.phase !== 'commit') return `unknown phase ${JSON.stringify(v.phase)}`;
  if (typeof v.staging !== 'string' || !isStagingName(v.staging)) return 'staging is not a .hew-apply-XXXXXXXX name';
  if (!Array.isArray(v.entries)) return 'entries is not a list';
  for (const [i, e] of v.entries.entries()) {
    const problem = entryProblem(e);
    if (problem !== null) return `entry ${i}: ${problem}`;
  }
  return null;
}

function entryProblem(e: unknown): string | null {
  if (!isObject(e)) return 'not an object';
  if (typeof e.path !== 'string' || unsafePath(e.path) !== null) return 'path is not a safe relative path';
  if (!['add', 'update', 'delete', 'merge'].includes(e.action as string)) return 'unknown action';
  if (!isRecorded(e.before) || !isRecorded(e.after)) return 'before or after is not a recorded state';
  if (e.temp !== null && (typeof e.temp !== 'string' || !/^\d+$/.test(e.temp))) return 'temp is not a staged file name';
  if ((e.temp === null) !== (e.after.type === 'absent')) return 'temp does not match after';
  if (e.backup !== null) {
    if (!isObject(e.backup) || !isCount(e.backup.offset) || !isCount(e.backup.length)) return 'backup is not an offset and length';
    if (e.backup.perm !== undefined && !isCount(e.backup.perm)) return 'backup perm is not a number';
  }
  if ((e.backup === null) !== (e.before.type !== 'file')) return 'backup does not match before';
  return null;
}

function isRecorded(r: unknown): r is Recorded {
  if (!isObject(r)) return false;
  if (r.type === 'absent' || r.type === 'directory') return true;
  if (r.type === 'file') return typeof r.sha256 === 'string' && /^[0-9a-f]{64}$/.test(r.sha256) && typeof r.exec === 'boolean';
  return r.type === 'symlink' && typeof r.target === 'string';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
