// hew's event stream → ACP session/update payloads. One mapper per ACP session, fed every event and
// notice in order; it holds the little state the mapping needs: which item an id is, how much of a
// message or thought has been streamed, a running command's output and when it was last sent, and
// lines to show on a tool call from its approval. Pure apart from the injected clock.
//
// Guarantees:
// - Every model-written string is shown safely: titles one bounded line (text.ts), messages, thoughts
//   and plans with controls made visible (format/safe-text.ts), command output with escapes stripped
//   and fenced (output.ts).
// - A running command's output is sent at most once per OUTPUT_INTERVAL_MS per tool call, as the last
//   OUTPUT_TAIL_CHARS (tool-call content replaces, it does not append); flush() sends what the
//   throttle held back. Its end always carries the whole (tail of the) output.
// - Paths are absolute in the user's repository; nothing outside it is named.
// - A tool item that ends without having started here (a replay: events.jsonl has no deltas, and a
//   missed start) is sent as one whole `tool_call`, never as an update of an unknown id.
// - A pending approval maps to nothing (the session asks with session/request_permission); one
//   decided without the person (a rule, the policy, the approver command) adds a line to the tool call.
import type * as acp from '@agentclientprotocol/sdk';
import type { InteractiveEvent } from '../protocol/interactive.ts';
import type { Item } from '../protocol/events.ts';
import type { Usage } from '../protocol/usage.ts';
import { safeText } from '../format/safe-text.ts';
import { costUsd } from '../format/cost.ts';
import { formatDuration } from '../format/units.ts';
import { noticeUpdates } from './notices.ts';
import { endContent, itemFailed, rawOutput, textContent, toolCallHead } from './tool-calls.ts';
import type { ToolItem } from './tool-calls.ts';
import { fenced, shownOutput } from './output.ts';

type SessionUpdate = acp.SessionNotification['update'];

/** The least time between two output updates of one running tool call. */
export const OUTPUT_INTERVAL_MS = 100;
/** A running command's output kept for its updates: twice what is sent, so a cut never lands in what is shown. */
const OUTPUT_BUFFER_CHARS = 128 * 1024;

export interface UpdateScope {
  /** The user's repository top (absolute): every ACP path is absolute in it. */
  repo: string;
  /** The model's context window in tokens (usage_update.size); without it no usage_update is sent. */
  contextWindow?: number;
  /** USD per million tokens [input, cached input, output] when known (SessionInfo.prices): usage_update.cost. */
  prices?: readonly [number, number, number];
  /** The clock of the output throttle (default Date.now). */
  now?: () => number;
  /**
   * Put before every id the mapper sends (tool calls, messages; default ''). Item ids restart with each
   * thread (`item_0`…): a replay uses its own prefix so its cards are not the live session's, and after
   * `/new` the mapper puts the new run's id first by itself.
   */
  idPrefix?: string;
}

interface RunningOutput {
  text: string;
  sentAt: number | null;
  /** Output arrived since the last update. */
  held: boolean;
}

function isToolItem(item: Item): item is Item & ToolItem {
  return item.type === 'command_execution' || item.type === 'mcp_tool_call' || item.type === 'file_change';
}

/** Why an approval was decided without the person, as a line on the tool call it gates; null when the person decided. */
function approvalLine(item: Extract<Item, { type: 'approval' }>): string | null {
  const allowed = item.decision === 'approved' || item.decision === 'approved_always';
  const why = item.reason !== undefined ? ` (${safeText(item.reason)})` : '';
  switch (item.decided_by) {
    case 'rule':
      return allowed ? 'Allowed by your earlier "always".' : 'Denied by your earlier "always reject".';
    case 'policy':
      return allowed ? 'Allowed by the approval policy.' : `Denied: the approval policy is never (mode "Never ask")${why}.`;
    case 'approver_command':
      return `${allowed ? 'Allowed' : 'Denied'} by your approver command${why}.`;
    default:
      return null;
  }
}

export class UpdateMapper {
  private readonly scope: UpdateScope;
  private readonly now: () => number;
  /** Ids of tool items whose `tool_call` was sent. */
  private readonly started = new Set<string>();
  /** Text of a message or thought sent so far, by item id. */
  private readonly streamed = new Map<string, string>();
  /** Item id → its type, for deltas. */
  private readonly types = new Map<string, Item['type']>();
  private readonly output = new Map<string, RunningOutput>();
  /** Lines to show first on a tool call (its approval's), by tool call id. */
  private readonly notes = new Map<string, string[]>();
  private noticeCount = 0;
  private epoch: string;

  constructor(scope: UpdateScope) {
    this.scope = scope;
    this.now = scope.now ?? Date.now;
    this.epoch = scope.idPrefix ?? '';
  }

  /** The updates for one event or notice, in order (often none). */
  map(event: InteractiveEvent): SessionUpdate[] {
    switch (event.type) {
      case 'item.started':
        return this.itemStarted(event.item);
      case 'item.delta':
        return this.delta(event.id, event.text);
      case 'item.completed':
        return this.itemCompleted(event.item);
      case 'turn.completed':
        return [...this.endOpenCalls(), ...this.usage(event.context_tokens, event.total_usage)];
      case 'turn.failed':
        return this.endOpenCalls();
      case 'error':
        if (!event.will_retry) return [];
        return [this.thought(`Retrying${event.attempt !== undefined ? ` (attempt ${event.attempt})` : ''}${event.delay_ms !== undefined ? ` in ${formatDuration(event.delay_ms)}` : ''}: ${safeText(event.message)}\n`)];
      case 'item.updated':
      case 'thread.started':
      case 'turn.started':
      case 'thread.completed':
      case 'attempt.completed':
        return [];
      default:
        return this.notice(event);
    }
  }

  /** The toolCallId of a tool item (the id session/request_permission reuses for the call an approval gates). */
  toolCallId(itemId: string): string {
    return `${this.epoch}${itemId}`;
  }

  private notice(notice: Exclude<InteractiveEvent, { seq: number }>): SessionUpdate[] {
    if (notice.type === 'notice.reset') {
      // A new thread: its item ids start again, so its cards get the run's id first.
      this.epoch = `${notice.info.runId}/`;
      this.started.clear();
      this.streamed.clear();
      this.types.clear();
      this.output.clear();
      this.notes.clear();
    }
    return noticeUpdates(notice, this.scope.repo, `${this.epoch}notice_${++this.noticeCount}`);
  }

  /**
   * Tool calls a turn left open end as failed when it ends: a call whose item never completed (the
   * turn was interrupted while its question waited for the editor) must not spin in the editor.
   */
  private endOpenCalls(): SessionUpdate[] {
    const out: SessionUpdate[] = [];
    for (const id of this.started) {
      const notes = this.notes.get(id) ?? [];
      const running = this.output.get(id);
      const output = running && running.text !== '' ? [textContent(fenced(shownOutput(running.text, true)))] : [];
      out.push({ sessionUpdate: 'tool_call_update', toolCallId: this.toolCallId(id), status: 'failed', content: [...notes.map(textContent), ...output, textContent('Not finished: the turn ended (interrupted).')] });
      this.notes.delete(id);
      this.output.delete(id);
      this.types.delete(id);
    }
    this.started.clear();
    return out;
  }

  /** Command output held back by the throttle, for tool calls still running (the session calls this before answering a prompt). */
  flush(): SessionUpdate[] {
    const out: SessionUpdate[] = [];
    for (const [id, running] of this.output) if (running.held) out.push(this.outputUpdate(id, running));
    return out;
  }

  private thought(text: string, messageId?: string): SessionUpdate {
    return { sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text }, ...(messageId !== undefined ? { messageId } : {}) };
  }

  private chunk(type: 'agent_message' | 'reasoning', id: string, text: string): SessionUpdate {
    const content = { type: 'text' as const, text: safeText(text) };
    const messageId = this.toolCallId(id);
    return type === 'agent_message' ? { sessionUpdate: 'agent_message_chunk', content, messageId } : { sessionUpdate: 'agent_thought_chunk', content, messageId };
  }

  private itemStarted(item: Item): SessionUpdate[] {
    this.types.set(item.id, item.type);
    if (item.type === 'agent_message' || item.type === 'reasoning') {
      this.streamed.set(item.id, item.text);
      return item.text !== '' ? [this.chunk(item.type, item.id, item.text)] : [];
    }
    if (isToolItem(item)) {
      this.started.add(item.id);
      if (item.type === 'command_execution') this.output.set(item.id, { text: '', sentAt: null, held: false });
      return [{ sessionUpdate: 'tool_call', toolCallId: this.toolCallId(item.id), ...toolCallHead(item, this.scope.repo), status: 'in_progress' }];
    }
    return [];
  }

  private delta(id: string, text: string): SessionUpdate[] {
    const type = this.types.get(id);
    if (type === 'agent_message' || type === 'reasoning') {
      this.streamed.set(id, (this.streamed.get(id) ?? '') + text);
      return text !== '' ? [this.chunk(type, id, text)] : [];
    }
    const running = this.output.get(id);
    if (!running) return [];
    running.text += text;
    if (running.text.length > OUTPUT_BUFFER_CHARS) running.text = running.text.slice(running.text.length - OUTPUT_BUFFER_CHARS);
    running.held = true;
    const now = this.now();
    if (running.sentAt !== null && now - running.sentAt < OUTPUT_INTERVAL_MS) return [];
    return [this.outputUpdate(id, running)];
  }

  private outputUpdate(id: string, running: RunningOutput): SessionUpdate {
    running.sentAt = this.now();
    running.held = false;
    const content = [...(this.notes.get(id) ?? []).map(textContent), textContent(fenced(shownOutput(running.text, true)))];
    return { sessionUpdate: 'tool_call_update', toolCallId: this.toolCallId(id), status: 'in_progress', content };
  }

  private itemCompleted(item: Item): SessionUpdate[] {
    switch (item.type) {
      case 'agent_message':
      case 'reasoning': {
        const sent = this.streamed.get(item.id) ?? '';
        this.streamed.delete(item.id);
        this.types.delete(item.id);
        if (item.text === sent) return [];
        // The rest of what streamed; a text that does not continue it (compaction's "Compacting…" became its result) follows as a new paragraph.
        const rest = item.text.startsWith(sent) ? item.text.slice(sent.length) : `\n\n${item.text}`;
        return rest !== '' ? [this.chunk(item.type, item.id, rest)] : [];
      }
      case 'todo_list': {
        const plan: SessionUpdate = {
          sessionUpdate: 'plan',
          entries: item.items.map((entry) => ({ content: safeText(entry.text), priority: 'medium', status: entry.status })),
        };
        return [...(item.explanation ? [this.thought(`${safeText(item.explanation)}\n`, this.toolCallId(`${item.id}-why`))] : []), plan];
      }
      case 'error':
        return [
          { sessionUpdate: 'tool_call', toolCallId: this.toolCallId(item.id), title: 'Tool call error', kind: 'other', status: 'failed', content: [textContent(fenced(safeText(item.message)))] },
        ];
      case 'approval':
        return this.approvalDecided(item);
      default:
        return isToolItem(item) ? this.toolEnded(item) : [];
    }
  }

  private toolEnded(item: ToolItem & { id: string }): SessionUpdate[] {
    const notes = this.notes.get(item.id) ?? [];
    this.notes.delete(item.id);
    this.output.delete(item.id);
    this.types.delete(item.id);
    const status = itemFailed(item) ? 'failed' : 'completed';
    const content = endContent(item, this.scope.repo, notes);
    const raw = rawOutput(item);
    const end = { status, content, ...(raw !== undefined ? { rawOutput: raw } : {}) } as const;
    const toolCallId = this.toolCallId(item.id);
    if (this.started.delete(item.id)) return [{ sessionUpdate: 'tool_call_update', toolCallId, ...end }];
    return [{ sessionUpdate: 'tool_call', toolCallId, ...toolCallHead(item, this.scope.repo), ...end }];
  }

  /**
   * A decided approval: a line on the gated call when the person did not decide, and an allowed call
   * back to in_progress (the permission request showed it `pending`). A denied call ends `failed` with
   * its own item.completed.
   */
  private approvalDecided(item: Extract<Item, { type: 'approval' }>): SessionUpdate[] {
    const target = item.request.item_id;
    if (target === undefined) return [];
    const line = approvalLine(item);
    const notes = [...(this.notes.get(target) ?? []), ...(line !== null ? [line] : [])];
    if (line !== null) this.notes.set(target, notes);
    const allowed = item.decision === 'approved' || item.decision === 'approved_always';
    if (!this.started.has(target) || (line === null && !allowed)) return [];
    return [
      {
        sessionUpdate: 'tool_call_update',
        toolCallId: this.toolCallId(target),
        ...(allowed ? { status: 'in_progress' as const } : {}),
        ...(line !== null ? { content: notes.map(textContent) } : {}),
      },
    ];
  }

  /** usage_update after a turn: what the context holds of its window, and the session's cost when the price is known. */
  private usage(used: number | undefined, total: Usage): SessionUpdate[] {
    const size = this.scope.contextWindow;
    if (used === undefined || size === undefined || size <= 0) return [];
    const prices = this.scope.prices;
    return [{ sessionUpdate: 'usage_update', used, size, ...(prices ? { cost: { amount: costUsd(total, prices), currency: 'USD' } } : {}) }];
  }
}
