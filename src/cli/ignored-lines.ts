// How the ignored files a run wrote (workcopy/ignored.ts, grouped by ignored-groups.ts), and its
// edits outside a sparse checkout (workcopy/sparse.ts), are shown to people: every file the agent
// edited with apply_patch by name, what its commands wrote one line per top-level folder (a build
// that wrote hundreds of files stays one line), each symlink by name; sparse edits one line per file
// up to a limit, then how many more. Every name goes through safeLine (the model chose it).
import { safeLine } from '../format/safe-text.ts';
import { ignoredCount, ignoredWritten, type IgnoredWritten } from '../workcopy/ignored-groups.ts';
import type { Run } from '../runs/run.ts';
import { patchedPaths } from '../runs/patched-paths.ts';
import { unquotePath } from '../workcopy/path-bytes.ts';
import { plural } from '../format/plural.ts';

/**
 * A finished run's ignored files (`shown`: their display forms, as an ApplyResult names them; in its
 * copy at `root`) grouped by who wrote them, from its transcript.
 */
export async function runIgnored(run: Run, root: string, shown: readonly string[]): Promise<IgnoredWritten> {
  return shown.length === 0 ? { edited: [], byCommands: [] } : ignoredWritten(root, shown.map(unquotePath), patchedPaths(run.readEvents()));
}

/** At most this many files outside the sparse checkout are named one by one; the rest are counted. */
export const IGNORED_NAMED_MAX = 10;

/** Lines naming the ignored files not applied, with how to take them; empty when there are none. */
export function ignoredLines(w: IgnoredWritten, runId?: string): string[] {
  const n = ignoredCount(w);
  if (n === 0) return [];
  const links = w.byCommands.filter((g) => g.link === true).length;
  const take = runId ? `hew apply ${runId} --include-ignored` : 'hew apply --include-ignored';
  const them = n === 1 ? 'it' : 'them';
  const how =
    links === n
      ? `your .gitignore hides ${them}; hew never applies a symlink written there`
      : `your .gitignore hides ${them}; \`${take}\` takes ${them}${links > 0 ? ', symlinks excepted' : ''}`;
  const head = `${n} ignored file${n === 1 ? '' : 's'} not applied (${how}):`;
  const edited = w.edited.map((p) => `  ignored ${safeLine(p)}`);
  const byCommands = w.byCommands.map((g) => {
    if (g.link) return `  ignored ${safeLine(g.path)} (a symlink a command made: never applied)`;
    const folder = /\/"?$/.test(g.path); // `dist/`, or quoted `"d\033.log/"`: no file name ends in `/`
    const what = folder ? `${plural(g.files, 'file')} written by commands` : 'written by a command';
    return `  ignored ${safeLine(g.path)} (${what})`;
  });
  return [head, ...edited, ...byCommands];
}

/** Lines naming the paths the run changed outside the user's sparse checkout, not applied; empty when none. */
export function outsideSparseLines(paths: readonly string[]): string[] {
  if (paths.length === 0) return [];
  const n = paths.length;
  const head = `${plural(n, 'file')} outside your sparse checkout not applied (\`git sparse-checkout add DIR\`, then apply again, takes ${n === 1 ? 'it' : 'them'}):`;
  const named = paths.slice(0, IGNORED_NAMED_MAX).map((p) => `  outside ${safeLine(p)}`);
  const more = n > IGNORED_NAMED_MAX ? [`  … and ${n - IGNORED_NAMED_MAX} more`] : [];
  return [head, ...named, ...more];
}
