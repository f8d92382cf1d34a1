// A pending approval → session/request_permission, and the editor's answer → hew's ApprovalAnswer.
// The request reuses the gated tool call's id (ApprovalRequest.item_id), so the editor shows the
// question on the card of the command it is about. Four options, as the TUI's keys: allow once, allow
// always, reject once, reject always — the two "always" ones only when hew can remember the command
// (approvals/rules.ts rememberablePrefix: one plain command of at least two words; never an MCP
// call), named with the words they cover. optionId = kind, so an answer is read back without a table.
import type * as acp from '@agentclientprotocol/sdk';
import { rememberablePrefix } from '../approvals/rules.ts';
import type { ApprovalAnswer, ApprovalRequest } from '../protocol/approval.ts';
import type { Item } from '../protocol/events.ts';
import { safeLine, safeText } from '../format/safe-text.ts';
import { fenced } from './output.ts';
import { titleLine } from './text.ts';
import { mcpTitle } from './tool-calls.ts';

export type ApprovalItem = Extract<Item, { type: 'approval' }>;

/** The note the model reads when the editor withdrew or could not answer the question. */
export const EDITOR_CANCELLED = 'the editor cancelled the request';

/** Characters of the model's reason shown in a permission question. */
const JUSTIFICATION_CHARS = 500;

/** Characters of the prefix shown in an "always" option's name. */
const PREFIX_CHARS = 40;

/** The title of a gated request: the same as its tool call's (the editor upserts the card by id): the command's first line, or `server: tool`. */
export function requestTitle(req: ApprovalRequest): string {
  if (req.mcp_server !== undefined) return mcpTitle(req.mcp_server, req.tool);
  return titleLine(req.command);
}

function question(req: ApprovalRequest): string {
  // A write outside the copy (remember with scope user): no command runs, so no sandbox question.
  if (req.writes_outside !== undefined) return `Write outside the working copy, to ${safeLine(req.writes_outside)} (not in the diff)?`;
  if (req.mcp_server !== undefined) return `Call a tool of the MCP server ${safeLine(req.mcp_server)} (not sandboxed by hew)?`;
  if (!req.sandboxed && req.network) return 'Run this command outside the sandbox, with network?';
  if (!req.sandboxed) return 'Run this command outside the sandbox?';
  if (req.network) return 'Run this command with network access?';
  return 'Run this command?';
}

/** The text the editor shows under the title: the question, the whole command, where, the model's reason, why hew asks. */
export function requestText(approval: ApprovalItem): string {
  const req = approval.request;
  const lines = [question(req), '', fenced(safeText(req.command)), `in ${safeLine(req.cwd)}`];
  // The model's reason stays on its one line (newlines shown as ␊): it cannot add lines that read as hew's.
  if (req.justification) lines.push(`the model says: ${titleLine(req.justification.replace(/\r?\n/g, '\u240a'), JUSTIFICATION_CHARS)}`);
  lines.push(`why hew asks: ${safeText(req.reason)}`);
  if (approval.reason) lines.push(`the approver command passed it on: ${safeText(approval.reason)}`);
  return lines.join('\n');
}

function options(req: ApprovalRequest): acp.PermissionOption[] {
  const prefix = rememberablePrefix(req);
  const scope = prefix ? `\`${titleLine(prefix.join(' '), PREFIX_CHARS)} …\`` : null;
  return [
    { optionId: 'allow_once', name: 'Allow once', kind: 'allow_once' },
    ...(scope ? [{ optionId: 'allow_always', name: `Always allow ${scope}`, kind: 'allow_always' as const }] : []),
    { optionId: 'reject_once', name: 'Reject', kind: 'reject_once' },
    ...(scope ? [{ optionId: 'reject_always', name: `Always reject ${scope}`, kind: 'reject_always' as const }] : []),
  ];
}

/**
 * The session/request_permission for a pending approval item. `toolCallId`: the id the session's
 * UpdateMapper gave the gated call (`mapper.toolCallId(request.item_id)`); default the item id itself.
 * `_repo` (the user's repository): the request names no path of it yet (req.cwd is the copy as the
 * sandbox shows it).
 */
export function permissionRequest(sessionId: string, approval: ApprovalItem, _repo: string, toolCallId?: string): acp.RequestPermissionRequest {
  const req = approval.request;
  return {
    sessionId,
    toolCall: {
      toolCallId: toolCallId ?? req.item_id ?? approval.id,
      status: 'pending',
      title: requestTitle(req),
      kind: req.writes_outside !== undefined ? 'edit' : req.mcp_server !== undefined ? 'other' : 'execute',
      content: [{ type: 'content', content: { type: 'text', text: requestText(approval) } }],
    },
    options: options(req),
  };
}

/** The editor's answer (null: the request failed or was withdrawn) as hew's answer to the approval. */
export function answerOf(response: acp.RequestPermissionResponse | null): ApprovalAnswer {
  const outcome = response?.outcome;
  if (!outcome || outcome.outcome !== 'selected') return { decision: 'denied', note: EDITOR_CANCELLED };
  switch (outcome.optionId) {
    case 'allow_once':
      return { decision: 'approved' };
    case 'allow_always':
      return { decision: 'approved_always' };
    case 'reject_always':
      return { decision: 'denied_always' };
    case 'reject_once':
      return { decision: 'denied' };
    default:
      // An option hew did not offer: nothing was approved.
      return { decision: 'denied', note: `the editor answered with an option hew did not offer (${titleLine(outcome.optionId, 40)})` };
  }
}
