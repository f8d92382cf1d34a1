// The `requestApproval` a tool call gets: asks the gate and records every request that was not
// simply allowed as an `approval` item — item.started (decision null) before the decision,
// item.completed (status `completed`, or `declined` when denied, `decided_by` and the decider's
// `reason`) after it. `gatedItem` is the id of the tool call's own item (the `command_execution` or
// `mcp_tool_call`, already started): every request carries it as `item_id`, so a front can show the
// question on that tool call.
import type { EmitFn, Item } from '../protocol/events.ts';
import type { ApprovalGate } from './gate.ts';
import { isDenial } from './decision.ts';
import type { ApprovalAnswer, ApprovalRequest } from '../protocol/approval.ts';

export type RequestApproval = (req: ApprovalRequest) => Promise<ApprovalAnswer>;

export function approvalRequester(gate: ApprovalGate, emit: EmitFn, nextId: () => string, signal: AbortSignal, gatedItem?: string): RequestApproval {
  return (asked) => {
    let id = '';
    const req: ApprovalRequest = gatedItem !== undefined ? { ...asked, item_id: gatedItem } : asked;
    return gate.check(req, {
      signal,
      observer: {
        asked(shown, passedBecause) {
          id = nextId();
          const item: Item = { type: 'approval', request: shown, decision: null, ...(passedBecause ? { reason: passedBecause } : {}), id, status: 'in_progress' };
          emit({ type: 'item.started', item });
        },
        decided(shown, answer) {
          const status = isDenial(answer.decision) ? 'declined' : 'completed';
          const item: Item = {
            type: 'approval',
            request: shown,
            decision: answer.decision,
            ...(answer.by ? { decided_by: answer.by } : {}),
            ...(answer.reason !== undefined ? { reason: answer.reason } : {}),
            id,
            status,
          };
          emit({ type: 'item.completed', item });
        },
      },
    });
  };
}
