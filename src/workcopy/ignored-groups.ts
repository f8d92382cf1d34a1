// Who wrote each ignored file a run left (ignored.ts), for the run's result, `hew diff` and
// `hew apply`: the files the agent edited with apply_patch are named one by one (every one, it meant
// each of them); what commands wrote (a build's dist/, a log) is summarised, one entry per top-level
// folder with how many files, or per top-level file. A symlink is always its own entry: it is never
// applied, not even with `--include-ignored` (its target may be anywhere: /etc/passwd, the home).
// Which paths apply_patch wrote comes from the caller (the run's file_change items, runs/patched-paths.ts):
// this layer never reads the transcript.
import path from 'node:path';
import { quotePath } from './path-bytes.ts';
import { lstat } from './path-fs.ts';
import type { IgnoredGroup } from '../protocol/files.ts';


/** The ignored files a run wrote, by who wrote them. */
export interface IgnoredWritten {
  /** Written with apply_patch (and still regular files), every one, sorted. */
  edited: string[];
  /** Written by commands, summarised (symlinks each their own entry), sorted by path. */
  byCommands: IgnoredGroup[];
}

/** How many files an IgnoredWritten stands for. */
export function ignoredCount(w: IgnoredWritten): number {
  return w.edited.length + w.byCommands.reduce((n, g) => n + g.files, 0);
}

/**
 * Splits `paths` (ignored files, repository-relative) into those apply_patch wrote (`patched`, never
 * a symlink: `links`) and a per-top-folder summary of the rest.
 */
export function groupIgnored(paths: readonly string[], patched: ReadonlySet<string>, links: ReadonlySet<string>): IgnoredWritten {
  const edited: string[] = [];
  const groups = new Map<string, IgnoredGroup>();
  const linkEntries: IgnoredGroup[] = [];
  for (const p of paths) {
    if (links.has(p)) linkEntries.push({ path: p, files: 1, link: true });
    else if (patched.has(p)) edited.push(p);
    else {
      const slash = p.indexOf('/');
      const key = slash < 0 ? p : p.slice(0, slash + 1);
      const group = groups.get(key) ?? { path: key, files: 0 };
      group.files += 1;
      groups.set(key, group);
    }
  }
  const byCommands = [...groups.values(), ...linkEntries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { edited: [...edited].sort(), byCommands };
}

/** Which of `paths` under `root` are symlinks (lstat: never followed). */
export async function ignoredLinks(root: string, paths: readonly string[]): Promise<Set<string>> {
  const links = new Set<string>();
  for (const p of paths) {
    const st = await lstat(path.join(root, p)).catch(() => null);
    if (st?.isSymbolicLink()) links.add(p);
  }
  return links;
}

/**
 * groupIgnored for the copy at `root` (`paths` lossless, path-bytes.ts), symlinks found on disk; the
 * result's paths in display form (git's C-quoting), for people and the event stream.
 */
export async function ignoredWritten(root: string, paths: readonly string[], patched: ReadonlySet<string>): Promise<IgnoredWritten> {
  const w = groupIgnored(paths, patched, await ignoredLinks(root, paths));
  return { edited: w.edited.map(quotePath), byCommands: w.byCommands.map((g) => ({ ...g, path: quotePath(g.path) })) };
}
