// Keeps the conversation inside the model's context window. Before each step it estimates the
// prompt: the input tokens the provider reported for the previous request plus ~bytes/4 of what
// was added since (bytes/4 of the whole request when there is no earlier report, or the list was
// replaced). Over `threshold` of the window it compacts (compaction.ts); when even the compacted
// conversation cannot fit, the turn ends as budget_exceeded.
import { compactConversation, estimateTokens, splitForCompaction, worthCompacting } from './compaction.ts';
import type { CompactDeps } from './compaction.ts';
import type { Conversation } from './conversation.ts';
import type { Usage } from '../protocol/usage.ts';
import type { ConversationItem } from '../model/types.ts';

const DEFAULT_COMPACT_THRESHOLD = 0.8;
/** Share of the window the verbatim recent part may take. */
const RECENT_SHARE = 0.3;
/** Share of the window the transcript sent for summarising may take. */
const TRANSCRIPT_SHARE = 0.6;

/** `usage`: what the summary request cost (null when none was made). */
export type RoomResult = { ok: true; usage: Usage | null } | { ok: false; reason: string; usage: Usage | null };

export class ContextBudget {
  readonly window: number;
  readonly threshold: number;
  private last: { input: number; count: number; tail: ConversationItem | undefined } | null = null;

  constructor(window: number, threshold = DEFAULT_COMPACT_THRESHOLD) {
    this.window = window;
    this.threshold = threshold;
  }

  /** After a step: the provider's input tokens for a request that carried `input`. */
  observe(inputTokens: number, input: ConversationItem[]): void {
    this.last = { input: inputTokens, count: input.length, tail: input.at(-1) };
  }

  /** Estimated prompt tokens of the next request; `fixed` = instructions and tool specs. */
  estimate(items: ConversationItem[], fixed: number): number {
    const last = this.last;
    if (last && last.count > 0 && items.length >= last.count && items[last.count - 1] === last.tail) {
      return last.input + estimateTokens(items.slice(last.count));
    }
    return fixed + estimateTokens(items);
  }

  /**
   * Makes room for the next request: compacts when the estimate is over the threshold, or always
   * with `force` ('full': the provider said the context is full; 'manual': `/compact`, which keeps
   * only the last turn verbatim). Never throws for "does not fit".
   */
  async makeRoom(deps: CompactDeps, conv: Conversation, fixed: number, signal: AbortSignal, force: 'full' | 'manual' | false = false): Promise<RoomResult> {
    const estimate = this.estimate(conv.items, fixed);
    if (!force && estimate <= this.window * this.threshold) return { ok: true, usage: null };
    // After the provider said "full", the real window is at most what was just sent.
    const basis = force === 'full' ? Math.min(this.window, estimate) : this.window;
    const split = splitForCompaction(conv.items, Math.floor(basis * RECENT_SHARE), force === 'manual');
    if (!worthCompacting(split)) {
      if (force) return { ok: false, reason: force === 'full' ? 'the context window is full and there is nothing left to compact' : 'there is nothing to compact yet', usage: null };
      if (estimate > this.window) return { ok: false, reason: this.tooBig(estimate), usage: null };
      return { ok: true, usage: null };
    }
    const transcriptTokens = Math.max(500, Math.floor(this.window * TRANSCRIPT_SHARE) - estimateTokens(split.head));
    const result = await compactConversation(deps, conv, split, transcriptTokens, signal);
    this.last = null;
    const after = fixed + estimateTokens(conv.items);
    if (after > this.window) return { ok: false, reason: this.tooBig(after), usage: result.usage };
    return { ok: true, usage: result.usage };
  }

  private tooBig(tokens: number): string {
    return `the context could not be compacted further: the conversation still needs ~${tokens} tokens of the ${this.window}-token context window`;
  }
}

/** Tokens of what every request carries besides the conversation. */
export function fixedTokens(instructions: string, tools: unknown[]): number {
  return estimateTokens(instructions) + estimateTokens(tools);
}
