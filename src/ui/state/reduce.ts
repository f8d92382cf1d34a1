// The one reducer of the TUI: (state, event or view action) → state. Pure: no React, no clock;
// times come from the events' own `ts`.
import type { StampedEvent } from '../../protocol/events.ts';
import { itemCompleted, itemDelta, itemInProgress, settleLive } from './items.ts';
import { reduceNotice } from './notices.ts';
import { safeAction } from './safe-action.ts';
import { appendEntry } from './transcript.ts';
import type { ViewAction, ViewState } from './types.ts';

function timeOf(ts: string): number | null {
  const t = Date.parse(ts);
  return Number.isNaN(t) ? null : t;
}

function endTurn(state: ViewState, ts: string): ViewState {
  const settled = settleLive(state);
  const end = timeOf(ts);
  const started = state.status.turnStartedAt;
  const lastTurnMs = end !== null && started !== null ? Math.max(0, end - started) : state.status.lastTurnMs;
  return { ...settled, status: { ...settled.status, busy: false, turnStartedAt: null, lastTurnMs, retry: null } };
}

function reduceEvent(state: ViewState, event: StampedEvent): ViewState {
  switch (event.type) {
    case 'thread.started':
      return state;
    // Best of N's per-attempt ends: the TUI runs no attempt groups (yet); the group's thread.completed closes.
    case 'attempt.completed':
      return state;
    case 'turn.started':
      return { ...state, status: { ...state.status, busy: true, turn: event.turn, turnStartedAt: timeOf(event.ts), retry: null } };
    case 'item.started':
    case 'item.updated':
      return itemInProgress(state, event.item);
    case 'item.delta':
      return itemDelta(state, event.id, event.text);
    case 'item.completed':
      return itemCompleted(state, event.item);
    case 'turn.completed': {
      const ended = endTurn(state, event.ts);
      const withUsage = { ...ended, status: { ...ended.status, usage: event.total_usage } };
      return appendEntry(withUsage, { kind: 'turn_end', turn: event.turn, usage: event.usage, durationMs: withUsage.status.lastTurnMs });
    }
    case 'turn.failed': {
      // An interrupted (or failed) turn still spent tokens: its total is kept, not lost until the next turn ends.
      const ended = endTurn(state, event.ts);
      const withUsage = event.total_usage ? { ...ended, status: { ...ended.status, usage: event.total_usage } } : ended;
      return appendEntry(withUsage, { kind: 'error', message: `Turn ${event.turn} failed: ${event.error.message}` });
    }
    case 'error':
      if (event.will_retry) {
        const retry = { message: event.message, ...(event.attempt !== undefined ? { attempt: event.attempt } : {}), ...(event.delay_ms !== undefined ? { delayMs: event.delay_ms } : {}) };
        const s = { ...state, status: { ...state.status, retry } };
        return appendEntry(s, { kind: 'retry', ...retry });
      }
      return appendEntry(state, { kind: 'error', message: event.message });
    case 'thread.completed': {
      const ended = state.status.busy || state.live.length > 0 ? endTurn(state, event.ts) : state;
      const s = { ...ended, status: { ...ended.status, usage: event.total_usage } };
      return appendEntry(s, { kind: 'thread_end', status: event.status, exitCode: event.exit_code });
    }
  }
}

export function reduce(state: ViewState, raw: ViewAction): ViewState {
  const action = safeAction(raw);
  switch (action.type) {
    case 'ui.prompt':
      return appendEntry(state, { kind: 'prompt', text: action.text });
    case 'ui.closeDiff':
      return state.diff ? { ...state, diff: null } : state;
    case 'notice.summary':
    case 'notice.diff':
    case 'notice.apply':
    case 'notice.info':
    case 'notice.warning':
    case 'notice.error':
    case 'notice.reset':
    case 'notice.exit':
      return reduceNotice(state, action);
    default:
      return reduceEvent(state, action);
  }
}
