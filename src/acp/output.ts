// A command's output as an editor shows it: escape sequences removed (format/ansi.ts, the one
// stripper), each line as a terminal would leave it after `\r` (a progress bar shows its last state),
// any other control made visible (format/safe-text.ts), only the last OUTPUT_TAIL_CHARS kept, and
// fenced as a Markdown code block (editors render messages and tool content as Markdown) with a fence
// longer than any backtick run inside, so output cannot close it.
import { stripAnsi, withoutUnfinishedEscape } from '../format/ansi.ts';
import { safeText } from '../format/safe-text.ts';

/** 64 Ki characters: the tail of a command's output an update carries (the whole output is in the run's log). */
export const OUTPUT_TAIL_CHARS = 64 * 1024;

/** The text after the last `\r` of each line (a trailing `\r` of a CRLF ending ignored). */
function asTerminalLeavesIt(text: string): string {
  if (!text.includes('\r')) return text;
  return text
    .split('\n')
    .map((line) => {
      const body = line.endsWith('\r') ? line.slice(0, -1) : line;
      const cr = body.lastIndexOf('\r');
      return cr === -1 ? body : body.slice(cr + 1);
    })
    .join('\n');
}

/** The last `max` characters of `text` from a line start, with a line saying how much came before; `text` when it fits. */
export function outputTail(text: string, max = OUTPUT_TAIL_CHARS): string {
  if (text.length <= max) return text;
  let tail = text.slice(text.length - max);
  const nl = tail.indexOf('\n');
  if (nl !== -1 && nl < tail.length - 1) tail = tail.slice(nl + 1);
  return `… (${text.length - tail.length} earlier characters left out)\n${tail}`;
}

/** `text` in a Markdown code block whose fence no backtick run inside can close. */
export function fenced(text: string, info = ''): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.endsWith('\n') ? text.slice(0, -1) : text}\n${fence}`;
}

/** Command output ready to show: tail kept, escapes stripped (an unfinished one at the end too while `running`), controls visible. */
export function shownOutput(raw: string, running: boolean): string {
  const tail = outputTail(raw);
  return safeText(asTerminalLeavesIt(stripAnsi(running ? withoutUnfinishedEscape(tail) : tail)));
}
