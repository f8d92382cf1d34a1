// Builders for the agent events the tests feed the view (unstamped; FakeController stamps them).
import type { ApprovalDecision, ApprovalRequest } from '../../src/protocol/approval.ts';
import type { AgentEvent, Item } from '../../src/protocol/events.ts';
import type { Usage } from '../../src/protocol/usage.ts';

type Unstamped = AgentEvent;

export const usage = (input: number, output: number, cached = 0): Usage => ({ input_tokens: input, cached_input_tokens: cached, output_tokens: output });

export const started = (item: Item): Unstamped => ({ type: 'item.started', item });
export const completed = (item: Item): Unstamped => ({ type: 'item.completed', item });
export const delta = (id: string, text: string): Unstamped => ({ type: 'item.delta', id, text });

export function message(id: string, text: string, status: Item['status'] = 'completed'): Item {
  return { id, type: 'agent_message', text, status };
}

export function command(id: string, cmd: string, over: Partial<Extract<Item, { type: 'command_execution' }>> = {}): Item {
  return { id, type: 'command_execution', command: cmd, cwd: '/home/dev/project', exit_code: null, aggregated_output: '', duration_ms: null, status: 'in_progress', ...over };
}

/** An approval item; the request's fields not given are a plain sandboxed shell command's. */
export function approval(id: string, request: Partial<ApprovalRequest>, decision: ApprovalDecision | null = null, status: Item['status'] = 'in_progress'): Item {
  return { id, type: 'approval', request: { tool: 'shell', command: '', cwd: '', sandboxed: true, network: false, reason: '', ...request }, decision, status };
}

/** Stamps an event by hand (for reducer tests that bypass the controller). */
export function stamp<E extends AgentEvent>(event: E, seq: number, ts = '2026-01-01T00:00:00.000Z'): E & { seq: number; ts: string } {
  return { ...event, seq, ts };
}
