import { describe, expect, it } from 'vitest';
import { ACP_MODES, modeState, policyOfMode } from '../../src/acp/modes.ts';
import type { ApprovalPolicy } from '../../src/protocol/approval.ts';
import { expectValidAcp } from '../support/acp-schema.ts';

describe('ACP modes are the approval presets', () => {
  const rows: { mode: string; name: string; policy: ApprovalPolicy }[] = [
    { mode: 'ask', name: 'Ask', policy: 'untrusted' },
    { mode: 'auto', name: 'Auto', policy: 'on-request' },
    { mode: 'never-ask', name: 'Never ask', policy: 'never' },
  ];
  it.each(rows)('$mode ($name) ⇄ $policy', ({ mode, name, policy }) => {
    expect(policyOfMode(mode)).toBe(policy);
    const state = modeState(policy);
    expectValidAcp('SessionModeState', state);
    expect(state.currentModeId).toBe(mode);
    expect(state.availableModes.find((m) => m.id === mode)?.name).toBe(name);
  });

  it('offers the three modes in picker order', () => {
    expect(ACP_MODES.map((m) => m.id)).toEqual(['ask', 'auto', 'never-ask']);
    for (const m of ACP_MODES) expectValidAcp('SessionMode', m);
  });

  it.each(['', 'Ask', 'untrusted', 'yolo', 'never'])('no policy for the unknown mode id %j', (id) => {
    expect(policyOfMode(id)).toBeNull();
  });

  it('modeState hands out copies (a caller cannot change the offer)', () => {
    modeState('never').availableModes[0]!.name = 'changed';
    expect(ACP_MODES[0]!.name).toBe('Ask');
  });
});
