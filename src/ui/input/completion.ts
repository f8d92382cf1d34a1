// Tab completion of the word before the cursor: `/command` at the start of the input, `@path` and
// `$skill` anywhere. The candidates come from the controller; this only finds the word and splices.
import type { Editor } from './editor.ts';

export interface WordAt {
  start: number;
  word: string;
}

/** The completable word ending at the cursor, or null. */
export function completableWord(e: Editor): WordAt | null {
  const before = e.text.slice(0, e.cursor);
  const m = /\S+$/.exec(before);
  if (!m) return null;
  const start = e.cursor - m[0].length;
  const word = m[0];
  if (word.startsWith('@') || word.startsWith('$')) return { start, word };
  if (word.startsWith('/') && before.slice(0, start).trim() === '') return { start, word };
  return null;
}

/** Replaces the word with `replacement`; a final completion (not a directory) gets a trailing space. */
export function applyCompletion(e: Editor, at: WordAt, replacement: string, final: boolean): Editor {
  const rest = e.text.slice(e.cursor);
  const space = final && !replacement.endsWith('/') && !rest.startsWith(' ') ? ' ' : '';
  const text = e.text.slice(0, at.start) + replacement + space + rest;
  return { text, cursor: at.start + replacement.length + space.length };
}

export function commonPrefix(items: string[]): string {
  if (items.length === 0) return '';
  let prefix = items[0] ?? '';
  for (const item of items) while (!item.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
