// The one sanitizer for text that reaches a terminal. Everything the model controls (command text,
// file names, messages, plans, tool names, errors quoting it) and everything commands print can hold
// terminal escapes: a clipboard write (OSC 52), a link (OSC 8), cursor movement, a `\r` that
// overwrites what came before, bidi overrides that reorder what is read ("Trojan Source"). Here every
// such character is made visible instead of being interpreted:
//
// - C0 controls and DEL become their Unicode control pictures: ESC `␛`, CR `␍`, BEL `␇`, DEL `␡`
//   (newline `␊` and tab `␉` too, where a line is wanted);
// - C1 controls (U+0080–U+009F, where CSI and OSC have one-byte forms), line and paragraph
//   separators, and invisible format characters (bidi embeddings, overrides and isolates, zero-width
//   space, word joiner, byte-order mark, tag characters…) become `⟨U+XXXX⟩`. Zero-width joiner and
//   non-joiner stay: emoji and several scripts need them, and they hide nothing.
//
// The mapping is character by character (no sequence is parsed, none is dropped), so text sanitized in
// pieces, as it streams, is the same as text sanitized whole; and it is idempotent.
// This folder imports only the ground floor (format/ansi.ts): every front and layer may use it.
import { stripAnsi } from './ansi.ts';

/** Characters that are never shown as themselves. `\n` and `\t` are handled by the callers' choice. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]|(?![\u200c\u200d])\p{Cf}/gu;
// eslint-disable-next-line no-control-regex -- as above, with newline and tab
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|(?![\u200c\u200d])\p{Cf}/gu;

function picture(ch: string): string {
  const code = ch.codePointAt(0) as number;
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Multi-line text (messages, patches, plans): newlines and tabs kept, every other control visible. */
export function safeText(text: string): string {
  return text.replace(UNSAFE, picture);
}

/** Text that must stay on one line (a command card, a file name): newlines and tabs visible too. */
export function safeLine(text: string): string {
  return text.replace(UNSAFE_IN_LINE, picture);
}

/**
 * One line of a command's output: whole escape sequences are dropped, as they are from what the
 * model reads of it (format/ansi.ts: colours, cursor moves, charset selection, OSC strings, never
 * leaving a remnant such as `31m` or `(B`), tabs become two spaces, and whatever control is left
 * (a lone ESC, a `\r`) is shown as by `safeLine`.
 */
export function safeOutputLine(line: string): string {
  return safeLine(stripAnsi(line).replace(/\t/g, '  '));
}

/** Keys whose strings are names shown on one line: file paths, tool and server names. */
const LINE_KEYS: ReadonlySet<string> = new Set(['path', 'move_path', 'tool', 'server']);

/**
 * A copy of a JSON-like value (an event, a notice) with every string passed through `safeText`, or
 * `safeLine` under a key in `lineKeys`; object keys stay as they are. Values that are not plain data
 * (class instances) are returned unchanged.
 */
export function safeStrings<T>(value: T, lineKeys: ReadonlySet<string> = LINE_KEYS): T {
  return mapStrings(value, lineKeys, false) as T;
}

function mapStrings(value: unknown, lineKeys: ReadonlySet<string>, line: boolean): unknown {
  if (typeof value === 'string') return line ? safeLine(value) : safeText(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, lineKeys, line));
  if (value === null || typeof value !== 'object') return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, lineKeys, lineKeys.has(k));
  return out;
}
