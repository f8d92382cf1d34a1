// Fixture helpers: temp dirs, copy a sample repository from fixtures/ into a temp dir as a real git
// repo, and fingerprint a tree (including .git) to prove hew left it byte-for-byte unchanged.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const made: string[] = [];

/** A fresh directory under the system temp dir; `cleanupTempDirs` removes every one made so far. */
export function tempDir(prefix = 'hew-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: tmpdir(),
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
}

/** Copies fixtures/NAME into PARENT/NAME (a fresh temp dir by default) and commits it as the first commit of a new repo. */
export function fixtureRepo(name: string, parent = tempDir('hew-repo-')): string {
  const dir = join(parent, name);
  cpSync(join(ROOT, 'fixtures', name), dir, { recursive: true });
  // A fixture's own ignore file is stored as `_gitignore` so our repository can commit what it ignores.
  if (existsSync(join(dir, '_gitignore'))) renameSync(join(dir, '_gitignore'), join(dir, '.gitignore'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}

/** Writes `files` (path → content) under `root`, making directories as needed. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
}

/** Writes `files` into a new git repository at `dir` and commits them as its first commit. */
export function repoOf(dir: string, files: Record<string, string | Buffer>): string {
  mkdirSync(dir, { recursive: true });
  writeTree(dir, files);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}

/** A hash of every path, mode, symlink target and file content under dir, `.git` included. */
export function treeFingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (rel: string): void => {
    const abs = join(dir, rel);
    const entries = readdirSync(abs).sort();
    for (const name of entries) {
      const path = rel ? `${rel}/${name}` : name;
      const full = join(dir, path);
      const st = lstatSync(full);
      hash.update(`${path}\0${st.mode}\0`);
      if (st.isSymbolicLink()) hash.update(readlinkSync(full));
      else if (st.isDirectory()) walk(path);
      else hash.update(readFileSync(full));
    }
  };
  walk('');
  return hash.digest('hex');
}
