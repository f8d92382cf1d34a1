// The text being typed, as a value: the text and a cursor (an index into it). Multi-line: rows are
// split on '\n'; up/down keep the column, and report when there is no row above/below (the input
// box then walks the history instead).

export interface Editor {
  text: string;
  cursor: number;
}

export const emptyEditor: Editor = { text: '', cursor: 0 };

export function editorOf(text: string): Editor {
  return { text, cursor: text.length };
}

export function insert(e: Editor, s: string): Editor {
  return { text: e.text.slice(0, e.cursor) + s + e.text.slice(e.cursor), cursor: e.cursor + s.length };
}

/** Deletes `n` characters before the cursor. */
export function deleteBefore(e: Editor, n = 1): Editor {
  const from = Math.max(0, e.cursor - n);
  return { text: e.text.slice(0, from) + e.text.slice(e.cursor), cursor: from };
}

export function deleteAfter(e: Editor): Editor {
  if (e.cursor >= e.text.length) return e;
  return { text: e.text.slice(0, e.cursor) + e.text.slice(e.cursor + 1), cursor: e.cursor };
}

export function left(e: Editor): Editor {
  return { ...e, cursor: Math.max(0, e.cursor - 1) };
}

export function right(e: Editor): Editor {
  return { ...e, cursor: Math.min(e.text.length, e.cursor + 1) };
}

/** Row and column of the cursor, and how many rows there are. */
export function position(e: Editor): { row: number; col: number; rows: number } {
  const before = e.text.slice(0, e.cursor);
  const row = before.split('\n').length - 1;
  const col = e.cursor - (before.lastIndexOf('\n') + 1);
  return { row, col, rows: e.text.split('\n').length };
}

function lineStartOf(text: string, row: number): number {
  let start = 0;
  for (let r = 0; r < row; r++) start = text.indexOf('\n', start) + 1;
  return start;
}

function moveToRow(e: Editor, row: number, col: number): Editor {
  const start = lineStartOf(e.text, row);
  const end = e.text.indexOf('\n', start);
  const length = (end === -1 ? e.text.length : end) - start;
  return { ...e, cursor: start + Math.min(col, length) };
}

/** The cursor one row up, or null on the first row. */
export function up(e: Editor): Editor | null {
  const p = position(e);
  return p.row === 0 ? null : moveToRow(e, p.row - 1, p.col);
}

/** The cursor one row down, or null on the last row. */
export function down(e: Editor): Editor | null {
  const p = position(e);
  return p.row >= p.rows - 1 ? null : moveToRow(e, p.row + 1, p.col);
}

export function lineStart(e: Editor): Editor {
  return { ...e, cursor: e.text.lastIndexOf('\n', e.cursor - 1) + 1 };
}

export function lineEnd(e: Editor): Editor {
  const end = e.text.indexOf('\n', e.cursor);
  return { ...e, cursor: end === -1 ? e.text.length : end };
}

/** Ctrl-U: delete from the start of the row to the cursor. */
export function killToLineStart(e: Editor): Editor {
  const start = lineStart(e).cursor;
  return { text: e.text.slice(0, start) + e.text.slice(e.cursor), cursor: start };
}

/** Ctrl-K: delete from the cursor to the end of the row. */
export function killToLineEnd(e: Editor): Editor {
  const end = lineEnd(e).cursor;
  return { text: e.text.slice(0, e.cursor) + e.text.slice(end), cursor: e.cursor };
}

/** Ctrl-W: delete the word before the cursor (and the spaces after it). */
export function deleteWord(e: Editor): Editor {
  const before = e.text.slice(0, e.cursor);
  const m = /\S*\s*$/.exec(before);
  const n = m ? m[0].length : 0;
  return deleteBefore(e, n === 0 ? 1 : n);
}
