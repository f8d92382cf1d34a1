// The slash commands of the interactive session: names, one-line descriptions (for /help and
// completion), and whether each may run while a turn is running (only those that change nothing).
import type { SlashCommand } from '../protocol/interactive.ts';

export interface SlashSpec extends SlashCommand {
  /** Shown after the name in /help, e.g. `NAME`. */
  args?: string;
  /** May run while a turn is running (reads only). */
  whileBusy: boolean;
}

export const SLASH_COMMANDS: readonly SlashSpec[] = [
  { name: '/diff', args: '[PATH]', description: "show the run's changes so far, file by file (or only PATH's)", whileBusy: true },
  { name: '/apply', description: 'write the changes into your repository (all or nothing)', whileBusy: false },
  { name: '/discard', description: 'delete the working copy; /new starts again', whileBusy: false },
  { name: '/plan', description: "show the agent's current plan", whileBusy: true },
  { name: '/model', args: 'NAME', description: 'use another model from the next turn', whileBusy: false },
  { name: '/approval', args: 'POLICY', description: 'when to ask before commands: untrusted, on-request or never', whileBusy: false },
  { name: '/compact', description: 'summarise the earlier conversation to free context (keeps the last turn)', whileBusy: false },
  { name: '/mcp', description: 'list the MCP servers, their state and their tools', whileBusy: true },
  { name: '/status', description: 'run, repository, working copy, model, sandbox, tokens, files changed', whileBusy: true },
  { name: '/rewind', args: 'STEP', description: "go back to an earlier step: the copy's files and the conversation", whileBusy: false },
  { name: '/resume', args: 'RUN', description: 'save this session and continue another run of this repository', whileBusy: false },
  { name: '/new', description: 'save this session and start a new one on a fresh copy', whileBusy: false },
  { name: '/remember', args: 'TEXT', description: "remember a fact in the copy's AGENTS.md (/apply takes it); --user TEXT: in your global instructions", whileBusy: false },
  { name: '/memory', description: 'list what is remembered (project and user) and where', whileBusy: true },
  { name: '/help', description: 'list these commands', whileBusy: true },
  { name: '/quit', description: 'end the session (it is saved)', whileBusy: true },
];

export interface ParsedCommand {
  name: string;
  /** The rest of the line, trimmed. */
  arg: string;
  spec: SlashSpec | undefined;
}

/** `/model gpt-5` → { name: '/model', arg: 'gpt-5' }; null when the text is not a command. */
export function parseSlash(text: string): ParsedCommand | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('/') || trimmed.startsWith('//')) return null;
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  const name = (match?.[1] ?? trimmed).toLowerCase();
  const arg = (match?.[2] ?? '').trim();
  return { name, arg, spec: SLASH_COMMANDS.find((c) => c.name === name || (name === '/exit' && c.name === '/quit')) };
}

/** The /help listing, one line per command. */
export function helpLines(): string[] {
  const width = Math.max(...SLASH_COMMANDS.map((c) => label(c).length));
  return [
    ...SLASH_COMMANDS.map((c) => `${label(c).padEnd(width)}  ${c.description}`),
    '',
    'Esc interrupts the running turn; @path completes a file of the repository.',
  ];
}

function label(c: SlashSpec): string {
  return c.args ? `${c.name} ${c.args}` : c.name;
}

/** The slash commands whose names start with `word` (case-insensitive). */
export function completeSlash(word: string): string[] {
  const prefix = word.toLowerCase();
  return SLASH_COMMANDS.filter((c) => c.name.startsWith(prefix)).map((c) => c.name);
}
