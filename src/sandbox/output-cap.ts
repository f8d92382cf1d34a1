// What the model sees of a command's output: ANSI codes stripped, and long output cut to its head
// and tail with a note in the middle (SPEC §5). The full output goes to the run log instead.
// Sizes are UTF-8 bytes; cuts fall on line boundaries where possible and never inside a character.
// A command's output whose middle the runner already dropped (output-capture.ts) is cut around that
// gap, and the note counts the dropped bytes and lines too.
import { stripAnsi } from '../format/ansi.ts';
import { countNewlines } from './output-capture.ts';
import type { CapturedOutput } from './output-capture.ts';
import { plural } from '../format/plural.ts';

export interface CapOptions {
  /** Total bytes kept (head and tail, half each). Default 10 KiB. */
  maxBytes?: number;
  /** At most this many lines in the head. Default 128. */
  headLines?: number;
  /** At most this many lines in the tail. Default 128. */
  tailLines?: number;
}

export const DEFAULT_CAP_BYTES = 10 * 1024;
const DEFAULT_HEAD_LINES = 128;
const DEFAULT_TAIL_LINES = 128;

/** UTF-8 length of the code point that starts (forward) at `i`: [bytes, code units]. */
function forwardUnit(text: string, i: number): [number, number] {
  const c = text.charCodeAt(i);
  if (c < 0x80) return [1, 1];
  if (c < 0x800) return [2, 1];
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return [4, 2];
  }
  return [3, 1];
}

/** UTF-8 length of the code point that ends (backward) just before `end`: [bytes, code units]. */
function backwardUnit(text: string, end: number): [number, number] {
  const c = text.charCodeAt(end - 1);
  if (c < 0x80) return [1, 1];
  if (c < 0x800) return [2, 1];
  if (c >= 0xdc00 && c <= 0xdfff && end >= 2) {
    const prev = text.charCodeAt(end - 2);
    if (prev >= 0xd800 && prev <= 0xdbff) return [4, 2];
  }
  return [3, 1];
}

function countLines(text: string): number {
  if (text === '') return 0;
  return countNewlines(text) + (text.endsWith('\n') ? 0 : 1);
}

/** End index of the head: at most `budget` bytes and `maxLines` lines, ending at a newline if one is near. */
function headEnd(text: string, budget: number, maxLines: number): number {
  let i = 0;
  let bytes = 0;
  let lines = 0;
  while (i < text.length && lines < maxLines) {
    const [b, units] = forwardUnit(text, i);
    if (bytes + b > budget) break;
    bytes += b;
    if (text.charCodeAt(i) === 10) lines += 1;
    i += units;
  }
  if (i > 0 && text.charCodeAt(i - 1) !== 10) {
    const nl = text.lastIndexOf('\n', i - 1);
    if (nl >= i / 2) return nl + 1;
  }
  return i;
}

/** Start index of the tail: at most `budget` bytes and `maxLines` lines, starting a line if one is near. */
function tailStart(text: string, budget: number, maxLines: number, floor: number): number {
  let start = text.length;
  let bytes = 0;
  let lines = 0;
  if (maxLines <= 0) return text.length;
  while (start > floor) {
    // A newline just before `start` (other than the text's last character) completes a line.
    if (text.charCodeAt(start - 1) === 10 && start !== text.length) {
      lines += 1;
      if (lines >= maxLines) break;
    }
    const [b, units] = backwardUnit(text, start);
    if (bytes + b > budget) break;
    bytes += b;
    start -= units;
  }
  if (start > floor && start < text.length && text.charCodeAt(start - 1) !== 10) {
    const nl = text.indexOf('\n', start);
    if (nl !== -1 && nl + 1 < text.length && nl - start < (text.length - start) / 2) return nl + 1;
  }
  return start;
}

/** Output whose middle was already dropped at index `at` (nothing of it is in the text). */
export interface Dropped {
  at: number;
  bytes: number;
  lines: number;
}

/** Keeps the head and tail of long output and replaces the middle with a note. */
export function capOutput(text: string, opts: CapOptions = {}, dropped?: Dropped): string {
  const maxBytes = opts.maxBytes ?? DEFAULT_CAP_BYTES;
  const headLines = opts.headLines ?? DEFAULT_HEAD_LINES;
  const tailLines = opts.tailLines ?? DEFAULT_TAIL_LINES;
  if (!dropped && Buffer.byteLength(text, 'utf8') <= maxBytes && countLines(text) <= headLines + tailLines) return text;

  const headBudget = Math.floor(maxBytes / 2);
  let head = headEnd(text, headBudget, headLines);
  let tail = tailStart(text, maxBytes - headBudget, tailLines, head);
  if (dropped) {
    head = Math.min(head, dropped.at);
    tail = Math.max(tail, dropped.at);
  } else if (tail <= head) {
    return text;
  }
  const elided = text.slice(head, tail);
  const bytes = Buffer.byteLength(elided, 'utf8') + (dropped?.bytes ?? 0);
  const lines = countNewlines(elided) + (dropped?.lines ?? 0);
  const before = head > 0 && text.charCodeAt(head - 1) !== 10 ? '\n' : '';
  const lineNote = lines > 0 ? ` (${plural(lines, 'line')})` : '';
  const where = dropped ? 'the run log keeps more of it' : 'the full output is in the run log';
  const note = `${before}[… ${bytes} bytes${lineNote} elided; ${where} …]\n`;
  return text.slice(0, head) + note + text.slice(tail);
}

/** What the model sees of a command's output: ANSI codes stripped, cut to head and tail around any gap the runner left. */
export function capCommandOutput(captured: CapturedOutput, opts: CapOptions = {}): string {
  const { output, cut } = captured;
  if (!cut) return capOutput(stripAnsi(output), opts);
  const head = stripAnsi(output.slice(0, cut.headEnd));
  const tail = stripAnsi(output.slice(cut.tailStart));
  return capOutput(head + tail, opts, { at: head.length, bytes: cut.bytes, lines: cut.lines });
}
