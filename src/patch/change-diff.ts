// The line diff of one file a patch changed (its text before → after), as unified-diff hunks, for
// the model's success message and the `file_change` item's `diff` (SPEC §3).
//
// Kept cheap on a big file: the common leading and trailing lines are cut off first (plain string
// comparisons), and only the lines between them, plus the context, go to the `diff` package's
// Myers diff, itself bounded (edit length and time). When that bound is hit the middle is shown as
// one replacement: still a correct diff, only not the smallest.

import { structuredPatch } from 'diff';

/** Unchanged lines shown around each change. */
export const DIFF_CONTEXT_LINES = 2;
/** Bounds of the Myers diff of the middle part; past them the middle is one replacement. */
const MAX_EDIT_LENGTH = 4000;
const DIFF_TIMEOUT_MS = 200;

export interface FileDiffLines {
  added: number;
  removed: number;
  /** Unified-diff hunks: `@@ -a,b +c,d @@` headers and ' ', '-', '+', '\' lines, without newlines. */
  lines: string[];
}

interface Window {
  /** Index (0-based) of the window's first line in both texts (the common prefix is equal). */
  start: number;
  oldText: string;
  newText: string;
  oldCount: number;
  newCount: number;
}

/** Lines as `split('\n')` gives them: a text ending in a newline has a last element ''. */
function windowOf(a: string[], b: string[], context: number): Window {
  // The last element carries whether the file ends with a newline, so it never joins the prefix.
  const maxPrefix = Math.min(a.length, b.length) - 1;
  let prefix = 0;
  while (prefix < maxPrefix && a[prefix] === b[prefix]) prefix++;
  const maxSuffix = Math.min(a.length, b.length) - prefix;
  let suffix = 0;
  while (suffix < maxSuffix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const start = Math.max(0, prefix - context);
  const slice = (lines: string[]): { text: string; count: number } => {
    const end = Math.min(lines.length, lines.length - suffix + context);
    const part = lines.slice(start, end);
    // A window ending before the text's end ends with a newline; one reaching it ends as the text.
    const text = end < lines.length ? `${part.join('\n')}\n` : part.join('\n');
    return { text, count: end === lines.length && part.at(-1) === '' ? part.length - 1 : part.length };
  };
  const o = slice(a);
  const n = slice(b);
  return { start, oldText: o.text, newText: n.text, oldCount: o.count, newCount: n.count };
}

function rangeText(start: number, count: number): string {
  // As diff(1) and git: an empty range names the line before it.
  return `${count === 0 ? start - 1 : start},${count}`;
}

/** One replacement of the whole window: the fallback when the Myers diff gives up. */
function replaceAll(w: Window): FileDiffLines {
  const split = (text: string, count: number): string[] => (count === 0 ? [] : text.split('\n').slice(0, count));
  const oldLines = split(w.oldText, w.oldCount);
  const newLines = split(w.newText, w.newCount);
  const lines = [`@@ -${rangeText(w.start + 1, oldLines.length)} +${rangeText(w.start + 1, newLines.length)} @@`];
  for (const l of oldLines) lines.push(`-${l}`);
  if (w.oldCount > 0 && !w.oldText.endsWith('\n')) lines.push('\\ No newline at end of file');
  for (const l of newLines) lines.push(`+${l}`);
  if (w.newCount > 0 && !w.newText.endsWith('\n')) lines.push('\\ No newline at end of file');
  return { added: newLines.length, removed: oldLines.length, lines };
}

/** The diff from `before` to `after` (null: the file does not exist on that side). */
export function diffFileText(before: string | null, after: string | null, context = DIFF_CONTEXT_LINES): FileDiffLines {
  const a = before === null || before === '' ? [] : before.split('\n');
  const b = after === null || after === '' ? [] : after.split('\n');
  if (a.length === 0) a.push('');
  if (b.length === 0) b.push('');
  const w = windowOf(a, b, context);
  if (w.oldText === w.newText) return { added: 0, removed: 0, lines: [] };
  const patch = structuredPatch('a', 'b', w.oldText, w.newText, undefined, undefined, {
    context,
    maxEditLength: MAX_EDIT_LENGTH,
    timeout: DIFF_TIMEOUT_MS,
  });
  if (!patch) return replaceAll(w);
  const out: FileDiffLines = { added: 0, removed: 0, lines: [] };
  for (const h of patch.hunks) {
    out.lines.push(`@@ -${rangeText(h.oldStart + w.start, h.oldLines)} +${rangeText(h.newStart + w.start, h.newLines)} @@`);
    for (const line of h.lines) {
      if (line.startsWith('+')) out.added++;
      else if (line.startsWith('-')) out.removed++;
      out.lines.push(line);
    }
  }
  return out;
}
