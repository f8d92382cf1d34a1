// The conversation exactly as the model sees it; resume and compaction work on this list. A listener
// (set by the thread) hears every change, so the run's events.jsonl can rebuild the list exactly.
// What comes from outside the model (tool outputs, the user's and hew's messages) passes `redact`
// on the way in, so no secret value the run knows reaches the model (docs/security.md).
import type { ConversationItem } from '../model/types.ts';

export interface ConversationListener {
  /** Items appended by one call of add/addUser. */
  added(items: ConversationItem[]): void;
  /** The whole list was replaced (compaction). */
  replaced(items: ConversationItem[]): void;
}

/** Replaces secret values in a text (the run's redactor). */
export type RedactText = (text: string) => string;

export class Conversation {
  readonly items: ConversationItem[] = [];
  listener: ConversationListener | null = null;
  private readonly redact: RedactText | null;

  constructor(items: ConversationItem[] = [], redact: RedactText | null = null) {
    this.redact = redact;
    this.items.push(...items.map((i) => this.clean(i)));
  }

  /** Tool outputs and messages redacted; the model's own items (calls, reasoning) are kept as sent. */
  private clean(item: ConversationItem): ConversationItem {
    if (!this.redact) return item;
    if (item.type === 'function_call_output') return { ...item, output: this.redact(item.output) };
    if (item.type === 'message' && item.role !== 'assistant') return { ...item, content: this.redact(item.content) };
    return item;
  }

  addUser(text: string): void {
    this.add({ type: 'message', role: 'user', content: text });
  }

  add(...added: ConversationItem[]): void {
    const items = added.map((i) => this.clean(i));
    this.items.push(...items);
    this.listener?.added(items);
  }

  /** Replaces every item (compaction). */
  replace(items: ConversationItem[]): void {
    this.items.length = 0;
    this.items.push(...items.map((i) => this.clean(i)));
    this.listener?.replaced(this.items.slice());
  }

  /** A snapshot safe to hand to a model request while the list keeps growing. */
  snapshot(): ConversationItem[] {
    return this.items.slice();
  }
}
