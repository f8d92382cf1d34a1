// Fast, read-only facts about the user's directory, from the filesystem alone (no git process):
// the repository top, the subdirectory the user is in and HEAD's commit. Used before the copy exists.
// Git's own small files are read without blocking and bounded (a `.git` that is a FIFO, in a
// directory someone unpacked, must not hang hew); one that cannot be read leaves HEAD unknown.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { readBounded } from '../fs/read-bounded.ts';

export interface RepoInfo {
  /** Repository top, or the directory itself when it is not in a git repository. */
  top: string;
  subdir: string;
  isGit: boolean;
  /** HEAD's commit, null for an unborn branch, a plain directory, or when it cannot be read cheaply. */
  headCommit: string | null;
  /** The branch HEAD names (`main`; it may be unborn); null when detached, plain, or not read (a resumed run). */
  branch?: string | null;
}

export function repoInfo(dir: string): RepoInfo {
  const start = resolve(dir);
  for (let current = start; ; current = dirname(current)) {
    const dotGit = join(current, '.git');
    if (existsSync(dotGit)) {
      const gitDir = gitDirOf(dotGit);
      return { top: current, subdir: relative(current, start), isGit: true, headCommit: readHead(gitDir), branch: readBranch(gitDir) };
    }
    if (dirname(current) === current) break;
  }
  return { top: start, subdir: '', isGit: false, headCommit: null };
}

/** The text of one of git's small files (a ref, HEAD, `.git` as a file); throws when it is not a regular file. */
function gitFile(path: string, maxBytes = 64 * 1024): string {
  return readBounded(path, { maxBytes, overLimit: 'truncate' }).bytes.toString('utf8');
}

function gitDirOf(dotGit: string): string {
  if (statSync(dotGit).isDirectory()) return dotGit;
  let text: string;
  try {
    text = gitFile(dotGit);
  } catch {
    return dotGit;
  }
  const match = /^gitdir:\s*(.+)$/m.exec(text);
  return match?.[1] ? resolve(dirname(dotGit), match[1].trim()) : dotGit;
}

function readHead(gitDir: string): string | null {
  try {
    const head = gitFile(join(gitDir, 'HEAD')).trim();
    if (/^[0-9a-f]{40,64}$/.test(head)) return head;
    const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
    if (!ref) return null;
    const common = commonDir(gitDir);
    for (const base of [gitDir, common]) {
      const file = join(base, ref);
      if (existsSync(file)) return gitFile(file).trim() || null;
    }
    const packed = join(common, 'packed-refs');
    if (existsSync(packed)) {
      for (const line of gitFile(packed, 64 * 1024 * 1024).split('\n')) {
        const [sha, name] = line.split(' ');
        if (name === ref && sha) return sha;
      }
    }
    return null;
  } catch {
    return null;
  }
}

/** The branch HEAD names, or null when HEAD is detached or cannot be read. */
function readBranch(gitDir: string): string | null {
  try {
    const name = /^ref:\s*refs\/heads\/(.+)$/.exec(gitFile(join(gitDir, 'HEAD')).trim())?.[1] ?? null;
    return name === '.invalid' ? null : name; // a reftable repository's HEAD file names no branch
  } catch {
    return null;
  }
}

function commonDir(gitDir: string): string {
  const file = join(gitDir, 'commondir');
  return existsSync(file) ? resolve(gitDir, gitFile(file).trim()) : gitDir;
}
