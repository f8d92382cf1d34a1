// The picker's layout as pure functions (tested as tables): how many attempt columns fit the
// terminal and how wide each is, which window of them is shown (it scrolls with the selection), and
// the lines of one column, every one cut to the column's width. The final message is the model's:
// it is made safe (format/safe-text.ts) before it is cut or wrapped, so an escape can neither act nor
// be split into something that acts.
import type { PickAttempt } from '../../protocol/pick.ts';
import { formatCost } from '../../format/cost.ts';
import { safeText } from '../../format/safe-text.ts';

/** A column is never narrower than this (fewer columns are shown instead) nor wider than COLUMN_MAX. */
export const COLUMN_MIN = 22;
export const COLUMN_MAX = 40;
/** Spaces between two columns. */
export const COLUMN_GAP = 2;

export interface ColumnsFit {
  /** How many columns are shown at once. */
  visible: number;
  /** Each column's width. */
  width: number;
}

/** How many of `total` columns fit `width` terminal columns, and how wide each is. */
export function columnsFit(total: number, width: number): ColumnsFit {
  const visible = Math.max(1, Math.min(total, Math.floor((width + COLUMN_GAP) / (COLUMN_MIN + COLUMN_GAP))));
  const each = Math.floor((width - COLUMN_GAP * (visible - 1)) / visible);
  return { visible, width: Math.max(1, Math.min(COLUMN_MAX, each)) };
}

/**
 * The first shown column: the previous one, moved just enough to keep `selected` in view, and never
 * past the last full window.
 */
export function windowStart(previous: number, selected: number, visible: number, total: number): number {
  let start = previous;
  if (selected < start) start = selected;
  if (selected >= start + visible) start = selected - visible + 1;
  return Math.max(0, Math.min(start, Math.max(0, total - visible)));
}

/** TEXT cut to WIDTH characters, ending in `…` when cut. */
export function cut(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  return width <= 0 ? '' : `${chars.slice(0, width - 1).join('')}…`;
}

/** One line of a text wrapped to WIDTH: at the last space that fits, else cut hard. */
function wrapLine(line: string, width: number): string[] {
  const out: string[] = [];
  let rest = Array.from(line);
  while (rest.length > width) {
    const space = rest.slice(0, width + 1).lastIndexOf(' ');
    const at = space > 0 ? space : width;
    out.push(rest.slice(0, at).join('').trimEnd());
    rest = rest.slice(space > 0 ? at + 1 : at);
  }
  out.push(rest.join(''));
  return out;
}

/** The head of a final message: made safe, tabs as two spaces, wrapped to WIDTH, at most MAX lines (`…` when there was more). */
export function messageHead(message: string | null, width: number, max: number): string[] {
  if (message === null || message.trim() === '') return ['(no final message)'];
  const lines = safeText(message.trim()).replace(/\t/g, '  ').split('\n').flatMap((l) => wrapLine(l, width));
  if (lines.length <= max) return lines;
  const head = lines.slice(0, Math.max(1, max));
  head[head.length - 1] = cut(`${head[head.length - 1] as string}…`, width).replace(/……$/, '…');
  return head;
}

export type Tone = 'head' | 'good' | 'bad' | 'dim' | 'plain';

export interface ColumnLine {
  text: string;
  tone: Tone;
}

export function checkText(check: PickAttempt['check']): string {
  return check === 'none' ? 'no check' : `check ${check}`;
}

export function diffText(diff: PickAttempt['diff']): string {
  return `+${diff.added} −${diff.removed}, ${diff.files} file${diff.files === 1 ? '' : 's'}`;
}

/**
 * One attempt's column: `▸` when selected, its index and the chosen mark (hew's ranking), status,
 * check, diff size, cost, then the head of its final message.
 */
export function columnLines(a: PickAttempt, width: number, messageLines: number, selected = false): ColumnLine[] {
  const status: Tone = a.status === 'completed' ? 'good' : 'bad';
  const lines: ColumnLine[] = [
    { text: `${selected ? '▸' : ' '} #${a.index}${a.chosen ? ' ★ chosen' : ''}`, tone: 'head' },
    { text: a.status, tone: status },
    { text: checkText(a.check), tone: a.check === 'passed' ? 'good' : a.check === 'failed' ? 'bad' : 'dim' },
    { text: diffText(a.diff), tone: 'plain' },
    { text: a.costUsd !== undefined ? formatCost(a.costUsd) : 'cost unknown', tone: 'dim' },
    ...(a.gone ? [{ text: 'copy discarded', tone: 'bad' as const }] : []),
    { text: '', tone: 'plain' },
    ...messageHead(a.finalMessage, width, messageLines).map((text) => ({ text, tone: 'plain' as const })),
  ];
  return lines.map((l) => ({ ...l, text: cut(l.text, width) }));
}
