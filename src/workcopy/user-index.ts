// The user's staged changes, reproduced in a working copy's index, so that `git diff --cached` and
// `git status` in the copy show what they show in the user's checkout. Read-only on the user's side:
// `git diff --cached --raw` there (GIT_OPTIONAL_LOCKS=0, set by the runner, keeps it from refreshing
// the index) lists every staged entry with its mode and blob; the blobs are already in the copy's
// object store (the clone copied or borrowed every object file, the loose blobs `git add` wrote
// included). In the copy, `update-index --index-info` writes those entries over HEAD's, then a
// refresh records the stat data of the files whose content the entry matches. The read runs while
// the copy is being cloned.
// Not carried: intent-to-add marks (`git add -N`), skip-worktree and assume-unchanged bits.
import { git, gitPaths, gitRun, splitNul } from './git.ts';

const ZERO = /^0+$/;

/** One line of `--index-info` input for a staged entry. */
export interface IndexEntry {
  mode: string;
  sha: string;
  /** 0 for a normal entry, 1–3 for the sides of a conflict. */
  stage: number;
  path: string;
}

/**
 * Parses `git diff --cached --raw -z --no-renames --no-abbrev` into the index entries to write:
 * a removal (mode 0) for deleted paths and for conflicted ones (their stages follow separately),
 * the new mode and blob for everything else. Returns the conflicted paths too.
 */
export function parseStagedRaw(out: string): { entries: IndexEntry[]; conflicted: string[] } {
  const fields = splitNul(out);
  const entries: IndexEntry[] = [];
  const conflicted: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const meta = (fields[i] as string).replace(/^:/, '').split(' ');
    const file = fields[i + 1] as string;
    const [, dstMode = '0', , dstSha = '', status = ''] = meta;
    if (status.startsWith('U')) {
      conflicted.push(file);
      entries.push({ mode: '0', sha: '0'.repeat(40), stage: 0, path: file });
    } else if (status.startsWith('D') || ZERO.test(dstMode)) {
      entries.push({ mode: '0', sha: '0'.repeat(dstSha.length || 40), stage: 0, path: file });
    } else {
      entries.push({ mode: dstMode, sha: dstSha, stage: 0, path: file });
    }
  }
  return { entries, conflicted };
}

/** Parses `git ls-files --stage -z` lines (`mode sha stage\tpath`). */
export function parseStageListing(out: string): IndexEntry[] {
  return splitNul(out).map((line) => {
    const tab = line.indexOf('\t');
    const [mode = '', sha = '', stage = '0'] = line.slice(0, tab).split(' ');
    return { mode, sha, stage: Number(stage), path: line.slice(tab + 1) };
  });
}

/** `--index-info -z` input for `entries`. */
export function indexInfo(entries: readonly IndexEntry[]): string {
  return entries.map((e) => (e.stage === 0 ? `${e.mode} ${e.sha}\t${e.path}\0` : `${e.mode} ${e.sha} ${e.stage}\t${e.path}\0`)).join('');
}

/**
 * The entries the user's index at `top` holds beyond HEAD (removals included), read-only; for the
 * copy's index (checked out at the user's HEAD, the user's files laid on top) to hold the same.
 */
export async function readStagedChanges(top: string): Promise<IndexEntry[]> {
  const staged = await gitPaths(['diff', '--cached', '--raw', '-z', '--no-renames', '--no-abbrev', '--no-ext-diff', '--ignore-submodules=none'], {
    cwd: top,
    userRepo: true,
  });
  const { entries, conflicted } = parseStagedRaw(staged);
  if (conflicted.length > 0) {
    // Every unmerged entry, not a pathspec of the conflicted paths: a name that is not UTF-8 cannot be an argument.
    const sides = await gitPaths(['ls-files', '--stage', '--unmerged', '-z'], { cwd: top, userRepo: true });
    const wanted = new Set(conflicted);
    entries.push(...parseStageListing(sides).filter((e) => e.stage > 0 && wanted.has(e.path)));
  }
  return entries;
}

/**
 * Writes the user's staged entries (readStagedChanges) into the index of the copy at `root`, then
 * refreshes it: those entries get stat data, and so do the files the checkout wrote in the same second
 * as its index ("racily clean", which git re-reads every time). The model's `git status` cannot write
 * the index in the sandbox, so without this it would hash those files at every call (in a 20,000-file
 * copy: 140 ms a call instead of 70).
 */
export async function stageInCopy(root: string, entries: readonly IndexEntry[]): Promise<void> {
  if (entries.length > 0) await git(['update-index', '-z', '--index-info'], { cwd: root, input: indexInfo(entries) });
  // Exit 1: some files differ from their entries, as unstaged changes do.
  await gitRun(['update-index', '-q', '--refresh'], { cwd: root, okCodes: [0, 1] });
}
