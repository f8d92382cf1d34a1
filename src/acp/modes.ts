// ACP session modes are hew's approval presets: the editor's mode picker switches when hew asks
// before a command. The sandbox is not a mode (it is probed once per session, from `hew acp`'s flags).
// Pure data and two lookups; the session applies a mode with controller.setApproval (a message in the
// conversation, the instructions unchanged) and echoes it as current_mode_update.
import type * as acp from '@agentclientprotocol/sdk';
import type { ApprovalPolicy } from '../protocol/approval.ts';

const MODE_POLICY: ReadonlyArray<{ mode: acp.SessionMode; policy: ApprovalPolicy }> = [
  { mode: { id: 'ask', name: 'Ask', description: 'ask before every command not known to be read-only (approval: untrusted)' }, policy: 'untrusted' },
  { mode: { id: 'auto', name: 'Auto', description: 'commands run in the sandbox; ask only to leave it or for network (approval: on-request)' }, policy: 'on-request' },
  { mode: { id: 'never-ask', name: 'Never ask', description: 'never ask: what needs approval is denied and the model told why (approval: never)' }, policy: 'never' },
];

/** The modes every hew session offers, in picker order. */
export const ACP_MODES: acp.SessionMode[] = MODE_POLICY.map((m) => ({ ...m.mode }));

/** The mode id of an approval policy. */
export function modeOfPolicy(policy: ApprovalPolicy): string {
  return (MODE_POLICY.find((m) => m.policy === policy) ?? MODE_POLICY[1]!).mode.id;
}

/** The modes with the current one for a session whose approval policy is `policy`. */
export function modeState(policy: ApprovalPolicy): acp.SessionModeState {
  return { currentModeId: modeOfPolicy(policy), availableModes: ACP_MODES.map((m) => ({ ...m })) };
}

/** The approval policy a mode id stands for; null for an id hew does not offer. */
export function policyOfMode(modeId: string): ApprovalPolicy | null {
  return MODE_POLICY.find((m) => m.mode.id === modeId)?.policy ?? null;
}
