// A run's private copy of one of the user's dependency directories (node_modules), made inside the
// working copy at the same relative path, so tools that write into their own installed package (a
// `.tsbuildinfo` next to vitest's files, babel/eslint/vite caches, `prisma generate` into
// node_modules/.prisma) can, while the user's directory is only ever read.
//
// Why a copy (docs/sandbox.md "Dependency directories"): a read-only bind fails those writes with
// EROFS; a hard-link farm would let a write in place (open + truncate) change the user's file, since
// both names are one inode; an overlay needs bubblewrap 0.9 (this project's CI machine has 0.8). The
// copy keeps modes, timestamps (build caches compare them), symlinks as links (pnpm's
// node_modules/pkg → .pnpm/…) and hard links among its own files; on a filesystem with reflinks
// (btrfs, XFS) `cp --reflink=auto` makes it almost free. It costs about 2 s per 20,000 files
// (180 MB) on ext4, paid while the first model request is in flight.
import { execFile } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/** How long one directory's copy may take before it is abandoned (the read-only mount is used instead). */
const DEPENDENCY_COPY_TIMEOUT_MS = 5 * 60_000;

/** `cp` arguments that copy the contents of `source` into the existing directory `dest`. */
function copyArgv(source: string, dest: string, platform: NodeJS.Platform = process.platform): string[] {
  // GNU cp: no dereferencing, modes and timestamps and internal hard links kept, owner = hew's user
  // (ownership is not asked for, so copying someone else's files never fails on chown).
  const flags = platform === 'linux' ? ['-R', '-P', '--preserve=mode,timestamps,links', '--reflink=auto'] : ['-pPR'];
  return ['cp', ...flags, '--', `${path.resolve(source)}/.`, path.resolve(dest)];
}

export type CopyOutcome = { copied: true; reused: boolean } | { copied: false; reason: string };

/**
 * Copies the contents of `source` into `dest`, an existing directory in the working copy. A `dest`
 * that already has contents (a resumed run's copy) is kept as it is. On failure `dest` is emptied
 * again and the reason returned: the caller falls back to the read-only view.
 */
export async function copyDependencyDir(source: string, dest: string, timeoutMs = DEPENDENCY_COPY_TIMEOUT_MS): Promise<CopyOutcome> {
  if ((await readdir(dest)).length > 0) return { copied: true, reused: true };
  const [cmd, ...args] = copyArgv(source, dest);
  const error = await new Promise<string | null>((resolve) => {
    execFile(cmd as string, args, { timeout: timeoutMs, maxBuffer: 1024 * 1024, killSignal: 'SIGKILL' }, (err, _stdout, stderr) => {
      if (!err) resolve(null);
      else resolve(err.killed ? `the copy took longer than ${Math.round(timeoutMs / 1000)} s` : firstLine(String(stderr)) || err.message);
    });
  });
  if (error === null) return { copied: true, reused: false };
  await emptyDir(dest);
  return { copied: false, reason: error };
}

async function emptyDir(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [])) await rm(path.join(dir, name), { recursive: true, force: true });
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
