// Finding a run of patch lines in a file's lines. Each pass of line-match.ts is tried over the
// whole range before the next, looser one, so an exact match always wins over a fuzzy one.

import { linesMatch } from './line-match.ts';
import type { MatchPass } from './line-match.ts';

const ALL_PASSES: MatchPass[] = [0, 1, 2, 3];

export interface SeekHit {
  index: number;
  pass: MatchPass;
}

/** Extra condition on a candidate start (e.g. "does not overlap a hunk already placed"). */
export type Accept = (index: number) => boolean;

function matchesAt(lines: readonly string[], pattern: readonly string[], at: number, pass: MatchPass): boolean {
  for (let k = 0; k < pattern.length; k++) {
    if (!linesMatch(lines[at + k]!, pattern[k]!, pass)) return false;
  }
  return true;
}

/** First start in [from, to] (inclusive, clamped) where `pattern` matches, strictest pass first. */
export function seekFirst(
  lines: readonly string[],
  pattern: readonly string[],
  from: number,
  accept: Accept = () => true,
  to: number = lines.length - pattern.length,
): SeekHit | null {
  const last = Math.min(to, lines.length - pattern.length);
  for (const pass of ALL_PASSES) {
    for (let i = Math.max(0, from); i <= last; i++) {
      if (matchesAt(lines, pattern, i, pass) && accept(i)) return { index: i, pass };
    }
  }
  return null;
}

/** Every accepted start of `pattern` at the strictest pass that finds any. */
export function seekAll(
  lines: readonly string[],
  pattern: readonly string[],
  accept: Accept = () => true,
): { indexes: number[]; pass: MatchPass } | null {
  for (const pass of ALL_PASSES) {
    const indexes: number[] = [];
    for (let i = 0; i <= lines.length - pattern.length; i++) {
      if (matchesAt(lines, pattern, i, pass) && accept(i)) indexes.push(i);
    }
    if (indexes.length > 0) return { indexes, pass };
  }
  return null;
}
