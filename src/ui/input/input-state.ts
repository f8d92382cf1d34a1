// The input box as a state machine, apart from React: a key (as Ink reports it) or a paste goes in,
// the next state and at most one effect (submit the text, or Escape) come out.
//
// Keys: Enter submits. A newline is Ctrl+J (works in every terminal), Shift+Enter or Alt+Enter where
// the terminal reports them, or a backslash typed right before Enter. Up/Down move between rows and
// walk the history from the first/last row. Tab completes `/command` and `@path` (a menu when there
// are several: Tab/↓ next, Shift+Tab/↑ previous, Enter takes it, Esc closes). Ctrl+A/E start/end
// of row, Ctrl+U/K delete to start/end of row, Ctrl+W the word before the cursor.
import type { Key } from 'ink';
import { applyCompletion, commonPrefix, completableWord } from './completion.ts';
import type { WordAt } from './completion.ts';
import * as ed from './editor.ts';
import type { Editor } from './editor.ts';
import { historyWalk, newer, older, remember } from './history.ts';
import type { HistoryWalk } from './history.ts';
import { expandPastes, noPastes, normalizeNewlines, pasteInsertion, placeholderBefore } from './paste.ts';
import type { Pastes } from './paste.ts';

export interface CompletionMenu {
  items: string[];
  index: number;
  at: WordAt;
}

export interface InputState {
  editor: Editor;
  history: HistoryWalk;
  pastes: Pastes;
  menu: CompletionMenu | null;
}

export type InputEffect = { type: 'submit'; text: string } | { type: 'escape' };

export interface InputResult {
  state: InputState;
  effect?: InputEffect;
}

export interface InputDeps {
  complete(word: string): string[];
}

export type KeyInfo = Pick<Key, 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'return' | 'escape' | 'ctrl' | 'shift' | 'meta' | 'tab' | 'backspace' | 'delete' | 'home' | 'end'>;

export function inputState(history: string[] = []): InputState {
  return { editor: ed.emptyEditor, history: historyWalk(history), pastes: noPastes, menu: null };
}

const withEditor = (s: InputState, editor: Editor): InputResult => ({ state: { ...s, editor } });

function submit(s: InputState): InputResult {
  const text = expandPastes(s.editor.text, s.pastes).trimEnd();
  if (text.trim() === '') return { state: s };
  return { state: s, effect: { type: 'submit', text } };
}

/** The person's text was taken (accepted) or refused (kept as it is, e.g. while a turn runs). */
export function afterSubmit(s: InputState, text: string, accepted: boolean): InputState {
  if (!accepted) return s;
  return { editor: ed.emptyEditor, history: remember(s.history, text), pastes: noPastes, menu: null };
}

export function handlePaste(s: InputState, raw: string): InputState {
  const { pastes, insert } = pasteInsertion(s.pastes, raw);
  return { ...s, pastes, menu: null, editor: ed.insert(s.editor, insert) };
}

function complete(s: InputState, deps: InputDeps): InputResult {
  const at = completableWord(s.editor);
  if (!at) return { state: s };
  const items = deps.complete(at.word);
  if (items.length === 0) return { state: s };
  if (items.length === 1) return withEditor(s, applyCompletion(s.editor, at, items[0] ?? at.word, true));
  const prefix = commonPrefix(items);
  const editor = prefix.length > at.word.length ? applyCompletion(s.editor, at, prefix, false) : s.editor;
  return { state: { ...s, editor, menu: { items, index: 0, at: { start: at.start, word: prefix.length > at.word.length ? prefix : at.word } } } };
}

function menuKey(s: InputState, menu: CompletionMenu, key: KeyInfo): InputResult | null {
  const n = menu.items.length;
  if ((key.tab && !key.shift) || key.downArrow) return { state: { ...s, menu: { ...menu, index: (menu.index + 1) % n } } };
  if ((key.tab && key.shift) || key.upArrow) return { state: { ...s, menu: { ...menu, index: (menu.index - 1 + n) % n } } };
  if (key.return) {
    const choice = menu.items[menu.index] ?? menu.at.word;
    const editor = applyCompletion(s.editor, { start: menu.at.start, word: menu.at.word }, choice, true);
    return { state: { ...s, editor, menu: null } };
  }
  if (key.escape) return { state: { ...s, menu: null } };
  return null;
}

/** A chunk of several characters (typed fast, or pasted without bracketed paste). */
function chunk(s: InputState, input: string): InputResult {
  const text = normalizeNewlines(input);
  const firstNewline = text.indexOf('\n');
  if (firstNewline === text.length - 1) {
    // "hello\r": text and then Enter, as tmux send-keys or a fast typist delivers it.
    return submit({ ...s, editor: ed.insert(s.editor, text.slice(0, -1)) });
  }
  return { state: handlePaste(s, text) };
}

export function handleKey(s0: InputState, input: string, key: KeyInfo, deps: InputDeps): InputResult {
  let s = s0;
  if (s.menu) {
    const handled = menuKey(s, s.menu, key);
    if (handled) return handled;
    s = { ...s, menu: null };
  }
  const e = s.editor;
  if (key.escape) return { state: s, effect: { type: 'escape' } };
  if (key.return) {
    if (key.shift || key.meta) return withEditor(s, ed.insert(e, '\n'));
    if (e.text[e.cursor - 1] === '\\') return withEditor(s, ed.insert(ed.deleteBefore(e), '\n'));
    return submit(s);
  }
  // Ctrl+J arrives as LF, or as ctrl+'j' under the kitty keyboard protocol.
  if (input === '\n' || (key.ctrl && input === 'j')) return withEditor(s, ed.insert(e, '\n'));
  if (key.tab) return key.shift ? { state: s } : complete(s, deps);
  if (key.upArrow) {
    const moved = ed.up(e);
    if (moved) return withEditor(s, moved);
    const back = older(s.history, e.text);
    return back ? { state: { ...s, history: back.walk, editor: ed.editorOf(back.text) } } : { state: s };
  }
  if (key.downArrow) {
    const moved = ed.down(e);
    if (moved) return withEditor(s, moved);
    const fwd = newer(s.history);
    return fwd ? { state: { ...s, history: fwd.walk, editor: ed.editorOf(fwd.text) } } : { state: s };
  }
  if (key.leftArrow) return withEditor(s, ed.left(e));
  if (key.rightArrow) return withEditor(s, ed.right(e));
  if (key.home || (key.ctrl && input === 'a')) return withEditor(s, ed.lineStart(e));
  if (key.end || (key.ctrl && input === 'e')) return withEditor(s, ed.lineEnd(e));
  if (key.ctrl && input === 'u') return withEditor(s, ed.killToLineStart(e));
  if (key.ctrl && input === 'k') return withEditor(s, ed.killToLineEnd(e));
  if (key.ctrl && input === 'w') return withEditor(s, ed.deleteWord(e));
  if (key.backspace) {
    const placeholder = placeholderBefore(e.text, e.cursor, s.pastes);
    return withEditor(s, ed.deleteBefore(e, placeholder ? placeholder.length : 1));
  }
  if (key.delete) return withEditor(s, ed.deleteAfter(e));
  if (key.ctrl || key.meta || input === '') return { state: s };
  if (input.length > 1 || input.includes('\r')) return chunk(s, input);
  return withEditor(s, ed.insert(e, input));
}
