// The files a run left in its copy that the user's ignore rules hide from git (`.env`, `dist/x.js`,
// `*.log`): never part of the run's changes, diffs or checkpoints, so they are listed instead — the
// run's result, `hew diff` and `hew apply` name them as not applied, and `hew apply --include-ignored`
// takes them. The rule for what is listed:
//   - ignored by the user's rules only: the repository's `.gitignore` files and the user's own
//     `.git/info/exclude` (the part carried into the copy, before hew's `# hew:` additions);
//   - never what hew itself excluded: a dependency mount point, a setup command's output;
//   - never anything inside a dependency or cache folder (IGNORED_LEFT_OUT_DIRS: node_modules/, .venv/,
//     __pycache__/, target/, …): reinstalled, not the agent's work. Build output folders named dist/,
//     build/ or out/ are listed: a model that writes dist/out.js meant to.
// The user's ignored files are never copied into a git copy, so everything listed was written during the run.
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { gitPaths, splitNul } from './git.ts';
import { SNAPSHOT_INDEX } from './commits.ts';
import { decodePath, encodePath, isPlainPath } from './path-bytes.ts';
import { isNotFound } from '../fs/not-found.ts';
import { isExcludedPath } from './own-dirs.ts';
import { PLAIN_SKIPPED_DIRS } from './plain.ts';

/**
 * Folders whose ignored contents are never listed nor applied: what a plain copy leaves out
 * (dependencies, VCS data, caches, build output), except `dist`, `build` and `out`, whose ignored
 * files a run may mean to write (a model that writes `dist/out.js` meant to; docs/runs.md).
 */
export const IGNORED_LEFT_OUT_DIRS: readonly string[] = PLAIN_SKIPPED_DIRS.filter((d) => !['dist', 'build', 'out'].includes(d));

/** The marker before each block hew appends to a copy's `.git/info/exclude`. */
const HEW_EXCLUDE_MARKER = '# hew:';

/** Ignored files (not directories) in the copy at `root`, by the rule above, sorted. */
export async function ignoredFiles(root: string): Promise<string[]> {
  const { user, hew } = splitExclude(await readExclude(root));
  const userFile = path.join(root, '.git', `hew-user-exclude-${process.pid}-${randomBytes(4).toString('hex')}`);
  await writeFile(userFile, encodePath(user));
  try {
    const base = ['ls-files', '-z', '--others', '--ignored', '--exclude-per-directory=.gitignore', `--exclude-from=${userFile}`];
    // hew's snapshot index has no gitlinks: ignored files inside a copied submodule are listed too (submodules.ts).
    const own = path.join(root, '.git', SNAPSHOT_INDEX);
    const env: Record<string, string> = existsSync(own) ? { GIT_INDEX_FILE: own } : {};
    const found: string[] = [];
    let all: Promise<string[]> | null = null; // every ignored file, for a directory whose name cannot be a pathspec
    for (const entry of splitNul(await gitPaths([...base, '--directory'], { cwd: root, env }))) {
      if (leftOut(entry, hew)) continue;
      if (!entry.endsWith('/')) {
        found.push(entry);
        continue;
      }
      const inside = isPlainPath(entry)
        ? splitNul(await gitPaths([...base, '--', `:(literal)${entry}`], { cwd: root, env }))
        : (await (all ??= gitPaths(base, { cwd: root, env }).then(splitNul))).filter((p) => p.startsWith(entry));
      found.push(...inside.filter((p) => !leftOut(p, hew)));
    }
    return [...new Set(found)].sort();
  } finally {
    await rm(userFile, { force: true });
  }
}

/** Whether an ignored path is left out of the list: inside a dependency folder or one of hew's exclusions. */
export function leftOut(rel: string, hewExcluded: readonly string[]): boolean {
  const parts = rel.replace(/\/$/, '').split('/');
  const dirs = rel.endsWith('/') ? parts : parts.slice(0, -1);
  return dirs.some((p) => IGNORED_LEFT_OUT_DIRS.includes(p)) || isExcludedPath(rel, hewExcluded);
}

/**
 * Splits a copy's `info/exclude` text into the user's part (everything before the first `# hew:`
 * line) and the paths hew excluded after it (its lines are anchored literal paths: `/a\*b/`).
 */
export function splitExclude(text: string): { user: string; hew: string[] } {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(HEW_EXCLUDE_MARKER));
  if (at < 0) return { user: text, hew: [] };
  const hew = lines
    .slice(at)
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.replace(/\\(.)/g, '$1').replace(/^\//, '').replace(/\/$/, ''));
  return { user: lines.slice(0, at).join('\n'), hew };
}

async function readExclude(root: string): Promise<string> {
  try {
    return decodePath(await readFile(path.join(root, '.git', 'info', 'exclude'))); // hew's lines name paths as bytes (setup-base.ts)
  } catch (err) {
    if (isNotFound(err)) return '';
    throw err;
  }
}
