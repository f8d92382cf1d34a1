// Whether a path is a directory itself, never through a link: lstat, so a symlink to a directory is
// not one (a planted link must not pass for the directory it names). False when the path does not
// exist or cannot be reached. fs/repo-file.ts isDirectory is the other question: a directory once
// links are followed.
import { lstatSync } from 'node:fs';

export function isRealDirectory(p: string): boolean {
  try {
    return lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}
