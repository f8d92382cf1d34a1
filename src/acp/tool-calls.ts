// hew's tool items → ACP tool calls: kind, title, locations at the start; status, content and raw
// output at the end. Pure. Titles are one bounded line (text.ts titleLine); locations are absolute
// paths in the user's repository, only those inside it; raw input and output (model and server text)
// have their controls made visible, as every other string (format/safe-text.ts safeStrings).
import type * as acp from '@agentclientprotocol/sdk';
import type { Item } from '../protocol/events.ts';
import { formatDuration } from '../format/units.ts';
import { safeStrings, safeText } from '../format/safe-text.ts';
import { diffContent } from './diff-content.ts';
import { fenced, shownOutput } from './output.ts';
import { repoPath, titleLine } from './text.ts';

export type CommandItem = Extract<Item, { type: 'command_execution' }>;
export type McpItem = Extract<Item, { type: 'mcp_tool_call' }>;
export type FileChangeItem = Extract<Item, { type: 'file_change' }>;
export type ToolItem = CommandItem | McpItem | FileChangeItem;

export function textContent(text: string): acp.ToolCallContent {
  return { type: 'content', content: { type: 'text', text } };
}

/** The paths a read_file or grep looks at: the item's `paths`, else (read_file) the path its command names. */
function commandPaths(item: CommandItem): { path: string; line?: number }[] {
  if (item.paths) return item.paths;
  if (item.tool === 'read_file' && item.command.startsWith('read_file ')) return [{ path: item.command.slice('read_file '.length) }];
  return [];
}

function commandLocations(item: CommandItem, repo: string): acp.ToolCallLocation[] {
  return commandPaths(item).flatMap((p) => {
    const abs = repoPath(repo, p.path);
    return abs === null ? [] : [{ path: abs, ...(p.line !== undefined ? { line: p.line } : {}) }];
  });
}

function commandKind(item: CommandItem): acp.ToolKind {
  if (item.tool === 'read_file') return 'read';
  if (item.tool === 'grep') return 'search';
  // hew's own tools that are not commands: reading a skill, remembering in the user's file.
  if (item.tool === 'skill') return 'read';
  if (item.tool === 'remember') return 'edit';
  return 'execute';
}

function commandTitle(item: CommandItem): string {
  if (item.tool === 'read_file') {
    const first = commandPaths(item)[0];
    return titleLine(first ? `Read ${first.path}` : item.command);
  }
  return titleLine(item.command);
}

/** The short name of an MCP tool (`mcp__server__tool` → `tool`). */
function mcpToolName(server: string, tool: string): string {
  const prefix = `mcp__${server}__`;
  return tool.startsWith(prefix) ? tool.slice(prefix.length) : tool;
}

export function mcpTitle(server: string, tool: string): string {
  return titleLine(`${server}: ${mcpToolName(server, tool)}`);
}

function changeKind(item: FileChangeItem): acp.ToolKind {
  if (item.changes.length > 0 && item.changes.every((c) => c.kind === 'delete')) return 'delete';
  if (item.changes.length === 1 && item.changes[0]!.kind === 'move') return 'move';
  return 'edit';
}

function changeTitle(item: FileChangeItem): string {
  const verb = { edit: 'Edit', delete: 'Delete', move: 'Move' }[changeKind(item) as 'edit' | 'delete' | 'move'];
  const names = item.changes.map((c) => (c.kind === 'move' && c.move_path !== undefined ? `${c.path} → ${c.move_path}` : c.path));
  return titleLine(`${verb} ${names.join(', ') || 'files'}`);
}

function changeLocations(item: FileChangeItem, repo: string): acp.ToolCallLocation[] {
  return item.changes.flatMap((c) => {
    const abs = repoPath(repo, c.kind === 'move' && c.move_path !== undefined ? c.move_path : c.path);
    return abs === null ? [] : [{ path: abs }];
  });
}

/** Characters of JSON a tool call's rawInput or rawOutput carries at most (as the output tail): an MCP result or a model's arguments can be any size. */
export const RAW_MAX_CHARS = 64 * 1024;

/** `value` when its JSON fits RAW_MAX_CHARS; else a note saying how large it was (the content shows the text, cut). */
export function boundedRaw(value: unknown): unknown {
  const json = JSON.stringify(value) ?? '';
  return json.length <= RAW_MAX_CHARS ? value : { omitted: `${json.length} characters of JSON, too large to send; the run's log has all of it` };
}

/** What every tool call of this item carries from the start: title, kind, locations, raw input. */
export function toolCallHead(item: ToolItem, repo: string): Pick<acp.ToolCall, 'title' | 'kind' | 'locations' | 'rawInput'> {
  switch (item.type) {
    case 'command_execution':
      return { title: commandTitle(item), kind: commandKind(item), locations: commandLocations(item, repo), rawInput: boundedRaw(safeStrings({ command: item.command, cwd: item.cwd })) };
    case 'mcp_tool_call':
      return { title: mcpTitle(item.server, item.tool), kind: 'other', locations: [], rawInput: boundedRaw(safeStrings(item.arguments ?? null)) };
    case 'file_change':
      return { title: changeTitle(item), kind: changeKind(item), locations: changeLocations(item, repo), rawInput: boundedRaw(safeStrings({ files: item.changes.map((c) => c.path) })) };
  }
}

/** Whether an ended item failed: a non-zero exit, declined (denied), failed, an MCP error. */
export function itemFailed(item: ToolItem): boolean {
  if (item.status === 'failed' || item.status === 'declined') return true;
  if (item.type === 'command_execution') return item.exit_code !== null && item.exit_code !== 0;
  if (item.type === 'mcp_tool_call') return item.error !== null;
  return item.error !== undefined;
}

function exitLine(item: CommandItem): string {
  const how = item.status === 'declined' ? 'not run (denied)' : item.exit_code !== null ? `exit ${item.exit_code}` : item.status === 'failed' ? 'failed' : 'ended';
  return item.duration_ms !== null ? `${how} · ${formatDuration(item.duration_ms)}` : how;
}

/** The text of an MCP result: its text parts (CallToolResult.content), else the value as JSON. */
function mcpResultText(result: unknown): string {
  if (result && typeof result === 'object' && Array.isArray((result as { content?: unknown }).content)) {
    const parts = (result as { content: unknown[] }).content.flatMap((c) =>
      c && typeof c === 'object' && (c as { type?: unknown }).type === 'text' && typeof (c as { text?: unknown }).text === 'string' ? [(c as { text: string }).text] : [],
    );
    if (parts.length > 0) return parts.join('\n');
  }
  if (result === null || result === undefined) return '';
  return typeof result === 'string' ? result : JSON.stringify(result, null, 2);
}

/** The content of an ended tool item (`notes`: lines said before it, e.g. how its approval was decided). */
export function endContent(item: ToolItem, repo: string, notes: readonly string[] = []): acp.ToolCallContent[] {
  const head = notes.map(textContent);
  switch (item.type) {
    case 'command_execution': {
      const output = shownOutput(item.aggregated_output, false);
      // A read's text is in the model's context, not the person's: the editor opens the file instead.
      if (item.tool === 'read_file' && !itemFailed(item)) return head;
      const body = output.trim() === '' ? exitLine(item) : `${fenced(output)}\n${exitLine(item)}`;
      return [...head, textContent(body)];
    }
    case 'mcp_tool_call': {
      const text = item.error !== null ? `Error: ${safeText(item.error)}` : shownOutput(mcpResultText(item.result), false);
      return [...head, ...(text.trim() !== '' ? [textContent(item.error !== null ? text : fenced(text))] : [])];
    }
    case 'file_change': {
      if (item.error !== undefined) return [...head, textContent(`Not applied: ${safeText(item.error)}`)];
      return [...head, ...item.changes.flatMap((c) => diffContent(c, repo))];
    }
  }
}

/** What a tool call reports when it ends: raw output for a command or an MCP call. */
export function rawOutput(item: ToolItem): unknown {
  if (item.type === 'command_execution') return { exit_code: item.exit_code, duration_ms: item.duration_ms };
  if (item.type === 'mcp_tool_call') return boundedRaw(safeStrings(item.error !== null ? { error: item.error } : (item.result ?? null)));
  return undefined;
}

