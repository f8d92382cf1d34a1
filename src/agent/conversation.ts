// The conversation exactly as the model sees it; resume and compaction work on this list.
import type { ConversationItem } from '../model/types.ts';

export class Conversation {
  readonly items: ConversationItem[] = [];

  constructor(items: ConversationItem[] = []) {
    this.items.push(...items);
  }

  addUser(text: string): void {
    this.items.push({ type: 'message', role: 'user', content: text });
  }

  add(...items: ConversationItem[]): void {
    this.items.push(...items);
  }

  /** A snapshot safe to hand to a model request while the list keeps growing. */
  snapshot(): ConversationItem[] {
    return this.items.slice();
  }
}
