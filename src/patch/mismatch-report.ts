// The message for a hunk that could not be placed: which file and hunk, the lines the hunk
// expected, and the nearest lines actually in the file, numbered, so the model can fix its context.

import { oldLines } from './patch-types.ts';
import type { Hunk } from './patch-types.ts';
import type { PlacementFailure } from './locate.ts';
import { lineSimilarity, nearestWindow } from './similarity.ts';

const SHOWN_LINES = 10;

function clip(line: string): string {
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function numbered(fileLines: readonly string[], start: number, length: number): string {
  const end = Math.min(fileLines.length, start + Math.min(length, SHOWN_LINES + 2));
  const width = String(end).length;
  const out: string[] = [];
  for (let i = start; i < end; i++) out.push(`${String(i + 1).padStart(width)} | ${clip(fileLines[i]!)}`);
  if (start + length > end) out.push(`${' '.repeat(width)} | … (${start + length - end} more)`);
  return out.join('\n');
}

function expectedBlock(hunk: Hunk): string {
  const expected = hunk.lines.filter((l) => l.op !== '+');
  const shown = expected.slice(0, SHOWN_LINES).map((l) => `${l.op}${clip(l.text)}`);
  if (expected.length > SHOWN_LINES) shown.push(`… (${expected.length - SHOWN_LINES} more)`);
  return shown.join('\n');
}

function nearestBlock(path: string, fileLines: readonly string[], expected: readonly string[]): string {
  const near = nearestWindow(fileLines, expected);
  if (near === null || near.score === 0) return `${path} has no similar lines (it has ${fileLines.length} lines).`;
  const last = near.start + near.length;
  return (
    `Nearest lines in ${path} (lines ${near.start + 1}-${last}, ${Math.round(near.score * 100)}% similar):\n` +
    numbered(fileLines, near.start, near.length)
  );
}

function nearestSingleLine(fileLines: readonly string[], wanted: string): string {
  let best = -1;
  let score = 0;
  for (const [i, line] of fileLines.entries()) {
    const s = lineSimilarity(line, wanted);
    if (s > score) [best, score] = [i, s];
  }
  return best < 0 ? 'No similar line exists in the file.' : `The most similar line is:\n${numbered(fileLines, best, 1)}`;
}

export function placementFailureMessage(
  path: string,
  hunk: Hunk,
  hunkIndex: number,
  hunkCount: number,
  failure: PlacementFailure,
  fileLines: readonly string[],
): string {
  const which = `hunk ${hunkIndex + 1} of ${hunkCount} (patch line ${hunk.patchLine}) for ${path}`;
  const retry = 'Nothing was changed. Fix the hunk and send the whole patch again.';
  const old = oldLines(hunk.lines);
  switch (failure.kind) {
    case 'context-not-found':
      return [
        `Failed to apply ${which}: its '@@ ${clip(failure.context)}' line was not found in the file.`,
        nearestSingleLine(fileLines, failure.context),
        `Copy the @@ line from the file exactly, or use a bare '@@'. ${retry}`,
      ].join('\n');
    case 'ambiguous':
      return [
        `Failed to apply ${which}: its lines match ${failure.starts.length} places ` +
          `(lines ${failure.starts.map((s) => s + 1).join(', ')}) and none follows the previous hunk.`,
        `Add context lines, or an '@@ <line>' header naming the enclosing function or class, so it matches one place. ${retry}`,
      ].join('\n');
    case 'not-found': {
      const after = failure.contextLine === null ? '' : ` after its '@@' line (found at line ${failure.contextLine + 1})`;
      return [
        `Failed to apply ${which}: the expected lines were not found${after}.`,
        `Expected lines (' ' context, '-' removed):`,
        expectedBlock(hunk),
        nearestBlock(path, fileLines, old),
        `Copy context and removed lines exactly from the file (read it again if unsure). ${retry}`,
      ].join('\n');
    }
  }
}
