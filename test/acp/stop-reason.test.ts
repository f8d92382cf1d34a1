import { describe, expect, it } from 'vitest';
import { stopReasonOf } from '../../src/acp/stop-reason.ts';
import type { Settled } from '../../src/protocol/interactive.ts';
import { expectValidAcp } from '../support/acp-schema.ts';

const conflictApply = {
  type: 'notice.apply' as const,
  ok: false,
  applied: [],
  conflicts: [{ path: 'src/a.ts', reason: 'your tree changed these lines' }],
  message: 'nothing was written: 1 conflict with your tree',
};

describe('stopReasonOf', () => {
  const stops: { settled: Settled; stopReason: string }[] = [
    { settled: { kind: 'turn', status: 'completed' }, stopReason: 'end_turn' },
    { settled: { kind: 'turn', status: 'interrupted' }, stopReason: 'cancelled' },
    { settled: { kind: 'turn', status: 'budget_exceeded', budget: 'steps' }, stopReason: 'max_turn_requests' },
    { settled: { kind: 'turn', status: 'budget_exceeded', budget: 'time' }, stopReason: 'max_turn_requests' },
    { settled: { kind: 'turn', status: 'budget_exceeded', budget: 'cost' }, stopReason: 'max_turn_requests' },
    { settled: { kind: 'turn', status: 'budget_exceeded' }, stopReason: 'max_turn_requests' },
    { settled: { kind: 'turn', status: 'budget_exceeded', budget: 'context' }, stopReason: 'max_tokens' },
    { settled: { kind: 'command', name: '/diff', ok: true, notices: [] }, stopReason: 'end_turn' },
    { settled: { kind: 'command', name: '/apply', ok: true, notices: [{ type: 'notice.apply', ok: true, applied: [{ path: 'a', action: 'update' }], conflicts: [], message: '' }] }, stopReason: 'end_turn' },
  ];
  it.each(stops)('$settled → $stopReason', ({ settled, stopReason }) => {
    const end = stopReasonOf(settled);
    expect(end).toEqual({ stopReason });
    expectValidAcp('PromptResponse', end);
  });

  const errors: { settled: Settled; code: number; message: string | RegExp; data?: unknown }[] = [
    { settled: { kind: 'turn', status: 'failed', message: 'the model provider answered 500' }, code: -32603, message: 'the model provider answered 500' },
    { settled: { kind: 'turn', status: 'failed' }, code: -32603, message: 'the turn failed' },
    { settled: { kind: 'command', name: '/apply', ok: false, notices: [conflictApply] }, code: -32603, message: conflictApply.message, data: { conflicts: conflictApply.conflicts } },
    { settled: { kind: 'command', name: '/rewind', ok: false, notices: [{ type: 'notice.error', message: 'no step 9' }] }, code: -32603, message: 'no step 9' },
    { settled: { kind: 'command', name: '/compact', ok: false, notices: [] }, code: -32603, message: '/compact failed' },
    { settled: { kind: 'refused', message: 'a turn is running' }, code: -32600, message: 'a turn is running' },
  ];
  it.each(errors)('$settled → error $code', ({ settled, code, message, data }) => {
    const end = stopReasonOf(settled);
    expect('error' in end).toBe(true);
    if (!('error' in end)) return;
    expect(end.error.code).toBe(code);
    if (typeof message === 'string') expect(end.error.message).toBe(message);
    expect(end.error.data).toEqual(data);
    expectValidAcp('Error', end.error);
  });
});
