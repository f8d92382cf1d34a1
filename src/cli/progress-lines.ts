// exec's progress lines for a command (stderr, human mode): one when it starts — the command, shown
// safely and bounded, and its directory relative to the repository — and one when it ends — how it
// ended and how long it took. Pure: an item in, a line out (no newline, no clock).
//
// Which items get the pair: shell commands and the setup command (they can run for minutes). hew's
// own quick tools shown as commands (read_file, grep) keep a single line when they finish.
import type { Item } from '../protocol/events.ts';
import { safeLine } from '../format/safe-text.ts';
import { formatDuration } from '../format/units.ts';
import type { Style } from './human-output.ts';

type CommandItem = Extract<Item, { type: 'command_execution' }>;

/** The longest command shown on a progress line, in characters (code points) of its first line. */
export const MAX_SHOWN_COMMAND = 160;

/** Whether this item is shown as a start line and an end line (rather than one line when it ends). */
export function hasStartLine(item: Item): item is CommandItem {
  return item.type === 'command_execution' && (item.tool === undefined || item.tool === 'setup');
}

/**
 * The command on one line: its first line, cut at MAX_SHOWN_COMMAND with `…`, then `(+N lines)` when
 * it has more; every control character made visible (it is the model's text).
 */
export function shownCommand(command: string): string {
  const lines = command.replace(/\n+$/, '').split('\n');
  const first = [...(lines[0] ?? '')];
  const cut = first.length > MAX_SHOWN_COMMAND ? `${first.slice(0, MAX_SHOWN_COMMAND - 1).join('')}…` : first.join('');
  const more = lines.length > 1 ? ` (+${lines.length - 1} line${lines.length === 2 ? '' : 's'})` : '';
  return `${safeLine(cut)}${more}`;
}

/**
 * A command's directory as the user knows it: relative to the first of `roots` (the repository, then
 * the working copy) that holds it, `.` for the top; a directory under neither is shown whole.
 */
export function shownDir(cwd: string, roots: readonly string[]): string {
  const root = roots.find((r) => r !== '' && (cwd === r || cwd.startsWith(`${r.replace(/\/$/, '')}/`)));
  if (root === undefined) return safeLine(cwd);
  const rel = cwd.slice(root.replace(/\/$/, '').length + 1);
  return rel === '' ? '.' : safeLine(rel);
}

/** `› $ npm test · in packages/app` (setup: `› setup npm ci · in .`). */
export function commandStartLine(item: CommandItem, roots: readonly string[], s: Style): string {
  const label = item.tool === 'setup' ? shownCommand(item.command) : `$ ${shownCommand(item.command)}`;
  return `${s.bold('›')} ${label} ${s.dim(`· in ${shownDir(item.cwd, roots)}`)}`;
}

/** How a command ended, e.g. `exit 0 · 1.2s`, `timed out · exit 124 · 2m 00s`, `declined — not run`. */
function commandOutcome(item: CommandItem): { ok: boolean; text: string } {
  const took = item.duration_ms !== null ? ` · ${formatDuration(item.duration_ms)}` : '';
  if (item.status === 'declined') return { ok: false, text: 'declined — not run' };
  if (item.exit_code === null) return { ok: false, text: `failed${took}` };
  if (item.exit_code === 124) return { ok: false, text: `timed out · exit 124${took}` };
  if (item.exit_code === 130) return { ok: false, text: `interrupted · exit 130${took}` };
  return { ok: item.exit_code === 0 && item.status === 'completed', text: `exit ${item.exit_code}${took}` };
}

/** `  ✓ exit 0 · 1.2s` or `  ✗ exit 1 · 0.4s`, under the start line. */
export function commandEndLine(item: CommandItem, s: Style): string {
  const { ok, text } = commandOutcome(item);
  return `  ${ok ? s.green(`✓ ${text}`) : s.red(`✗ ${text}`)}`;
}
