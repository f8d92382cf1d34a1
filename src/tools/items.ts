// Item shapes the built-in tools produce. Non-shell tools (read_file, grep) appear as
// `command_execution` items with a `tool` field, since SPEC §3 has no generic tool item.
import type { ItemBody } from '../protocol/events.ts';

export type CommandItem = Extract<ItemBody, { type: 'command_execution' }>;

/** The in-progress item of a tool shown as a command. */
export function startedCommandItem(command: string, cwd: string, tool?: string): CommandItem {
  const item: CommandItem = { type: 'command_execution', command, cwd, exit_code: null, aggregated_output: '', duration_ms: null };
  if (tool !== undefined) item.tool = tool;
  return item;
}
