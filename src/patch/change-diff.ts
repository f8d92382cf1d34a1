// The line diff of one file a patch changed (its text before → after), as unified-diff hunks, for
// the model's success message and the `file_change` item's `diff` (SPEC §3).
//
// Kept cheap on a big file: the common leading and trailing lines are cut off first (native string
// comparisons a block at a time; no splitting of the whole file), and only the lines between them
// go to the `diff` package's Myers diff (on arrays of lines: no tokenizing), bounded by an edit
// length (and, against a pathological case, a time). Past that bound the middle is shown as one
// replacement: still a correct diff, only not the smallest, so its counts are those of the whole
// changed span.

import { diffArrays } from 'diff';

/** Unchanged lines shown around each change. */
const DIFF_CONTEXT_LINES = 2;
/** Bounds of the Myers diff of the middle part (changed lines, ms); past them, one replacement. */
const MAX_EDIT_LENGTH = 400;
const DIFF_TIMEOUT_MS = 500;
/** Marks a last line without a newline, so it differs from the same line with one. */
const NO_EOL = '\u0000<no newline>';

export interface FileDiffLines {
  added: number;
  removed: number;
  /** Unified-diff hunks: `@@ -a,b +c,d @@` headers and ' ', '-', '+', '\' lines, without newlines. */
  lines: string[];
}

/** A run of lines the same on both sides (' '), or only in the old (-) or new (+) text. */
type Run = { op: ' ' | '-' | '+'; lines: string[] };

/** A text's lines; the last one, when it lacks a newline, carries NO_EOL. */
function linesOf(text: string | null): string[] {
  if (text === null || text === '') return [];
  const lines = text.split('\n');
  const last = lines.pop()!;
  if (last !== '') lines.push(last + NO_EOL);
  return lines;
}

function middleRuns(a: string[], b: string[]): Run[] {
  const changes = a.length > 0 && b.length > 0 ? diffArrays(a, b, { maxEditLength: MAX_EDIT_LENGTH, timeout: DIFF_TIMEOUT_MS }) : undefined;
  if (!changes) {
    return [
      { op: '-' as const, lines: a },
      { op: '+' as const, lines: b },
    ].filter((r) => r.lines.length > 0);
  }
  return changes.map((c) => ({ op: c.added ? '+' : c.removed ? '-' : ' ', lines: c.value }));
}

function rangeText(start: number, count: number): string {
  // As diff(1) and git: an empty range names the line before it.
  return `${count === 0 ? start - 1 : start},${count}`;
}

function pushLine(out: string[], op: Run['op'], line: string): void {
  if (line.endsWith(NO_EOL)) {
    out.push(op + line.slice(0, -NO_EOL.length), '\\ No newline at end of file');
  } else {
    out.push(op + line);
  }
}

interface OpenHunk {
  oldStart: number;
  newStart: number;
  oldCount: number;
  newCount: number;
  body: string[];
}

/** Hunks with `context` lines around each change; `first` is the 1-based line where `runs` start. */
function hunks(runs: readonly Run[], first: number, context: number): string[] {
  const out: string[] = [];
  let oldLine = first;
  let newLine = first;
  let open: OpenHunk | null = null;
  let lead: string[] = [];
  const close = (h: OpenHunk): void => {
    out.push(`@@ -${rangeText(h.oldStart, h.oldCount)} +${rangeText(h.newStart, h.newCount)} @@`, ...h.body);
  };
  const addSame = (h: OpenHunk, lines: readonly string[]): void => {
    for (const l of lines) pushLine(h.body, ' ', l);
    h.oldCount += lines.length;
    h.newCount += lines.length;
  };
  runs.forEach((run, i) => {
    if (run.op === ' ') {
      const n = run.lines.length;
      if (open && n <= 2 * context && i < runs.length - 1) {
        addSame(open, run.lines);
      } else if (open) {
        addSame(open, run.lines.slice(0, context));
        close(open);
        open = null;
      }
      lead = run.lines.slice(Math.max(0, n - context));
      oldLine += n;
      newLine += n;
      return;
    }
    if (!open) {
      open = { oldStart: oldLine - lead.length, newStart: newLine - lead.length, oldCount: 0, newCount: 0, body: [] };
      addSame(open, lead);
    }
    for (const l of run.lines) pushLine(open.body, run.op, l);
    if (run.op === '-') {
      open.oldCount += run.lines.length;
      oldLine += run.lines.length;
    } else {
      open.newCount += run.lines.length;
      newLine += run.lines.length;
    }
  });
  if (open) close(open);
  return out;
}

/** Characters both texts start with, compared a block at a time (native string comparison). */
function commonPrefix(a: string, b: string, max: number): number {
  let n = 0;
  for (let block = 65536; block >= 1; block >>= 4) {
    while (n + block <= max && a.slice(n, n + block) === b.slice(n, n + block)) n += block;
  }
  return n;
}

/** Characters both texts end with, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  for (let block = 65536; block >= 1; block >>= 4) {
    while (n + block <= max && a.slice(a.length - n - block, a.length - n) === b.slice(b.length - n - block, b.length - n)) n += block;
  }
  return n;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The last `count` whole lines of text[0, end) (end is a line start). */
function linesBefore(text: string, end: number, count: number): string[] {
  let from = end;
  for (let k = 0; k < count && from > 0; k++) from = text.lastIndexOf('\n', from - 2) + 1;
  return from === end ? [] : text.slice(from, end - 1).split('\n');
}

/** The diff from `before` to `after` (null: the file does not exist on that side). */
export function diffFileText(before: string | null, after: string | null, context = DIFF_CONTEXT_LINES): FileDiffLines {
  const a = before ?? '';
  const b = after ?? '';
  if (a === b) return { added: 0, removed: 0, lines: [] };
  // Common whole lines at the start: up to the last newline inside the common characters.
  const shorter = Math.min(a.length, b.length);
  const head = a.lastIndexOf('\n', commonPrefix(a, b, shorter) - 1) + 1;
  // Common whole lines at the end: after the first newline inside the common characters.
  const common = commonSuffix(a, b, shorter - head);
  const nl = common === 0 ? -1 : a.indexOf('\n', a.length - common);
  const tail = nl === -1 ? 0 : a.length - nl - 1;

  const middle = middleRuns(linesOf(a.slice(head, a.length - tail)), linesOf(b.slice(head, b.length - tail)));
  const lead = linesBefore(a, head, context);
  const trail = linesOf(a.slice(a.length - tail)).slice(0, context);
  const runs: Run[] = [];
  for (const run of [{ op: ' ' as const, lines: lead }, ...middle, { op: ' ' as const, lines: trail }]) {
    // Neighbouring runs of one kind (the Myers diff's last equal lines and the trailing context) join.
    const last = runs.at(-1);
    if (last && last.op === run.op) last.lines = last.lines.concat(run.lines);
    else runs.push({ ...run });
  }
  const count = (op: Run['op']): number => middle.reduce((n, r) => n + (r.op === op ? r.lines.length : 0), 0);
  return { added: count('+'), removed: count('-'), lines: hunks(runs, countNewlines(a, head) - lead.length + 1, context) };
}
