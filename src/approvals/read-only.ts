// Is a command known to be read-only? A script is read-only only when it parses into simple
// commands (joined by pipes, `&&`, `||`, `;`) that are each read-only, with no assignments, no
// substitutions and no redirection except to /dev/null or between descriptors. When unsure: no.
import { isReadOnlyInvocation } from './read-only-rules/index.ts';
import { argvCommand, parseScript } from './shell-words.ts';
import type { Redirect, SimpleCommand } from './shell-words.ts';

/** A program named plainly (no path, no glob): `./ls` or `/tmp/x/cat` could be anything. */
const BARE_PROGRAM = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

/** The parts of a command, or null when it cannot be understood (treated as not safe). */
export function commandParts(command: string | string[]): SimpleCommand[] | null {
  if (typeof command !== 'string') return command.length > 0 ? [argvCommand(command)] : null;
  const parts = parseScript(command);
  return parts && parts.length > 0 ? parts : null;
}

/** Redirections that cannot change a file: discarding to /dev/null, `2>&1`, reading input. */
export function isHarmlessRedirect(r: Redirect): boolean {
  if (r.op === '<') return true;
  if (r.op === '>&' || r.op === '<&') return /^(\d+|-)$/.test(r.target);
  return r.target === '/dev/null';
}

export function isPlainProgram(word: string | undefined): word is string {
  return word !== undefined && BARE_PROGRAM.test(word);
}

/** One simple command: a listed program, arguments it accepts, nothing else around it. */
export function isReadOnlyPart(part: SimpleCommand): boolean {
  if (part.assignments.length > 0) return false;
  if (!part.redirects.every(isHarmlessRedirect)) return false;
  const [program, ...args] = part.words;
  if (!isPlainProgram(program)) return false;
  return isReadOnlyInvocation(program, args, (part.patterns ?? []).length > 0);
}

/** True only when every part of the command is known to be read-only. */
export function isReadOnlyCommand(command: string | string[]): boolean {
  const parts = commandParts(command);
  return parts !== null && parts.every(isReadOnlyPart);
}
