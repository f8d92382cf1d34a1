// How the ignored files a run wrote (workcopy/ignored.ts), and its edits outside a sparse checkout
// (workcopy/sparse.ts), are shown to people: one line per file up
// to a limit, then how many more — a build that wrote hundreds of ignored files stays one screen.
import { safeLine } from '../terminal/safe-text.ts';

/** At most this many ignored files are named one by one; the rest are counted. */
export const IGNORED_NAMED_MAX = 10;

/** Lines naming the ignored files not applied, with how to take them; empty when there are none. */
export function ignoredLines(paths: readonly string[], runId?: string): string[] {
  if (paths.length === 0) return [];
  const n = paths.length;
  const take = runId ? `hew apply ${runId} --include-ignored` : 'hew apply --include-ignored';
  const head = `${n} ignored file${n === 1 ? '' : 's'} not applied (your .gitignore hides ${n === 1 ? 'it' : 'them'}; \`${take}\` takes ${n === 1 ? 'it' : 'them'}):`;
  const named = paths.slice(0, IGNORED_NAMED_MAX).map((p) => `  ignored ${safeLine(p)}`);
  const more = n > IGNORED_NAMED_MAX ? [`  … and ${n - IGNORED_NAMED_MAX} more`] : [];
  return [head, ...named, ...more];
}

/** Lines naming the paths the run changed outside the user's sparse checkout, not applied; empty when none. */
export function outsideSparseLines(paths: readonly string[]): string[] {
  if (paths.length === 0) return [];
  const n = paths.length;
  const head = `${n} file${n === 1 ? '' : 's'} outside your sparse checkout not applied (\`git sparse-checkout add DIR\`, then apply again, takes ${n === 1 ? 'it' : 'them'}):`;
  const named = paths.slice(0, IGNORED_NAMED_MAX).map((p) => `  outside ${safeLine(p)}`);
  const more = n > IGNORED_NAMED_MAX ? [`  … and ${n - IGNORED_NAMED_MAX} more`] : [];
  return [head, ...named, ...more];
}
