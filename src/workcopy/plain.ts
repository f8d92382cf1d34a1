// The plain copy of a directory that is not a git repository: the tree minus dependency and build
// output directories and files over a size limit. The source is only read.
import { lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { copyEntry, eachLimit } from './files.ts';

/** Directory names never copied into a plain working copy (dependencies, VCS data, build output, caches). */
export const PLAIN_SKIPPED_DIRS: readonly string[] = [
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'target',
  '.venv',
  'venv',
  '__pycache__',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.turbo',
  '.parcel-cache',
  '.cache',
  'coverage',
  '.gradle',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
];

/** Files larger than this are left out of a plain copy unless the caller says otherwise. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface PlainCopyOptions {
  maxFileBytes?: number;
}

/** Copies `src` into `dest` (created if needed); returns notes on what was left out, sorted. */
export async function copyPlainTree(src: string, dest: string, opts: PlainCopyOptions = {}): Promise<string[]> {
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const skipped: string[] = [];
  await mkdir(dest, { recursive: true });

  // Walk directories one at a time (cheap), then copy files with bounded concurrency.
  const files: string[] = [];
  const pending: string[] = [''];
  while (pending.length > 0) {
    const rel = pending.pop() as string;
    const entries = await readdir(path.join(src, rel), { withFileTypes: true });
    for (const entry of entries) {
      const childRel = rel === '' ? entry.name : path.join(rel, entry.name);
      if (!entry.isDirectory()) {
        files.push(childRel);
      } else if (PLAIN_SKIPPED_DIRS.includes(entry.name)) {
        skipped.push(`${childRel}/ (dependency, VCS or build output directory)`);
      } else {
        await mkdir(path.join(dest, childRel), { recursive: true });
        pending.push(childRel);
      }
    }
  }
  await eachLimit(files, 32, async (rel) => {
    const st = await lstat(path.join(src, rel));
    if (st.isFile() && st.size > maxBytes) {
      skipped.push(`${rel} (${formatBytes(st.size)}, over the ${formatBytes(maxBytes)} limit)`);
      return;
    }
    const result = await copyEntry(src, dest, rel);
    if (result === 'special') skipped.push(`${rel} (not a regular file, directory or symlink)`);
  });
  return skipped.sort();
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${n} B`;
}
