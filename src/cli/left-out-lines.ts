// How what a run's working copy left out (WorkingCopy.skipped, kept in meta.json as `left_out`) and the
// changes `hew apply` does not take (submodules.ts, gitlinks) are shown to people: one line per path
// up to a limit, then how many more. Paths may be hostile (they are names from the user's tree or the
// model's): each is made safe; reasons are hew's own words.
import type { LeftOut } from '../protocol/files.ts';
import { safeLine } from '../format/safe-text.ts';
import { IGNORED_NAMED_MAX } from './ignored-lines.ts';
import { plural } from '../format/plural.ts';

function named(label: string, list: readonly LeftOut[]): string[] {
  const lines = list.slice(0, IGNORED_NAMED_MAX).map((e) => `  ${label} ${safeLine(e.path)}: ${safeLine(e.reason)}`);
  return list.length > IGNORED_NAMED_MAX ? [...lines, `  … and ${list.length - IGNORED_NAMED_MAX} more`] : lines;
}

/** Lines naming what the working copy left out; empty when nothing was. */
export function notCopiedLines(list: readonly LeftOut[]): string[] {
  if (list.length === 0) return [];
  const n = list.length;
  return [`${plural(n, 'path')} not in the working copy (the run did not see ${n === 1 ? 'it' : 'them'}):`, ...named('not copied', list)];
}

/** Lines naming the run's changes that apply does not take; empty when none. */
export function notAppliedLines(list: readonly LeftOut[]): string[] {
  if (list.length === 0) return [];
  const n = list.length;
  return [`${plural(n, 'change')} not applied:`, ...named('skipped', list)];
}
