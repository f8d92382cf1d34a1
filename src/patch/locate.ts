// Placing each hunk of an Update in the file's lines. Like Codex, hunks are searched in order from
// where the previous one ended (after the `@@` context line when there is one; `*** End of File`
// hunks at the file's end first). Beyond Codex: a hunk not found there is searched in the whole
// file and taken if it matches one place that no other hunk claimed; trailing blank context lines
// (usually separators before the next section) are dropped if the hunk does not match with them.

import { oldLines } from './patch-types.ts';
import type { Hunk, HunkLine } from './patch-types.ts';
import { seekAll, seekFirst } from './seek.ts';
import type { SeekHit } from './seek.ts';
import type { MatchPass } from './line-match.ts';

export interface Placement {
  hunkIndex: number;
  /** Index of the first file line replaced (the insertion point when `length` is 0). */
  start: number;
  length: number;
  /** The hunk lines actually matched (trailing blank context may have been dropped). */
  lines: HunkLine[];
  pass: MatchPass;
}

export type PlacementFailure =
  | { kind: 'context-not-found'; context: string }
  | { kind: 'not-found'; lines: HunkLine[]; contextLine: number | null }
  | { kind: 'ambiguous'; starts: number[] };

type Outcome = { placement: Placement } | { failure: PlacementFailure };

interface Range {
  start: number;
  length: number;
}

function overlaps(taken: readonly Range[], start: number, length: number): boolean {
  return taken.some((r) =>
    length === 0 || r.length === 0
      ? (length === 0 && start > r.start && start < r.start + r.length) ||
        (r.length === 0 && r.start > start && r.start < start + length)
      : start < r.start + r.length && r.start < start + length,
  );
}

function withoutTrailingBlankContext(lines: HunkLine[]): HunkLine[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.op === ' ' && lines[end - 1]!.text.trim() === '') end--;
  return lines.slice(0, end);
}

class HunkPlacer {
  private cursor = 0;
  private readonly taken: Range[] = [];
  private readonly file: readonly string[];

  constructor(file: readonly string[]) {
    this.file = file;
  }

  place(hunk: Hunk, hunkIndex: number): Outcome {
    const variants = [hunk.lines];
    const trimmed = withoutTrailingBlankContext(hunk.lines);
    if (trimmed.length > 0 && trimmed.length < hunk.lines.length) variants.push(trimmed);
    let first: Outcome | null = null;
    for (const lines of variants) {
      const outcome = this.placeVariant(hunk, lines, hunkIndex);
      if ('placement' in outcome) {
        const { start, length } = outcome.placement;
        this.taken.push({ start, length });
        this.cursor = start + length;
        return outcome;
      }
      first ??= outcome;
    }
    return first!;
  }

  private free(length: number): (start: number) => boolean {
    return (start) => !overlaps(this.taken, start, length);
  }

  private placed(hunkIndex: number, lines: HunkLine[], start: number, length: number, pass: MatchPass): Outcome {
    return { placement: { hunkIndex, start, length, lines, pass } };
  }

  private placeVariant(hunk: Hunk, lines: HunkLine[], hunkIndex: number): Outcome {
    const old = oldLines(lines);
    if (old.length === 0) return this.placeInsertion(hunk, lines, hunkIndex);
    const free = this.free(old.length);
    if (hunk.endOfFile) {
      const atEnd = this.file.length - old.length;
      const hit = atEnd >= 0 ? seekFirst(this.file, old, atEnd, free, atEnd) : null;
      if (hit) return this.placed(hunkIndex, lines, hit.index, old.length, hit.pass);
    }
    // In order: after the previous hunk (and after this hunk's context line).
    const contextHit = hunk.context === null ? null : seekFirst(this.file, [hunk.context], this.cursor);
    if (hunk.context === null || contextHit) {
      const hit = contextHit ? this.afterContext(old, contextHit.index, free) : seekFirst(this.file, old, this.cursor, free);
      if (hit) return this.placed(hunkIndex, lines, hit.index, old.length, hit.pass);
    }
    // Out of order: anywhere in the file, if only one place fits.
    if (hunk.context === null) {
      const all = seekAll(this.file, old, free);
      if (all === null) return { failure: { kind: 'not-found', lines, contextLine: null } };
      if (all.indexes.length > 1) return { failure: { kind: 'ambiguous', starts: all.indexes } };
      return this.placed(hunkIndex, lines, all.indexes[0]!, old.length, all.pass);
    }
    const contexts = seekAll(this.file, [hunk.context]);
    if (contexts === null) return { failure: { kind: 'context-not-found', context: hunk.context } };
    const starts = new Map<number, MatchPass>();
    for (const c of contexts.indexes) {
      const hit = this.afterContext(old, c, free);
      if (hit && !starts.has(hit.index)) starts.set(hit.index, hit.pass);
    }
    if (starts.size === 0) {
      return { failure: { kind: 'not-found', lines, contextLine: contextHit?.index ?? contexts.indexes[0]! } };
    }
    if (starts.size > 1) return { failure: { kind: 'ambiguous', starts: [...starts.keys()].sort((a, b) => a - b) } };
    const [start, pass] = [...starts][0]!;
    return this.placed(hunkIndex, lines, start, old.length, pass);
  }

  /**
   * The hunk's old lines after its `@@` line at `context`; failing that, starting at the `@@` line
   * itself, since models often repeat the @@ line as the hunk's first context line.
   */
  private afterContext(old: readonly string[], context: number, free: (start: number) => boolean): SeekHit | null {
    return seekFirst(this.file, old, context + 1, free) ?? seekFirst(this.file, old, context, free, context);
  }

  /** A hunk of only '+' lines: after its context line, or else (or with End of File) at the end. */
  private placeInsertion(hunk: Hunk, lines: HunkLine[], hunkIndex: number): Outcome {
    if (hunk.context === null || hunk.endOfFile) return this.placed(hunkIndex, lines, this.file.length, 0, 0);
    const after = (i: number): boolean => !overlaps(this.taken, i + 1, 0);
    const forward = seekFirst(this.file, [hunk.context], this.cursor, after);
    if (forward) return this.placed(hunkIndex, lines, forward.index + 1, 0, forward.pass);
    const all = seekAll(this.file, [hunk.context], after);
    if (all === null) return { failure: { kind: 'context-not-found', context: hunk.context } };
    if (all.indexes.length > 1) return { failure: { kind: 'ambiguous', starts: all.indexes.map((i) => i + 1) } };
    return this.placed(hunkIndex, lines, all.indexes[0]! + 1, 0, all.pass);
  }
}

/** Places every hunk, or reports the first that cannot be placed (with its index). */
export function placeHunks(
  fileLines: readonly string[],
  hunks: readonly Hunk[],
): { placements: Placement[] } | { failure: PlacementFailure; hunkIndex: number } {
  const placer = new HunkPlacer(fileLines);
  const placements: Placement[] = [];
  for (const [i, hunk] of hunks.entries()) {
    const outcome = placer.place(hunk, i);
    if ('failure' in outcome) return { failure: outcome.failure, hunkIndex: i };
    placements.push(outcome.placement);
  }
  placements.sort((a, b) => a.start - b.start || a.hunkIndex - b.hunkIndex);
  return { placements };
}
