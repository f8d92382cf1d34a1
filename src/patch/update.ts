// Applying the hunks of one `*** Update File` to a file's text, in memory.
//
// What is kept from the file rather than taken from the patch:
// - Context lines are kept as they are in the file (the patch's copy may differ in whitespace or
//   punctuation when a loose pass matched); only '+' lines come from the patch.
// - Line endings: untouched and context lines keep their own; added lines get the file's
//   dominant ending, so a CRLF file stays CRLF whether or not the patch lines had \r.
// - Final newline: a file without one keeps lacking it, even when a hunk changes or appends after
//   the last line. We read the missing newline as the file's convention (as editors that preserve
//   it do) and keep the diff to the lines the model meant to change; the format has no way to say
//   "add the final newline", and guessing one in would show up as an unrelated change.
// - Indentation: when a hunk matched only modulo indentation, added lines are re-indented to the
//   file's style (see indentation.ts).

import { PatchError } from './errors.ts';
import { joinFileText, lacksFinalNewline, splitFileText } from './file-text.ts';
import type { Eol } from './file-text.ts';
import { makeReindenter } from './indentation.ts';
import type { IndentPair } from './indentation.ts';
import { placeHunks } from './locate.ts';
import type { Placement } from './locate.ts';
import { placementFailureMessage } from './mismatch-report.ts';
import type { Hunk } from './patch-types.ts';

interface OutLine {
  text: string;
  eol: Eol;
}

function replacement(placement: Placement, fileLines: readonly string[], eols: readonly Eol[], eol: Eol): OutLine[] {
  const { start, lines } = placement;
  const pairs: IndentPair[] = [];
  let k = start;
  for (const [pos, line] of lines.entries()) {
    if (line.op !== '+') pairs.push({ patch: line.text, file: fileLines[k++]!, pos });
  }
  const reindent =
    placement.pass >= 2
      ? makeReindenter(
          pairs,
          fileLines,
          lines.map((l) => l.text),
        )
      : null;
  const out: OutLine[] = [];
  k = start;
  for (const [pos, line] of lines.entries()) {
    if (line.op === ' ') {
      out.push({ text: fileLines[k]!, eol: eols[k]! });
      k++;
    } else if (line.op === '-') {
      k++;
    } else {
      out.push({ text: reindent ? reindent(line.text, pos) : line.text, eol });
    }
  }
  return out;
}

/** The file's new text after every hunk; throws PatchError naming the hunk that did not match. */
export function applyHunksToText(content: string, hunks: readonly Hunk[], path: string): string {
  const file = splitFileText(content);
  const result = placeHunks(file.lines, hunks);
  if ('failure' in result) {
    const hunk = hunks[result.hunkIndex]!;
    throw new PatchError(
      placementFailureMessage(path, hunk, result.hunkIndex, hunks.length, result.failure, file.lines),
    );
  }
  const out: OutLine[] = [];
  let cursor = 0;
  for (const placement of result.placements) {
    for (; cursor < placement.start; cursor++) out.push({ text: file.lines[cursor]!, eol: file.eols[cursor]! });
    out.push(...replacement(placement, file.lines, file.eols, file.eol));
    cursor = Math.max(cursor, placement.start + placement.length);
  }
  for (; cursor < file.lines.length; cursor++) out.push({ text: file.lines[cursor]!, eol: file.eols[cursor]! });

  // A former last line that is no longer last gets a real ending; the final-newline state is kept.
  for (const line of out) if (line.eol === '') line.eol = file.eol;
  const lastOut = out[out.length - 1];
  if (lacksFinalNewline(file) && lastOut) lastOut.eol = '';
  return joinFileText(
    file.bom,
    out.map((l) => l.text),
    out.map((l) => l.eol),
  );
}
