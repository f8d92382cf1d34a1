// Fixture helpers: copy a sample repository from fixtures/ into a temp dir as a real git repo,
// and fingerprint a tree (including .git) to prove hew left it byte-for-byte unchanged.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function tempDir(prefix = 'hew-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
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

/** Copies fixtures/NAME into a fresh temp dir and commits it as the first commit of a new repo. */
export function fixtureRepo(name: string): string {
  const dir = join(tempDir('hew-repo-'), name);
  cpSync(join(ROOT, 'fixtures', name), dir, { recursive: true });
  // A fixture's own ignore file is stored as `_gitignore` so our repository can commit what it ignores.
  if (existsSync(join(dir, '_gitignore'))) renameSync(join(dir, '_gitignore'), join(dir, '.gitignore'));
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
