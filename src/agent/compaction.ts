// Compaction: when the conversation grows near the context window, the older part is replaced by a
// summary the model writes (a normal request through the same ModelClient, without tools) and the
// most recent items are kept verbatim. The new list is:
//   leading developer messages (project instructions, orientation) · the task (the last real user
//   message) · one user message "[summary of the earlier conversation]\n…" · the recent items.
// It is shown as a `reasoning` item saying what was compacted (SPEC §3 has no compaction item).
import type { EmitFn, Item } from '../protocol/events.ts';
import type { Usage } from '../protocol/usage.ts';
import type { Conversation } from './conversation.ts';
import type { ConversationItem, ModelClient } from '../model/types.ts';

export const SUMMARY_MARKER = '[summary of the earlier conversation]';

export const SUMMARY_INSTRUCTIONS = [
  'You are compacting the history of a coding agent working in a repository, so it can continue with a shorter context.',
  'Write a summary of the conversation you are given that the agent can continue from without the original. Keep:',
  '- the task, and what the user asked for along the way;',
  '- the decisions made and why;',
  '- the files read, created or changed, and what changed in them;',
  '- the commands that failed and why (exact errors where they matter), and what worked;',
  '- what is left to do, and the next step.',
  'Be concrete (paths, names, numbers). Plain text or short Markdown lists; no preamble.',
].join('\n');

/** Characters of one item kept in the transcript sent for summarising. */
const ITEM_CHARS = 4_000;

export function estimateTokens(value: unknown): number {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return Math.ceil(Buffer.byteLength(text) / 4);
}

function isSummary(item: ConversationItem): boolean {
  return item.type === 'message' && item.role === 'user' && item.content.startsWith(SUMMARY_MARKER);
}

export interface CompactionSplit {
  /** Developer messages before the first user message, kept verbatim. */
  head: ConversationItem[];
  /** The last real user message when it is not in `recent` (kept verbatim). */
  task: ConversationItem | null;
  /** Replaced by the summary (may include an earlier summary). */
  older: ConversationItem[];
  /** Kept verbatim, in order. */
  recent: ConversationItem[];
}

/**
 * Where to cut: the recent part is the longest suffix, starting at a safe boundary, that fits in
 * `recentTokens` — but at least the last exchange. A boundary follows a message or a tool output, so
 * a tool call is never parted from its output, nor a reasoning item from what follows it. With
 * `lastTurnOnly` (compacting by hand, between turns) the recent part starts no earlier than the last
 * real user message.
 */
export function splitForCompaction(items: ConversationItem[], recentTokens: number, lastTurnOnly = false): CompactionSplit {
  let start = 0;
  while (start < items.length && isDeveloper(items[start] as ConversationItem)) start++;
  const head = items.slice(0, start);
  const cuts: number[] = [];
  for (let i = start; i < items.length; i++) if (isBoundary(items, i)) cuts.push(i);
  const earliest = lastTurnOnly ? findLastIndex(items, isTask) : 0;
  let cut = items.length;
  for (let k = cuts.length - 1; k >= 0; k--) {
    const at = cuts[k] as number;
    if (cut !== items.length && (at < earliest || estimateTokens(items.slice(at)) > recentTokens)) break;
    cut = at;
  }
  const body = items.slice(start, cut);
  const recent = items.slice(cut);
  const taskIndex = findLastIndex(body, isTask);
  const task = recent.some(isTask) || taskIndex < 0 ? null : (body[taskIndex] as ConversationItem);
  const older = body.filter((_, n) => !(task && n === taskIndex));
  return { head, task, older, recent };
}

/** Whether the split has anything worth summarising (not only an earlier summary). */
export function worthCompacting(split: CompactionSplit): boolean {
  return split.older.some((i) => !isSummary(i));
}

export interface CompactDeps {
  model: ModelClient;
  emit: EmitFn;
  nextId: () => string;
}

export interface CompactResult {
  usage: Usage;
  itemsBefore: number;
  itemsAfter: number;
}

/** Summarises `split.older` and replaces the conversation with head · task · summary · recent. */
export async function compactConversation(deps: CompactDeps, conv: Conversation, split: CompactionSplit, transcriptTokens: number, signal: AbortSignal): Promise<CompactResult> {
  const id = deps.nextId();
  const before = conv.items.length;
  const tokensBefore = estimateTokens(split.older);
  deps.emit({ type: 'item.started', item: { id, type: 'reasoning', text: 'Compacting the conversation…', status: 'in_progress' } });
  let summary: { text: string; usage: Usage };
  try {
    summary = await requestSummary(deps.model, renderTranscript(split.older, transcriptTokens), signal);
  } catch (err) {
    deps.emit({ type: 'item.completed', item: { id, type: 'reasoning', text: `Compacting the conversation failed: ${(err as Error).message}`, status: 'failed' } });
    throw err;
  }
  const message: ConversationItem = { type: 'message', role: 'user', content: `${SUMMARY_MARKER}\n${summary.text}` };
  const next = [...split.head, ...(split.task ? [split.task] : []), message, ...split.recent];
  conv.replace(next);
  const text = `Compacted the conversation: ${split.older.length} earlier items (~${tokensBefore} tokens) → a summary (~${estimateTokens(summary.text)} tokens); kept ${split.recent.length} recent items verbatim.`;
  const done: Item = { id, type: 'reasoning', text, status: 'completed' };
  deps.emit({ type: 'item.completed', item: done });
  return { usage: summary.usage, itemsBefore: before, itemsAfter: next.length };
}

async function requestSummary(model: ModelClient, transcript: string, signal: AbortSignal): Promise<{ text: string; usage: Usage }> {
  const input: ConversationItem[] = [
    { type: 'message', role: 'user', content: `The conversation so far:\n\n${transcript}\n\nWrite the summary now.` },
  ];
  let text = '';
  for await (const delta of model.stream({ model: model.model, instructions: SUMMARY_INSTRUCTIONS, input, tools: [] }, signal)) {
    if (delta.type === 'text_delta') text += delta.text;
    else if (delta.type === 'retry') text = '';
    else if (delta.type === 'completed') {
      const usage = delta.usage ?? { input_tokens: estimateTokens(input) + estimateTokens(SUMMARY_INSTRUCTIONS), cached_input_tokens: 0, output_tokens: estimateTokens(text) };
      if (text.trim() === '') throw new Error('the model returned an empty summary');
      return { text: text.trim(), usage };
    }
  }
  throw new Error('the summary stream ended without completing');
}

/** The older items as plain text (long items cut), at most `maxTokens`: the oldest are left out first. */
function renderTranscript(items: ConversationItem[], maxTokens: number): string {
  const lines = items.map(renderItem).filter((l) => l !== '');
  const out: string[] = [];
  let used = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const cost = estimateTokens(lines[i] as string);
    if (used + cost > maxTokens && out.length > 0) {
      out.unshift(`(${i + 1} earlier entries left out)`);
      break;
    }
    out.unshift(lines[i] as string);
    used += cost;
  }
  return out.join('\n\n');
}

function renderItem(item: ConversationItem): string {
  switch (item.type) {
    case 'message':
      return `[${item.role}]\n${cut(item.content)}`;
    case 'function_call':
      return `[tool call ${item.name}]\n${cut(item.arguments)}`;
    case 'function_call_output':
      return `[tool output]\n${cut(item.output)}`;
    case 'reasoning':
      return item.text ? `[reasoning]\n${cut(item.text)}` : '';
  }
}

function cut(text: string): string {
  if (text.length <= ITEM_CHARS) return text;
  const half = ITEM_CHARS / 2;
  return `${text.slice(0, half)}\n… (${text.length - ITEM_CHARS} characters left out) …\n${text.slice(-half)}`;
}

function isTask(item: ConversationItem): boolean {
  return item.type === 'message' && item.role === 'user' && !isSummary(item);
}

function isDeveloper(item: ConversationItem): boolean {
  return item.type === 'message' && item.role === 'developer';
}

function isBoundary(items: ConversationItem[], i: number): boolean {
  if ((items[i] as ConversationItem).type === 'function_call_output') return false;
  const prev = items[i - 1];
  return prev === undefined || prev.type === 'message' || prev.type === 'function_call_output';
}

function findLastIndex<T>(list: T[], test: (x: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i] as T)) return i;
  return -1;
}
