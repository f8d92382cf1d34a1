// Reading a session's `session/update` stream as an editor renders it: tool calls folded from their
// `tool_call` and `tool_call_update`s (content and locations replace, the rest merges), and the
// text of message and thought chunks.
import type * as acp from '@agentclientprotocol/sdk';

/** A tool call as the editor shows it after every update, with the statuses it went through. */
export interface FoldedToolCall {
  toolCallId: string;
  title: string;
  kind: acp.ToolKind | undefined;
  status: acp.ToolCallStatus | undefined;
  statuses: acp.ToolCallStatus[];
  content: acp.ToolCallContent[];
  locations: acp.ToolCallLocation[];
  rawInput: unknown;
  rawOutput: unknown;
}

/** The tool calls of `updates`, in the order they started. */
export function toolCallsOf(updates: acp.SessionUpdate[]): FoldedToolCall[] {
  const calls = new Map<string, FoldedToolCall>();
  for (const u of updates) {
    if (u.sessionUpdate !== 'tool_call' && u.sessionUpdate !== 'tool_call_update') continue;
    let call = calls.get(u.toolCallId);
    if (!call) {
      call = { toolCallId: u.toolCallId, title: '', kind: undefined, status: undefined, statuses: [], content: [], locations: [], rawInput: undefined, rawOutput: undefined };
      calls.set(u.toolCallId, call);
    }
    if (u.title != null) call.title = u.title;
    if (u.kind != null) call.kind = u.kind;
    if (u.status != null) {
      call.status = u.status;
      if (call.statuses.at(-1) !== u.status) call.statuses.push(u.status);
    }
    if (u.content != null) call.content = u.content;
    if (u.locations != null) call.locations = u.locations;
    if (u.rawInput !== undefined) call.rawInput = u.rawInput;
    if (u.rawOutput !== undefined) call.rawOutput = u.rawOutput;
  }
  return [...calls.values()];
}

/** Every text of a tool call's `content` blocks (command output, messages), joined by newlines. */
export function contentText(call: FoldedToolCall): string {
  return call.content
    .map((c) => (c.type === 'content' && c.content.type === 'text' ? c.content.text : ''))
    .filter((t) => t !== '')
    .join('\n');
}

/** The `diff` contents of a tool call. */
export function diffsOf(call: FoldedToolCall): Extract<acp.ToolCallContent, { type: 'diff' }>[] {
  return call.content.filter((c): c is Extract<acp.ToolCallContent, { type: 'diff' }> => c.type === 'diff');
}

/** The streamed text of all chunks of one kind (agent_message_chunk, agent_thought_chunk, user_message_chunk). */
export function chunkText(updates: acp.SessionUpdate[], kind: 'agent_message_chunk' | 'agent_thought_chunk' | 'user_message_chunk'): string {
  return updates
    .map((u) => (u.sessionUpdate === kind && u.content.type === 'text' ? u.content.text : ''))
    .join('');
}

/** The updates of one kind, typed. */
export function updatesOfKind<K extends acp.SessionUpdate['sessionUpdate']>(
  updates: acp.SessionUpdate[],
  kind: K,
): Extract<acp.SessionUpdate, { sessionUpdate: K }>[] {
  return updates.filter((u): u is Extract<acp.SessionUpdate, { sessionUpdate: K }> => u.sessionUpdate === kind);
}
