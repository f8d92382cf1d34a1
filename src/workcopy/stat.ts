// Per-file line counts of a run's changes (`git diff --numstat` of the base snapshot against the copy's
// current files), joined with how each file changed; and the per-file unified diff texts a review
// screen shows. Everything is measured against baseSnapshot, like changes.ts; the copy's index is untouched.
import type { FileDiff, FileStat } from '../protocol/files.ts';
import { displayChange, parseNameStatus, type CopyRef } from './changes.ts';
import { currentTree } from './commits.ts';
import { git, gitPaths, splitNul } from './git.ts';
import { PLAIN_SKIPPED_DIRS } from './plain.ts';

export type StatSource = CopyRef & { kind?: 'git' | 'plain' };

const DIFF_FLAGS = ['--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', '-M'];

/** A plain copy's dependency and build output directories are left out, as `hew diff` does. */
function pathspec(copy: StatSource): string[] {
  return copy.kind === 'plain' ? ['--', '.', ...PLAIN_SKIPPED_DIRS.map((d) => `:(exclude,glob)**/${d}/**`)] : [];
}

interface NumstatEntry {
  added: number;
  removed: number;
  binary: boolean;
  /** The path, or for a rename `from\0to`. */
  key: string;
}

/** Parses `--numstat -z`: `A\tR\tpath\0`, or for a rename `A\tR\t\0from\0to\0`; binary files have `-\t-`. */
export function parseNumstat(out: string): NumstatEntry[] {
  const fields = splitNul(out);
  const entries: NumstatEntry[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    const [a = '', r = '', ...rest] = field.split('\t');
    let key = rest.join('\t');
    if (key === '') {
      key = `${fields[i + 1] ?? ''}\0${fields[i + 2] ?? ''}`;
      i += 2;
    }
    const binary = a === '-' && r === '-';
    entries.push({ added: binary ? 0 : Number(a), removed: binary ? 0 : Number(r), binary, key });
  }
  return entries;
}

/** Stats in git's diff order (the order `git diff` prints the files in), for a given tree. */
async function statsAt(copy: StatSource, tree: string): Promise<FileStat[]> {
  const spec = pathspec(copy);
  const [numstat, nameStatus] = await Promise.all([
    gitPaths(['diff', '--numstat', '-z', ...DIFF_FLAGS, copy.baseSnapshot, tree, ...spec], { cwd: copy.root }),
    gitPaths(['diff', '--name-status', '-z', ...DIFF_FLAGS, copy.baseSnapshot, tree, ...spec], { cwd: copy.root }),
  ]);
  const kinds = new Map(parseNameStatus(nameStatus).map((c) => [c.kind === 'move' ? `${c.path}\0${c.move_path ?? ''}` : c.path, c]));
  return parseNumstat(numstat).map((n) => {
    const change = kinds.get(n.key);
    const [from = n.key, to] = n.key.split('\0');
    const stat: FileStat = { path: change?.path ?? from, kind: change?.kind ?? (to !== undefined ? 'move' : 'update'), added: n.added, removed: n.removed, binary: n.binary };
    const movePath = change?.move_path ?? to;
    if (stat.kind === 'move' && movePath !== undefined) stat.move_path = movePath;
    return displayChange(stat);
  });
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Lines added and removed per file since the base snapshot, sorted by path. */
export async function diffStat(copy: StatSource): Promise<FileStat[]> {
  const tree = await currentTree(copy.root);
  return (await statsAt(copy, tree)).sort(byPath);
}

/** Each changed file's unified diff with its stat, sorted by path. */
export async function fileDiffs(copy: StatSource): Promise<FileDiff[]> {
  const tree = await currentTree(copy.root);
  const [stats, text] = await Promise.all([
    statsAt(copy, tree),
    git(['diff', '--no-color', ...DIFF_FLAGS, copy.baseSnapshot, tree, ...pathspec(copy)], { cwd: copy.root }),
  ]);
  // `git diff` prints the files in the same order as --numstat: one `diff --git` section each.
  const sections = text.split(/^(?=diff --git )/m).filter((s) => s.startsWith('diff --git '));
  const diffs = stats.map((stat, i) => ({ path: stat.path, stat, diff: sections.length === stats.length ? (sections[i] as string) : sectionFor(sections, stat) }));
  return diffs.sort(byPath);
}

/** Fallback when the counts differ: the section whose header names the file. */
function sectionFor(sections: string[], stat: FileStat): string {
  const target = stat.move_path ?? stat.path;
  return sections.find((s) => (s.split('\n', 1)[0] ?? '').endsWith(` b/${target}`)) ?? '';
}
