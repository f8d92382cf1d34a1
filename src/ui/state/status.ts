// Status facts derived from the state: what the agent is doing now, and what the thread has cost.
import type { Usage } from '../../protocol/usage.ts';
import { costUsd } from '../../format/cost.ts';
import type { ApprovalView, LiveItem, ViewState } from './types.ts';

/** USD for the usage at [input, cached input, output] dollars per million tokens. */
export function costOf(usage: Usage, prices: [number, number, number] | undefined): number | null {
  return prices ? costUsd(usage, prices) : null;
}

/** The approval waiting for the person, if any (the oldest). */
export function pendingApproval(state: ViewState): ApprovalView | null {
  const item = state.live.find((l): l is Extract<LiveItem, { kind: 'approval' }> => l.kind === 'approval');
  return item ? item.request : null;
}

/** A short phrase for the status line: "thinking", "running `npm test`", "waiting for approval"… */
export function activityOf(state: ViewState): string {
  if (pendingApproval(state)) return 'waiting for approval';
  const live = [...state.live].reverse();
  const command = live.find((l) => l.kind === 'command');
  if (command?.kind === 'command') {
    const c = command.command;
    if (c.tool === 'read_file') return `reading ${c.command.replace(/^read_file\s+/, '')}`;
    if (c.tool !== undefined) return `running ${c.tool}`;
    return `running \`${oneLine(c.command, 40)}\``;
  }
  if (live.some((l) => l.kind === 'file_change')) return 'editing files';
  if (state.status.retry) {
    const attempt = state.status.retry.attempt;
    return attempt !== undefined ? `retrying (attempt ${attempt})` : 'retrying';
  }
  if (live.some((l) => l.kind === 'message')) return 'responding';
  if (state.status.busy) return 'thinking';
  return 'ready';
}

/** The first line of `text`, cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const first = text.split('\n', 1)[0] ?? '';
  const cut = first.length > max ? first.slice(0, Math.max(1, max - 1)) : first;
  return cut.length < text.length ? `${cut}…` : cut;
}
