// Assembles Chat Completions tool calls from streamed fragments, tolerating provider quirks: parallel
// and interleaved calls, id/name only in the first fragment, cumulative (re-sent) arguments, and
// fragments without an `index`.
import { randomUUID } from 'node:crypto';
import type { ToolCall } from './types.ts';

export interface ToolCallFragment {
  index?: number | null;
  id?: string | null;
  function?: { name?: string | null; arguments?: string | null } | null;
}

interface OpenCall {
  index: number | undefined;
  order: number;
  id: string | undefined;
  name: string;
  args: string;
}

export class ToolCallAccumulator {
  private readonly calls: OpenCall[] = [];
  /** Set once a fragment proves the provider appends (it did not repeat the arguments so far). */
  private appends = false;

  add(fragment: ToolCallFragment): void {
    const call = this.target(fragment);
    const id = fragment.id ?? undefined;
    if (id && !call.id) call.id = id;
    const name = fragment.function?.name;
    if (name) {
      if (!call.name || name.startsWith(call.name)) call.name = name;
      else if (name !== call.name) call.name += name;
    }
    const piece = fragment.function?.arguments;
    if (piece) {
      if (call.args.length > 0 && !this.appends && piece.startsWith(call.args)) {
        call.args = piece; // a provider re-sending everything so far
      } else {
        if (call.args.length > 0) this.appends = true;
        call.args += piece;
      }
    }
  }

  get size(): number {
    return this.calls.length;
  }

  /** The calls in index order (arrival order where no index was given), each with a call id. */
  finish(): ToolCall[] {
    const sorted = [...this.calls].sort((a, b) =>
      a.index !== undefined && b.index !== undefined && a.index !== b.index ? a.index - b.index : a.order - b.order,
    );
    return sorted.map((c) => ({ call_id: c.id ?? `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`, name: c.name, arguments: c.args }));
  }

  private target(fragment: ToolCallFragment): OpenCall {
    const index = typeof fragment.index === 'number' ? fragment.index : undefined;
    const id = fragment.id ?? undefined;
    const isNewId = (c: OpenCall): boolean => id !== undefined && c.id !== undefined && c.id !== id;
    if (index !== undefined) {
      // The latest call at this index, unless a different id says a new call reuses the index.
      const existing = this.calls.findLast((c) => c.index === index);
      if (existing && !isNewId(existing)) return existing;
    } else {
      const last = this.calls.at(-1);
      if (last && !isNewId(last)) return last;
    }
    const call: OpenCall = { index, order: this.calls.length, id: undefined, name: '', args: '' };
    this.calls.push(call);
    return call;
  }
}
