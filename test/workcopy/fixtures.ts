// Helpers for the working-copy tests: temp dirs, running git in fixtures, and fingerprints of a
// directory tree (every file, .git included) to prove a repository was not written.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The one temp-dir helper of the tests (test/support/fixtures.ts), re-exported for the working-copy tests. */
export { cleanupTempDirs, tempDir } from '../support/fixtures.ts';

export const FIXTURE_ENV = {
  GIT_AUTHOR_NAME: 'Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.com',
  GIT_COMMITTER_NAME: 'Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** Runs git in `cwd` for building fixtures or inspecting results; returns stdout. */
export function sh(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...FIXTURE_ENV, ...env }, encoding: 'utf8' });
}

/** `git status` that does not refresh the index (so the check itself writes nothing). */
export function readOnlyStatus(cwd: string): string {
  return sh(cwd, ['status', '--porcelain=v1', '--untracked-files=all'], { GIT_OPTIONAL_LOCKS: '0' });
}

export function write(root: string, rel: string, content: string | Buffer, mode?: number): void {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  if (mode !== undefined) execFileSync('chmod', [mode.toString(8), file]);
}

export function initRepo(dir: string): string {
  sh(dir, ['init', '-q', '--initial-branch=main']);
  return dir;
}

interface Entry {
  path: string;
  desc: string;
}

/**
 * One line per entry under `root`: type, permission bits, and content hash or link target; with
 * `withTimes`, also size and mtime (so a rewrite with identical bytes is noticed too).
 */
export function fingerprint(root: string, opts: { withTimes?: boolean; exclude?: (rel: string) => boolean } = {}): string[] {
  const out: Entry[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(root, rel))) {
      const childRel = rel === '' ? name : `${rel}/${name}`;
      if (opts.exclude?.(childRel)) continue;
      const abs = path.join(root, childRel);
      const st = lstatSync(abs);
      const times = opts.withTimes ? ` size=${st.size} mtime=${st.mtimeMs}` : '';
      if (st.isSymbolicLink()) {
        out.push({ path: childRel, desc: `link -> ${readlinkSync(abs)}${times}` });
      } else if (st.isDirectory()) {
        out.push({ path: childRel, desc: `dir${opts.withTimes ? ` mode=${(st.mode & 0o7777).toString(8)} mtime=${st.mtimeMs}` : ''}` });
        walk(childRel);
      } else {
        const hash = createHash('sha256').update(readFileSync(abs)).digest('hex').slice(0, 16);
        out.push({ path: childRel, desc: `file mode=${(st.mode & 0o777).toString(8)} sha=${hash}${times}` });
      }
    }
  };
  walk('');
  return out.sort((a, b) => (a.path < b.path ? -1 : 1)).map((e) => `${e.path}: ${e.desc}`);
}

/** Files (not directories) a person sees in `root`, without `.git` and the given ignored paths. */
export function visibleFiles(root: string, ignored: string[] = []): string[] {
  return fingerprint(root, {
    exclude: (rel) => rel === '.git' || ignored.some((p) => rel === p || rel.startsWith(`${p}/`)),
  }).filter((line) => !line.includes(': dir'));
}
