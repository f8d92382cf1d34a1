// What `hew watch` remembers, and where: each task's result sits beside it as NAME.result.json and
// records the SHA-256 of the task text it ran. A task whose result carries its current hash is done
// (restarting watch does not rerun it); a task edited since — or one whose run was interrupted — runs.
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { WatchResult } from '../protocol/run-result.ts';
import { readRepoFile } from '../fs/repo-file.ts';
import { writeFileAtomic } from '../fs/write-atomic.ts';

/** A file watch runs: `*.md`, not hidden (editors' temporaries start with a dot). */
export function isTaskFileName(name: string): boolean {
  return name.endsWith('.md') && !name.startsWith('.') && name.length > '.md'.length;
}

/** `inbox/fix-dates.md` → `inbox/fix-dates.result.json`. */
export function resultPathFor(taskPath: string): string {
  return join(dirname(taskPath), `${basename(taskPath, '.md')}.result.json`);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The most of a result file hew reads back. */
const RESULT_MAX_BYTES = 4 * 1024 * 1024;

/**
 * The recorded result, or null when there is none or it cannot be read as one — a link out of the
 * inbox, a FIFO, a device or an oversized file is not one (hew writes results there, never links).
 */
export function readResult(path: string): WatchResult | null {
  try {
    const value = JSON.parse(readRepoFile(dirname(path), path, { maxBytes: RESULT_MAX_BYTES, overLimit: 'refuse' }).bytes.toString('utf8')) as Partial<WatchResult>;
    return typeof value.task_sha256 === 'string' && typeof value.status === 'string' ? (value as WatchResult) : null;
  } catch {
    return null;
  }
}

export type Decision = { action: 'run'; reason: 'new' | 'changed' | 'interrupted' } | { action: 'skip'; result: WatchResult };

/** Run or skip: done means a result for exactly this text, from a run that was not interrupted. */
export function decide(taskText: string, result: WatchResult | null): Decision {
  if (!result) return { action: 'run', reason: 'new' };
  if (result.task_sha256 !== sha256(taskText)) return { action: 'run', reason: 'changed' };
  if (result.status === 'interrupted') return { action: 'run', reason: 'interrupted' };
  return { action: 'skip', result };
}

/** Writes the result whole or not at all, never through a link or into a FIFO planted at its name. */
export function writeResultAtomic(path: string, result: WatchResult): void {
  writeFileAtomic(path, `${JSON.stringify(result, null, 2)}\n`);
}
