// Reads an `approval` item's request (typed `unknown` in the event protocol) into what the prompt
// shows, defensively: a missing field shows as a plain default rather than crashing the view.
import type { ApprovalView } from './types.ts';

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

export function approvalView(id: string, request: unknown): ApprovalView {
  const r = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
  const view: ApprovalView = {
    id,
    tool: str(r.tool, 'shell'),
    command: str(r.command, '(unknown command)'),
    cwd: str(r.cwd),
    sandboxed: r.sandboxed !== false,
    network: r.network === true,
    reason: str(r.reason),
  };
  const justification = str(r.justification);
  if (justification !== '') view.justification = justification;
  return view;
}
