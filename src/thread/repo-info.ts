// Fast, read-only facts about the user's directory, from the filesystem alone (no git process):
// the repository top, the subdirectory the user is in and HEAD's commit. Used before the copy exists.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface RepoInfo {
  /** Repository top, or the directory itself when it is not in a git repository. */
  top: string;
  subdir: string;
  isGit: boolean;
  /** HEAD's commit, null for an unborn branch, a plain directory, or when it cannot be read cheaply. */
  headCommit: string | null;
}

export function repoInfo(dir: string): RepoInfo {
  const start = resolve(dir);
  for (let current = start; ; current = dirname(current)) {
    const dotGit = join(current, '.git');
    if (existsSync(dotGit)) {
      return { top: current, subdir: relative(current, start), isGit: true, headCommit: readHead(gitDirOf(dotGit)) };
    }
    if (dirname(current) === current) break;
  }
  return { top: start, subdir: '', isGit: false, headCommit: null };
}

function gitDirOf(dotGit: string): string {
  if (statSync(dotGit).isDirectory()) return dotGit;
  const text = readFileSync(dotGit, 'utf8');
  const match = /^gitdir:\s*(.+)$/m.exec(text);
  return match?.[1] ? resolve(dirname(dotGit), match[1].trim()) : dotGit;
}

function readHead(gitDir: string): string | null {
  try {
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (/^[0-9a-f]{40,64}$/.test(head)) return head;
    const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
    if (!ref) return null;
    const common = commonDir(gitDir);
    for (const base of [gitDir, common]) {
      const file = join(base, ref);
      if (existsSync(file)) return readFileSync(file, 'utf8').trim() || null;
    }
    const packed = join(common, 'packed-refs');
    if (existsSync(packed)) {
      for (const line of readFileSync(packed, 'utf8').split('\n')) {
        const [sha, name] = line.split(' ');
        if (name === ref && sha) return sha;
      }
    }
    return null;
  } catch {
    return null;
  }
}

function commonDir(gitDir: string): string {
  const file = join(gitDir, 'commondir');
  return existsSync(file) ? resolve(gitDir, readFileSync(file, 'utf8').trim()) : gitDir;
}
