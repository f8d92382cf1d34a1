// Keeping the live tail of a command's output: the last few complete lines and the partial line
// after them, without holding the whole output (a 5,000-line test run stays a few hundred bytes).
import { safeOutputLine } from '../../format/safe-text.ts';
import { withoutUnfinishedEscape } from '../../format/ansi.ts';
import { TAIL_LINES } from './types.ts';

export interface OutputTail {
  tail: string[];
  partial: string;
  lineCount: number;
  /**
   * The output after the last newline as the command wrote it (only its last line segment, bounded):
   * the next chunk is joined to this, not to the sanitized `partial`, so an escape sequence split
   * across two chunks is still stripped whole and leaves no `31m` behind.
   */
  rawPartial: string;
}

/** A line longer than this keeps only its end (a command printing one endless line stays bounded). */
export const MAX_LINE_CHARS = 4096;

/** Appends streamed output to a tail. Carriage returns (progress bars) rewrite the partial line. */
export function appendOutput(prev: OutputTail, text: string, keep = TAIL_LINES): OutputTail {
  const pieces = (prev.rawPartial + text).split('\n');
  const rawPartial = shownSegment(pieces.pop() ?? '');
  const partial = safeOutputLine(withoutUnfinishedEscape(rawPartial));
  if (pieces.length === 0) return { tail: prev.tail, partial, lineCount: prev.lineCount, rawPartial };
  const complete = pieces.slice(-keep).map(lastSegment);
  const tail = complete.length >= keep ? complete : [...prev.tail, ...complete].slice(-keep);
  return { tail, partial, lineCount: prev.lineCount + pieces.length, rawPartial };
}

/** The tail of a finished command's whole output. */
export function tailOf(output: string, keep = TAIL_LINES): OutputTail {
  const trimmed = output.endsWith('\n') ? output.slice(0, -1) : output;
  if (trimmed === '') return { tail: [], partial: '', lineCount: 0, rawPartial: '' };
  const lines = trimmed.split('\n');
  return { tail: lines.slice(-keep).map(lastSegment), partial: '', lineCount: lines.length, rawPartial: '' };
}

/** What a terminal would show of a line with carriage returns: the text after the last one (its last MAX_LINE_CHARS), as written. */
function shownSegment(line: string): string {
  const noTrailing = line.endsWith('\r') ? line.slice(0, -1) : line;
  const cr = noTrailing.lastIndexOf('\r');
  const segment = cr === -1 ? noTrailing : noTrailing.slice(cr + 1);
  return segment.length > MAX_LINE_CHARS ? segment.slice(-MAX_LINE_CHARS) : segment;
}

/** That segment made safe to show. */
function lastSegment(line: string): string {
  return safeOutputLine(shownSegment(line));
}
