// The conversation exactly as the model sees it; resume and compaction work on this list. A listener
// (set by the thread) hears every change, so the run's events.jsonl can rebuild the list exactly.
import type { ConversationItem } from '../model/types.ts';

export interface ConversationListener {
  /** Items appended by one call of add/addUser. */
  added(items: ConversationItem[]): void;
  /** The whole list was replaced (compaction). */
  replaced(items: ConversationItem[]): void;
}

export class Conversation {
  readonly items: ConversationItem[] = [];
  listener: ConversationListener | null = null;

  constructor(items: ConversationItem[] = []) {
    this.items.push(...items);
  }

  addUser(text: string): void {
    this.add({ type: 'message', role: 'user', content: text });
  }

  add(...items: ConversationItem[]): void {
    this.items.push(...items);
    this.listener?.added(items);
  }

  /** Replaces every item (compaction). */
  replace(items: ConversationItem[]): void {
    this.items.length = 0;
    this.items.push(...items);
    this.listener?.replaced(this.items.slice());
  }

  /** A snapshot safe to hand to a model request while the list keeps growing. */
  snapshot(): ConversationItem[] {
    return this.items.slice();
  }
}
