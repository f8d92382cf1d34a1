// Writing a planned patch to disk all-or-nothing. Phase 1 writes every new content to a temp file
// beside its target (creating missing directories); phase 2 renames them into place and deletes
// files. A failure in phase 1 removes the temp files and new directories; a failure in phase 2
// puts back, from memory, every file already replaced or deleted. Either way the files are as before.

import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PatchError } from './errors.ts';
import type { PlannedDelete, PlannedWrite } from './plan.ts';

export interface CommitHooks {
  /** Called between the two phases (tests use it to make a rename fail for real). */
  beforeSwap?: () => Promise<void> | void;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Creates `dir` and missing parents, returning the directories made (outermost first). */
async function makeDirs(dir: string, made: string[]): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; !(await exists(d)); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) {
    await mkdir(d);
    made.push(d);
  }
}

async function writeWithMode(file: string, data: Buffer, mode: number | null): Promise<void> {
  await writeFile(file, data, mode === null ? {} : { mode });
  if (mode !== null) await chmod(file, mode); // the umask may have masked bits
}

async function quietly(action: () => Promise<unknown>): Promise<string | null> {
  try {
    await action();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

type Done = { kind: 'write'; write: PlannedWrite } | { kind: 'delete'; del: PlannedDelete };

async function undo(done: Done[]): Promise<string[]> {
  const problems: string[] = [];
  for (const step of [...done].reverse()) {
    const problem =
      step.kind === 'write'
        ? step.write.original === null
          ? await quietly(() => unlink(step.write.real))
          : await quietly(() => writeWithMode(step.write.real, step.write.original!, step.write.originalMode))
        : await quietly(() => writeWithMode(step.del.real, step.del.original, step.del.originalMode));
    const name = step.kind === 'write' ? step.write.display : step.del.display;
    if (problem !== null) problems.push(`${name}: ${problem}`);
  }
  return problems;
}

async function cleanUp(temps: string[], madeDirs: string[]): Promise<void> {
  for (const t of temps) await quietly(() => unlink(t));
  for (const d of [...madeDirs].reverse()) await quietly(() => rmdir(d));
}

export async function commitPlan(
  writes: readonly PlannedWrite[],
  deletes: readonly PlannedDelete[],
  hooks: CommitHooks = {},
): Promise<void> {
  const madeDirs: string[] = [];
  const temps: string[] = [];
  let current = '';
  try {
    for (const w of writes) {
      current = w.display;
      await makeDirs(path.dirname(w.real), madeDirs);
      const temp = path.join(path.dirname(w.real), `.${path.basename(w.real)}.hew-patch-${randomBytes(4).toString('hex')}.tmp`);
      temps.push(temp);
      await writeWithMode(temp, w.data, w.mode);
    }
  } catch (err) {
    await cleanUp(temps, madeDirs);
    throw new PatchError(`Could not write '${current}': ${(err as Error).message}. Nothing was changed.`);
  }
  await hooks.beforeSwap?.();
  const done: Done[] = [];
  try {
    for (const [i, w] of writes.entries()) {
      current = w.display;
      await rename(temps[i]!, w.real);
      temps[i] = '';
      done.push({ kind: 'write', write: w });
    }
    for (const d of deletes) {
      current = d.display;
      await unlink(d.real);
      done.push({ kind: 'delete', del: d });
    }
  } catch (err) {
    const problems = await undo(done);
    await cleanUp(
      temps.filter((t) => t !== ''),
      madeDirs,
    );
    const restored =
      problems.length === 0
        ? 'Every file already written was restored; nothing was changed.'
        : `Restoring failed for: ${problems.join('; ')}.`;
    throw new PatchError(`Could not write '${current}': ${(err as Error).message}. ${restored}`);
  }
}
