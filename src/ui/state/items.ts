// The item lifecycle: item.started puts an item in the live region, item.delta grows its text or
// output tail, item.updated replaces it, item.completed moves it to the transcript. A todo_list is
// the turn's plan (kept in place, not in the live list); a failed message or reasoning is the
// discarded partial output of a retried request and is dropped. A streaming answer's finished
// Markdown blocks move to the transcript as soon as they are finished (message-blocks.ts).
import type { Item } from '../../protocol/events.ts';
import { safeText } from '../../format/safe-text.ts';
import { approvalView } from './approval.ts';
import { appendEntries, appendEntry } from './transcript.ts';
import type { NewEntry } from './transcript.ts';
import { splitFinishedBlocks } from './message-blocks.ts';
import { appendOutput, tailOf } from './tail.ts';
import type { CommandView, FileChangeView, LiveItem, ViewState } from './types.ts';

type CommandItem = Extract<Item, { type: 'command_execution' }>;
type McpItem = Extract<Item, { type: 'mcp_tool_call' }>;

function commandView(item: CommandItem | McpItem, previous?: CommandView): CommandView {
  const output = item.type === 'command_execution' ? item.aggregated_output : (item.error ?? '');
  const tail = output !== '' ? tailOf(output) : previous ? { tail: previous.tail, partial: previous.partial, lineCount: previous.lineCount, rawPartial: previous.rawPartial } : tailOf('');
  const view: CommandView = {
    id: item.id,
    command: item.type === 'command_execution' ? item.command : `${item.server}.${item.tool}`,
    cwd: item.type === 'command_execution' ? item.cwd : '',
    status: item.status,
    exitCode: item.type === 'command_execution' ? item.exit_code : null,
    durationMs: item.type === 'command_execution' ? item.duration_ms : null,
    ...tail,
  };
  const tool = item.type === 'command_execution' ? item.tool : 'mcp';
  if (tool !== undefined) view.tool = tool;
  return view;
}

/** An item.updated keeps a command held for its approval. */
function held(view: CommandView, previous: LiveItem | undefined): CommandView {
  return previous?.kind === 'command' && previous.command.awaitingApproval && view.status === 'in_progress' ? { ...view, awaitingApproval: true } : view;
}

function fileChangeView(item: Extract<Item, { type: 'file_change' }>): FileChangeView {
  const view: FileChangeView = { id: item.id, status: item.status, changes: item.changes };
  if (item.error !== undefined) view.error = item.error;
  return view;
}

function liveOf(item: Item, previous?: LiveItem): LiveItem | null {
  switch (item.type) {
    case 'agent_message': {
      const committed = previous?.kind === 'message' ? previous.committed : 0;
      const text = item.text !== '' ? item.text.slice(committed) : previous?.kind === 'message' ? previous.text : '';
      return { kind: 'message', id: item.id, text, committed };
    }
    case 'reasoning': {
      const text = item.text !== '' ? item.text : previous?.kind === 'reasoning' ? previous.text : '';
      return { kind: 'reasoning', id: item.id, text };
    }
    case 'command_execution':
    case 'mcp_tool_call':
      return { kind: 'command', id: item.id, command: held(commandView(item, previous?.kind === 'command' ? previous.command : undefined), previous) };
    case 'file_change':
      return { kind: 'file_change', id: item.id, change: fileChangeView(item) };
    case 'approval':
      return { kind: 'approval', id: item.id, request: approvalView(item.id, item.request, item.reason) };
    default:
      return null;
  }
}

function withoutRetry(state: ViewState): ViewState {
  return state.status.retry ? { ...state, status: { ...state.status, retry: null } } : state;
}

function setPlan(state: ViewState, item: Extract<Item, { type: 'todo_list' }>): ViewState {
  const plan = item.explanation !== undefined ? { entries: item.items, explanation: item.explanation } : { entries: item.items };
  return { ...state, plan };
}

/**
 * An approval sits inside its command (item.started of the command, then of the approval): while it
 * waits, the latest live command still in progress is held for it, not running; `waiting` false
 * releases every held command (the approval was answered).
 */
function holdForApproval(live: LiveItem[], waiting: boolean): LiveItem[] {
  if (!waiting) {
    return live.some((l) => l.kind === 'command' && l.command.awaitingApproval)
      ? live.map((l) => (l.kind === 'command' && l.command.awaitingApproval ? { ...l, command: { ...l.command, awaitingApproval: false } } : l))
      : live;
  }
  const index = live.findLastIndex((l) => l.kind === 'command' && l.command.status === 'in_progress');
  const held = live[index];
  if (held?.kind !== 'command') return live;
  const copy = [...live];
  copy[index] = { ...held, command: { ...held.command, awaitingApproval: true } };
  return copy;
}

/** item.started and item.updated: put the item in the live region (or replace it there). */
export function itemInProgress(state: ViewState, item: Item): ViewState {
  const s = withoutRetry(state);
  if (item.type === 'todo_list') return setPlan(s, item);
  if (item.type === 'error') return appendEntry(s, { kind: 'error', message: item.message });
  const index = s.live.findIndex((l) => l.id === item.id);
  const live = liveOf(item, index >= 0 ? s.live[index] : undefined);
  if (!live) return s;
  if (index < 0) return { ...s, live: [...(item.type === 'approval' ? holdForApproval(s.live, true) : s.live), live] };
  const copy = [...s.live];
  copy[index] = live;
  return { ...s, live: copy };
}

/** A streamed message's finished Markdown blocks go to the transcript; the block being written stays. */
function streamMessage(state: ViewState, index: number, current: Extract<LiveItem, { kind: 'message' }>, text: string): ViewState {
  const { done, rest } = splitFinishedBlocks(current.text + text);
  const live = [...state.live];
  const committed = current.committed + (current.text.length + text.length - rest.length);
  live[index] = { ...current, text: rest, committed };
  const s = withoutRetry({ ...state, live });
  return done !== '' ? appendEntry(s, { kind: 'message', text: done }) : s;
}

/** item.delta: streamed text for a message or reasoning, output for a command. */
export function itemDelta(state: ViewState, id: string, text: string): ViewState {
  const index = state.live.findIndex((l) => l.id === id);
  const current = state.live[index];
  if (!current) return state;
  // Message text is made safe here, piece by piece (the same as whole); output is made safe in its tail.
  if (current.kind === 'message') return streamMessage(state, index, current, safeText(text));
  let next: LiveItem;
  if (current.kind === 'reasoning') {
    next = { ...current, text: current.text + safeText(text) };
  } else if (current.kind === 'command') {
    next = { ...current, command: { ...current.command, ...appendOutput(current.command, text) } };
  } else {
    return state;
  }
  const live = [...state.live];
  live[index] = next;
  const s = { ...state, live };
  return withoutRetry(s);
}

/** What a finished item adds to the transcript, or null (dropped, or not a transcript entry). */
function entryOf(item: Item, previous: LiveItem | undefined): NewEntry | null {
  switch (item.type) {
    case 'agent_message': {
      // A failed message is a retried request's partial output; blocks already shown stay shown.
      if (item.status === 'failed') return null;
      const committed = previous?.kind === 'message' ? previous.committed : 0;
      const text = item.text !== '' ? item.text.slice(committed) : previous?.kind === 'message' ? previous.text : '';
      return text.trim() === '' ? null : { kind: 'message', text: text.replace(/^\n+/, '') };
    }
    case 'reasoning': {
      if (item.status === 'failed') return null;
      const text = item.text !== '' ? item.text : previous?.kind === 'reasoning' ? previous.text : '';
      return text.trim() === '' ? null : { kind: 'reasoning', text };
    }
    case 'command_execution':
    case 'mcp_tool_call':
      return { kind: 'command', command: commandView(item, previous?.kind === 'command' ? previous.command : undefined) };
    case 'file_change':
      return { kind: 'file_change', change: fileChangeView(item) };
    case 'approval': {
      const entry: NewEntry = { kind: 'approval', request: approvalView(item.id, item.request), decision: item.decision, status: item.status };
      return {
        ...entry,
        ...(typeof item.decided_by === 'string' ? { decidedBy: item.decided_by } : {}),
        ...(typeof item.reason === 'string' && item.reason !== '' ? { reason: item.reason } : {}),
      };
    }
    case 'error':
      return { kind: 'error', message: item.message };
    default:
      return null;
  }
}

/** item.completed: out of the live region, into the transcript. */
export function itemCompleted(state: ViewState, item: Item): ViewState {
  if (item.type === 'todo_list') return setPlan(state, item);
  const previous = state.live.find((l) => l.id === item.id);
  const rest = previous ? state.live.filter((l) => l.id !== item.id) : state.live;
  const live = item.type === 'approval' ? holdForApproval(rest, rest.some((l) => l.kind === 'approval')) : rest;
  const entry = entryOf(item, previous);
  const s = { ...state, live };
  return entry ? appendEntry(s, entry) : s;
}

/**
 * The turn ended: whatever is still live did not finish (an interrupt). Messages keep their text,
 * commands show as stopped; pending approvals are dropped (the core stopped asking). The turn's
 * plan, if any, is committed once.
 */
export function settleLive(state: ViewState): ViewState {
  const entries: NewEntry[] = [];
  for (const l of state.live) {
    if ((l.kind === 'message' || l.kind === 'reasoning') && l.text.trim() !== '') entries.push({ kind: l.kind, text: l.text });
    if (l.kind === 'command') entries.push({ kind: 'command', command: { ...l.command, status: 'failed' } });
    if (l.kind === 'file_change') entries.push({ kind: 'file_change', change: { ...l.change, status: 'failed' } });
  }
  if (state.plan) {
    const plan: Extract<NewEntry, { kind: 'plan' }> = { kind: 'plan', entries: state.plan.entries };
    if (state.plan.explanation !== undefined) plan.explanation = state.plan.explanation;
    entries.push(plan);
  }
  return appendEntries({ ...state, live: [], plan: null }, entries);
}
