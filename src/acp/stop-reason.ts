// How a prompt ended (the controller's Settled) → the answer to session/prompt: a stop reason, or the
// JSON-RPC error an editor shows. ACP has no "failed" stop reason, and `refusal` would tell the editor
// the prompt is gone from the conversation, so a failure is an error (-32603) with hew's message.
// Refusals are not detected yet: a turn the model declined ends `end_turn` with its text as the message.
import type * as acp from '@agentclientprotocol/sdk';
import type { Settled } from '../protocol/interactive.ts';

/** JSON-RPC "internal error": the code an editor shows as the prompt's failure. */
export const INTERNAL_ERROR = -32603;
/** JSON-RPC "invalid request": a prompt hew could not take (a turn is running, the session is ending). */
export const INVALID_REQUEST = -32600;

export type PromptEnd = { stopReason: acp.StopReason } | { error: { code: number; message: string; data?: unknown } };

function conflictsOf(settled: Extract<Settled, { kind: 'command' }>): { path: string; reason: string }[] {
  return settled.notices.flatMap((n) => (n.type === 'notice.apply' ? n.conflicts : []));
}

function commandMessage(settled: Extract<Settled, { kind: 'command' }>): string {
  for (const n of settled.notices) {
    if (n.type === 'notice.apply' && !n.ok) return n.message;
    if (n.type === 'notice.error') return n.message;
  }
  return `/${settled.name.replace(/^\//, '')} failed`;
}

/** The answer to a session/prompt that ended as `settled`. */
export function stopReasonOf(settled: Settled): PromptEnd {
  switch (settled.kind) {
    case 'turn':
      switch (settled.status) {
        case 'completed':
          return { stopReason: 'end_turn' };
        case 'interrupted':
          return { stopReason: 'cancelled' };
        case 'budget_exceeded':
          return { stopReason: settled.budget === 'context' ? 'max_tokens' : 'max_turn_requests' };
        case 'failed':
          return { error: { code: INTERNAL_ERROR, message: settled.message ?? 'the turn failed' } };
      }
      break;
    case 'command': {
      if (settled.ok) return { stopReason: 'end_turn' };
      const conflicts = conflictsOf(settled);
      return { error: { code: INTERNAL_ERROR, message: commandMessage(settled), ...(conflicts.length > 0 ? { data: { conflicts } } : {}) } };
    }
    case 'refused':
      return { error: { code: INVALID_REQUEST, message: settled.message } };
  }
  return { error: { code: INTERNAL_ERROR, message: 'the prompt ended in an unknown way' } };
}
