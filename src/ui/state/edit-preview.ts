// How much of an edit's diff the transcript shows inline. An edit (one file_change item) shows at
// most EDIT_DIFF_LINES lines of diff in all, file after file in the item's order; a file whose
// diff is not shown whole says how many lines are left out and that `/diff PATH` shows them. The
// diff text is the item's `diff` (hunks only, no file headers), already made safe for the terminal
// by safe-action.ts.
import type { FileChange } from '../../protocol/files.ts';

/**
 * Diff lines one edit shows inline: a typical fix (a hunk or two with their context) is seen whole,
 * while a new 500-line file does not flood the scrollback.
 */
export const EDIT_DIFF_LINES = 30;

export interface FilePreview {
  /** The diff lines shown, in order. */
  lines: string[];
  /** Lines of the item's diff left out. */
  hidden: number;
  /** The item's diff was itself cut (diff_truncated): the run's diff holds more than `hidden` says. */
  cut: boolean;
}

function diffLinesOf(diff: string | undefined): string[] {
  if (diff === undefined || diff === '') return [];
  const lines = diff.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Each file's share of the edit's `limit` lines: the first files first, whole where they fit. */
export function editPreview(changes: readonly FileChange[], limit = EDIT_DIFF_LINES): FilePreview[] {
  let room = Math.max(0, limit);
  return changes.map((change) => {
    const all = diffLinesOf(change.diff);
    const lines = all.slice(0, room);
    room -= lines.length;
    return { lines, hidden: all.length - lines.length, cut: change.diff_truncated === true };
  });
}

/** The line under a file's preview when it is not whole, or null when it is. */
export function moreLine(path: string, preview: FilePreview): string | null {
  if (preview.hidden === 0 && !preview.cut) return null;
  const count = `${preview.hidden}${preview.cut ? '+' : ''}`;
  const what = preview.hidden === 0 ? 'the rest' : preview.lines.length === 0 ? `${count} lines` : `${count} more lines`;
  return `… ${what} · /diff ${path} shows the whole file`;
}
