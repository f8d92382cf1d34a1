// Copying a git index file without breaking git's racy-clean check. git trusts an entry's cached stat
// data (mtime, ctime, size, inode) unless the entry is "racily clean": its mtime is not older than
// the index file's own mtime (whole seconds, unless git was built with USE_NSEC). A plain copy gets a
// fresh mtime, so every racily clean entry in it looks trustworthy: a file rewritten in the same
// second with the same size and a reused inode (a rewind does exactly that) is taken as unchanged, and
// the next snapshot records the old content. So an index is copied with its mtime kept, rounded down
// to the second: earlier is the safe side (more entries count as racy and are re-hashed).
import { copyFile, stat, utimes } from 'node:fs/promises';

/** Copies the index file `src` to `dest` (replacing it) and gives `dest` the mtime of `src`, to the second. */
export async function copyIndexFile(src: string, dest: string): Promise<void> {
  await copyFile(src, dest);
  const { atimeMs, mtimeMs } = await stat(src);
  await utimes(dest, atimeMs / 1000, Math.floor(mtimeMs / 1000));
}
