// The plain copy of a directory that is not a git repository (`--skip-git-repo-check`): the tree
// minus dependency and build output directories, hew's own folders and files over a size limit,
// within limits on the number of files and their total size. A tree over a limit is refused before
// a byte is copied (CopyLimitError): the walk stops at the first file over the count, and the sizes
// are summed before copying. The source is only read. Names are read as bytes (path-fs.ts), so a
// name that is not UTF-8 is copied as it is.
import type { LeftOut } from '../protocol/files.ts';
import { lstat, mkdir, readdirEntries } from './path-fs.ts';
import { quotePath } from './path-bytes.ts';
import path from 'node:path';
import { copyEntry, type ParentCache } from './files.ts';
import { eachLimit } from './pool.ts';
import { isExcludedPath } from './own-dirs.ts';
import { BUILD_OUTPUT_DIRS, CACHE_DIRS, INSTALLED_DEPENDENCY_DIRS, VCS_DIRS } from './skipped-dirs.ts';

/**
 * Directory names never copied into a plain working copy: installed dependencies (mounted instead,
 * sandbox/deps-mounts.ts), VCS data, build output and caches. `vendor`, `.bundle` and `.yarn` are
 * copied: without git to say they are ignored, they may be the project's committed source.
 */
export const PLAIN_SKIPPED_DIRS: readonly string[] = [...INSTALLED_DEPENDENCY_DIRS, ...VCS_DIRS, ...BUILD_OUTPUT_DIRS, ...CACHE_DIRS];

/** Files larger than this are left out of a plain copy unless the caller says otherwise. */
const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** At most this many files (and links) in a plain copy: a source tree, not a home directory. */
const DEFAULT_MAX_PLAIN_FILES = 100_000;

/** At most this many bytes in a plain copy, in all. */
const DEFAULT_MAX_PLAIN_BYTES = 2 * 1024 * 1024 * 1024;

export interface PlainCopyOptions {
  maxFileBytes?: number;
  maxFiles?: number;
  maxTotalBytes?: number;
  /** Folders never copied, relative to the source with '/' separators (hew's own; see own-dirs.ts). */
  exclude?: readonly string[];
}

/** The directory is too big for a plain copy; nothing was copied. */
class CopyLimitError extends Error {
  override name = 'CopyLimitError';
}

function limitError(src: string, what: string, maxFileBytes: number): CopyLimitError {
  return new CopyLimitError(
    `${src} has ${what} (not counting dependency and build folders or files over ${formatBytes(maxFileBytes)}), too much for a plain copy; run hew in a git repository (\`git init\`; its copy has no such limit) or in a smaller directory`,
  );
}

/** Copies `src` into `dest` (created if needed); returns notes on what was left out, sorted. */
export async function copyPlainTree(src: string, dest: string, opts: PlainCopyOptions = {}): Promise<LeftOut[]> {
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const maxFiles = opts.maxFiles ?? DEFAULT_MAX_PLAIN_FILES;
  const maxTotal = opts.maxTotalBytes ?? DEFAULT_MAX_PLAIN_BYTES;
  const exclude = opts.exclude ?? [];
  const skipped: LeftOut[] = [];
  await mkdir(dest, { recursive: true });

  // Walk directories one at a time (cheap), then copy files with bounded concurrency.
  const files: string[] = [];
  const dirs: string[] = [];
  const pending: string[] = [''];
  while (pending.length > 0) {
    const rel = pending.pop() as string;
    const entries = await readdirEntries(path.join(src, rel));
    for (const entry of entries) {
      const childRel = rel === '' ? entry.name : path.join(rel, entry.name);
      if (isExcludedPath(childRel.split(path.sep).join('/'), exclude)) {
        skipped.push({ path: quotePath(`${childRel}${entry.isDirectory() ? '/' : ''}`), reason: "hew's own state, cache or config" });
      } else if (!entry.isDirectory()) {
        files.push(childRel);
        if (files.length > maxFiles) throw limitError(src, `more than ${maxFiles.toLocaleString('en-US')} files`, maxBytes);
      } else if (PLAIN_SKIPPED_DIRS.includes(entry.name)) {
        skipped.push({ path: quotePath(`${childRel}/`), reason: 'dependency, VCS or build output directory' });
      } else {
        dirs.push(childRel);
        pending.push(childRel);
      }
    }
  }
  const toCopy: string[] = [];
  let total = 0;
  await eachLimit(files, 32, async (rel) => {
    const st = await lstat(path.join(src, rel));
    if (st.isFile() && st.size > maxBytes) {
      skipped.push({ path: quotePath(rel), reason: `${formatBytes(st.size)}, over the ${formatBytes(maxBytes)} limit` });
      return;
    }
    total += st.size;
    toCopy.push(rel);
  });
  if (total > maxTotal) throw limitError(src, `${formatBytes(total)} in files, more than the ${formatBytes(maxTotal)} limit`, maxBytes);
  for (const dir of dirs) await mkdir(path.join(dest, dir), { recursive: true });
  const parents: ParentCache = new Map();
  await eachLimit(toCopy, 32, async (rel) => {
    const result = await copyEntry(src, dest, rel, parents);
    if (result === 'special') skipped.push({ path: quotePath(rel), reason: 'not a regular file, directory or symlink' });
  });
  return sortLeftOut(skipped);
}

/** Sorts notes by path (then reason), as every list of what was left out is. */
export function sortLeftOut(list: LeftOut[]): LeftOut[] {
  return list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / (1024 * 1024 * 1024)).toFixed(1).replace(/\.0$/, '')} GiB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${n} B`;
}
