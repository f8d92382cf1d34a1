// The state before any event: the header as the first transcript entry, nothing live.
import { ZERO_USAGE } from '../../protocol/usage.ts';
import type { SessionInfo } from '../../protocol/interactive.ts';
import type { ViewState } from './types.ts';

export function initialState(info: SessionInfo, epoch = 0): ViewState {
  return {
    info,
    epoch,
    nextKey: 1,
    transcript: [{ kind: 'header', key: `${epoch}.0`, info }],
    live: [],
    plan: null,
    diff: null,
    status: { busy: false, turn: 0, turnStartedAt: null, lastTurnMs: null, usage: { ...ZERO_USAGE }, retry: null },
    exitCode: null,
  };
}
