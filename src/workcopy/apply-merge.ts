// Three-way decisions for one path when both the user and the run changed it since the base: text
// files are merged with `git merge-file` (on temporary files, outside any repository); everything
// else that differs on both sides is a conflict with a reason a person can act on.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isBinary, sameState, type FileState } from './apply-read.ts';
import { gitBytes } from './git.ts';

export type MergeOutcome = { state: FileState } | { conflict: string };

/**
 * The state the user's path should end in, given base, ours (the user's) and theirs (the run's),
 * when ours differs from both base and theirs.
 */
export async function mergeThree(base: FileState, ours: FileState, theirs: FileState): Promise<MergeOutcome> {
  if (ours !== null && ours.type === 'directory') return { conflict: 'you have a directory at this path' };
  if (ours !== null && ours.type === 'other') return { conflict: 'you have a special file (socket, device or FIFO) at this path' };
  if (base === null) {
    if (theirs === null) return { state: ours }; // both sides absent at base: run left nothing here
    return { conflict: 'the run added this file, and you created a different one at the same path' };
  }
  if (theirs === null) return { conflict: 'the run deleted this file, and you changed it' };
  if (ours === null) return { conflict: 'you deleted this file, and the run changed it' };
  if (base.type !== 'file' || ours.type !== 'file' || theirs.type !== 'file') {
    if (base.type === 'symlink' && ours.type === 'symlink' && theirs.type === 'symlink') {
      return { conflict: 'the run and you changed this symlink to different targets' };
    }
    return { conflict: 'the run and you both changed this path, one of you to a different kind of file (file, symlink)' };
  }

  const exec = ours.exec === base.exec ? theirs.exec : ours.exec;
  let data: Buffer;
  if (ours.data.equals(base.data) || ours.data.equals(theirs.data)) data = theirs.data;
  else if (theirs.data.equals(base.data)) data = ours.data;
  else if (isBinary(base.data) || isBinary(ours.data) || isBinary(theirs.data)) {
    return { conflict: 'binary file changed both by the run and by you' };
  } else {
    const merged = await mergeText(base.data, ours.data, theirs.data);
    if (merged.conflicts > 0) {
      const n = merged.conflicts;
      return { conflict: `the run and you changed the same lines (${n} conflicting hunk${n === 1 ? '' : 's'})` };
    }
    data = merged.data;
  }
  const state: FileState = { type: 'file', data, exec, ...(ours.perm !== undefined ? { perm: ours.perm } : {}) };
  return sameState(state, ours) ? { state: ours } : { state };
}

/** `git merge-file -p` on three temporary files: the merged bytes and the number of conflicting hunks. */
async function mergeText(base: Buffer, ours: Buffer, theirs: Buffer): Promise<{ data: Buffer; conflicts: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hew-merge-'));
  try {
    const files = { ours: path.join(dir, 'ours'), base: path.join(dir, 'base'), theirs: path.join(dir, 'theirs') };
    await Promise.all([writeFile(files.ours, ours), writeFile(files.base, base), writeFile(files.theirs, theirs)]);
    const okCodes = Array.from({ length: 128 }, (_, i) => i);
    const { stdout, exitCode } = await gitBytes(
      ['merge-file', '-p', '-q', '-L', 'yours', '-L', 'base', '-L', 'run', files.ours, files.base, files.theirs],
      { cwd: dir, userRepo: true, okCodes }, // outside any repository: the user's own config, no programs
    );
    return { data: stdout, conflicts: exitCode };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
