// The line diff of one file a patch changed (its text before → after), as unified-diff hunks, for
// the model's success message and the `file_change` item's `diff` (SPEC §3).
//
// Kept cheap on a big file: the common leading and trailing lines are cut off first (plain string
// comparisons), and only the lines between them go to the `diff` package's Myers diff (on arrays of
// lines: no tokenizing), itself bounded by an edit length and a time. Past that bound the middle is
// shown as one replacement: still a correct diff, only not the smallest, so its counts are those of
// the whole changed span.

import { diffArrays } from 'diff';

/** Unchanged lines shown around each change. */
export const DIFF_CONTEXT_LINES = 2;
/** Bounds of the Myers diff of the middle part (changed lines, ms); past them, one replacement. */
const MAX_EDIT_LENGTH = 400;
const DIFF_TIMEOUT_MS = 50;
/** Marks a last line without a newline, so it differs from the same line with one. */
const NO_EOL = '\u0000<no newline>';

export interface FileDiffLines {
  added: number;
  removed: number;
  /** Unified-diff hunks: `@@ -a,b +c,d @@` headers and ' ', '-', '+', '\' lines, without newlines. */
  lines: string[];
}

type Op = { op: ' ' | '-' | '+'; line: string };

/** A text's lines; the last one, when it lacks a newline, carries NO_EOL. */
function linesOf(text: string | null): string[] {
  if (text === null || text === '') return [];
  const lines = text.split('\n');
  const last = lines.pop()!;
  if (last !== '') lines.push(last + NO_EOL);
  return lines;
}

function middleOps(a: string[], b: string[]): Op[] {
  const ops: Op[] = [];
  const changes = a.length > 0 && b.length > 0 ? diffArrays(a, b, { maxEditLength: MAX_EDIT_LENGTH, timeout: DIFF_TIMEOUT_MS }) : undefined;
  if (!changes) {
    for (const line of a) ops.push({ op: '-', line });
    for (const line of b) ops.push({ op: '+', line });
    return ops;
  }
  for (const c of changes) {
    const op = c.added ? '+' : c.removed ? '-' : ' ';
    for (const line of c.value) ops.push({ op, line });
  }
  return ops;
}

function rangeText(start: number, count: number): string {
  // As diff(1) and git: an empty range names the line before it.
  return `${count === 0 ? start - 1 : start},${count}`;
}

function pushLine(out: string[], op: Op): void {
  if (op.line.endsWith(NO_EOL)) {
    out.push(op.op + op.line.slice(0, -NO_EOL.length), '\\ No newline at end of file');
  } else {
    out.push(op.op + op.line);
  }
}

/** Groups the ops into hunks with `context` lines around each change; `first` is the 1-based line of ops[0]. */
function hunks(ops: readonly Op[], first: number, context: number): string[] {
  const oldNo: number[] = [0];
  const newNo: number[] = [0];
  for (const o of ops) {
    oldNo.push(oldNo.at(-1)! + (o.op === '+' ? 0 : 1));
    newNo.push(newNo.at(-1)! + (o.op === '-' ? 0 : 1));
  }
  const changed = ops.flatMap((o, i) => (o.op === ' ' ? [] : [i]));
  const out: string[] = [];
  let k = 0;
  while (k < changed.length) {
    const from = Math.max(0, changed[k]! - context);
    let last = changed[k]!;
    while (k + 1 < changed.length && changed[k + 1]! - last - 1 <= 2 * context) last = changed[++k]!;
    k++;
    const to = Math.min(ops.length, last + 1 + context);
    out.push(`@@ -${rangeText(first + oldNo[from]!, oldNo[to]! - oldNo[from]!)} +${rangeText(first + newNo[from]!, newNo[to]! - newNo[from]!)} @@`);
    for (let i = from; i < to; i++) pushLine(out, ops[i]!);
  }
  return out;
}

/** The diff from `before` to `after` (null: the file does not exist on that side). */
export function diffFileText(before: string | null, after: string | null, context = DIFF_CONTEXT_LINES): FileDiffLines {
  const a = linesOf(before);
  const b = linesOf(after);
  const shorter = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shorter && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  if (prefix === a.length && prefix === b.length) return { added: 0, removed: 0, lines: [] };

  const start = Math.max(0, prefix - context);
  const ops: Op[] = a.slice(start, prefix).map((line) => ({ op: ' ', line }));
  const middle = middleOps(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix));
  for (const o of middle) ops.push(o);
  for (const line of a.slice(a.length - suffix, a.length - suffix + context)) ops.push({ op: ' ', line });
  return {
    added: middle.filter((o) => o.op === '+').length,
    removed: middle.filter((o) => o.op === '-').length,
    lines: hunks(ops, start + 1, context),
  };
}
