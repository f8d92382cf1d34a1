// `@path` completion: the repository's files (tracked and untracked, not ignored) from `git ls-files`
// in the working copy once it exists, else in the user's repository (read-only: GIT_OPTIONAL_LOCKS=0,
// so not even the index is refreshed). The list is cached, loaded in the background, and re-read
// after each turn; a completion asked before the background load finished reads it synchronously.
import { spawn, spawnSync } from 'node:child_process';
import { gitEnv, splitNul } from '../workcopy/git.ts';

const LS_FILES = ['ls-files', '-z', '--cached', '--others', '--exclude-standard'];
const MAX_BUFFER = 64 * 1024 * 1024;

export class FileIndex {
  private readonly dir: () => string | null;
  private files: string[] | null = null;
  private loading: Promise<string[]> | null = null;
  private generation = 0;

  /** `dir` says where to list now: the copy's root, the user's repository top, or null (nothing to list). */
  constructor(dir: () => string | null) {
    this.dir = dir;
  }

  /** Starts reading the list in the background. */
  preload(): void {
    const dir = this.dir();
    if (dir === null) return;
    const generation = ++this.generation;
    this.loading = new Promise((resolve) => {
      const child = spawn('git', LS_FILES, { cwd: dir, env: gitEnv(), stdio: ['ignore', 'pipe', 'ignore'] });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.on('error', () => resolve([]));
      child.on('close', (code) => {
        const files = code === 0 ? unique(splitNul(Buffer.concat(chunks).toString('utf8'))) : [];
        if (generation === this.generation) this.files = files;
        resolve(files);
      });
    });
  }

  /** Forget the list (files changed); it is read again in the background. */
  invalidate(): void {
    this.files = null;
    this.loading = null;
    this.preload();
  }

  /** The list now: cached, or read synchronously when the background read has not finished. */
  list(): string[] {
    if (this.files !== null) return this.files;
    const dir = this.dir();
    if (dir === null) return [];
    this.generation++;
    const res = spawnSync('git', LS_FILES, { cwd: dir, env: gitEnv(), encoding: 'utf8', maxBuffer: MAX_BUFFER });
    this.files = res.status === 0 ? unique(splitNul(res.stdout)) : [];
    return this.files;
  }

  /** The list without blocking: the cached one, or the background read's result. */
  async load(): Promise<string[]> {
    if (this.files !== null) return this.files;
    if (this.loading === null) this.preload();
    return this.loading ?? [];
  }
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}

/**
 * Paths matching `query`, best first: a prefix of the path, then a prefix of its file name, then a
 * prefix of any directory segment, then a substring. Shorter paths first within a rank. Case-insensitive.
 */
export function matchPaths(files: readonly string[], query: string, limit = 20): string[] {
  const q = query.toLowerCase();
  const ranked: { path: string; rank: number }[] = [];
  for (const path of files) {
    const rank = rankPath(path.toLowerCase(), q);
    if (rank !== null) ranked.push({ path, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.path.length - b.path.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return ranked.slice(0, limit).map((r) => r.path);
}

function rankPath(path: string, q: string): number | null {
  if (q === '' || path.startsWith(q)) return 0;
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base.startsWith(q)) return 1;
  if (path.split('/').some((segment) => segment.startsWith(q))) return 2;
  return path.includes(q) ? 3 : null;
}
