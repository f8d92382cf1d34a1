// What the approval prompt shows of an `approval` item's request (typed in the protocol): the fields
// a person decides on, with the item's id to answer, and why the user's approver command left it to
// them (the item's `reason` on item.started).
import type { ApprovalRequest } from '../../protocol/approval.ts';
import type { ApprovalView } from './types.ts';

export function approvalView(id: string, request: ApprovalRequest, approverSaid?: unknown): ApprovalView {
  const view: ApprovalView = {
    id,
    tool: request.tool,
    command: request.command,
    cwd: request.cwd,
    sandboxed: request.sandboxed,
    network: request.network,
    reason: request.reason,
  };
  if (request.justification !== undefined && request.justification !== '') view.justification = request.justification;
  if (typeof request.writes_outside === 'string') view.writesOutside = request.writes_outside;
  if (typeof approverSaid === 'string' && approverSaid !== '') view.approver = approverSaid;
  return view;
}
