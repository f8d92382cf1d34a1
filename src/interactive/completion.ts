// `@path` completion: the repository's files (tracked and untracked, not ignored) from `git ls-files`
// in the working copy once it exists, else in the user's repository (read-only: GIT_OPTIONAL_LOCKS=0,
// so not even the index is refreshed; through the hardened git runner, so nothing configured runs). The list is cached, loaded in the background, and re-read
// after each turn; a completion asked before the background load finished reads it synchronously.
import { gitListingSync, gitPaths, splitNul } from '../workcopy/git.ts';
import { quotePath } from '../workcopy/path-bytes.ts';

const LS_FILES = ['ls-files', '-z', '--cached', '--others', '--exclude-standard'];
const MAX_BUFFER = 64 * 1024 * 1024;

/** Where to list: the copy's root, or the user's repository top (`userRepo`). */
export interface ListingPlace {
  dir: string;
  userRepo: boolean;
}

export class FileIndex {
  private readonly dir: () => ListingPlace | null;
  private files: string[] | null = null;
  private loading: Promise<string[]> | null = null;
  private generation = 0;

  /** `dir` says where to list now: the copy's root, the user's repository top, or null (nothing to list). */
  constructor(dir: () => ListingPlace | null) {
    this.dir = dir;
  }

  /** Starts reading the list in the background. */
  preload(): void {
    const place = this.dir();
    if (place === null) return;
    const generation = ++this.generation;
    this.loading = gitPaths(LS_FILES, { cwd: place.dir, userRepo: place.userRepo }).then(
      (out) => {
        const files = unique(splitNul(out).map(quotePath));
        if (generation === this.generation) this.files = files;
        return files;
      },
      () => [],
    );
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
    const place = this.dir();
    if (place === null) return [];
    this.generation++;
    const out = gitListingSync(LS_FILES, place.dir, place.userRepo, MAX_BUFFER);
    this.files = out === null ? [] : unique(splitNul(out).map(quotePath));
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
