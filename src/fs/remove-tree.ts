// Removing a directory tree that something hostile may have written: the model can leave directories
// without write permission (`chmod 555`) in its working copy, which makes a plain recursive delete
// fail with EACCES for a user that is not root. Here a failed delete makes every directory of the tree
// writable (by lstat, so a symlink is never followed and nothing outside the tree changes) and tries
// once more. Links inside the tree are removed, never followed.
import { chmodSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Removes `dir` and everything under it; a missing `dir` is fine. */
export function removeTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM') throw err;
  }
  makeDirsWritable(dir);
  rmSync(dir, { recursive: true, force: true });
}

function makeDirsWritable(dir: string): void {
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    return;
  }
  if (!st.isDirectory()) return;
  // Owner read, write and search: enough to list and delete the entries. Other bits are kept.
  if ((st.mode & 0o700) !== 0o700) {
    try {
      chmodSync(dir, (st.mode & 0o7777) | 0o700);
    } catch {
      return; // not ours to change: the second delete reports the real error
    }
  }
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) makeDirsWritable(path.join(dir, name));
}
