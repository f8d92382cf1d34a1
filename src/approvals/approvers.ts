// Approvers that need no person: the headless fronts' (every question is answered "denied" at once,
// with a note telling the model why and what it can do instead) and a scripted one for tests.
import { headlessDenialNote } from './notes.ts';
import type { ApprovalAnswer, ApprovalDecision, ApprovalRequest } from '../protocol/approval.ts';
import type { Approver } from './types.ts';

/** The fronts that run without a person. */
export type HeadlessFront = 'exec' | 'batch' | 'watch';

/**
 * The approver of a headless front: it never waits. Whatever reached it needed a person, so it is
 * denied; commands the user's flags already allow (`-s danger-full-access`, `--network`,
 * `-a on-request`) never get here because the policy allows them first.
 */
export function policyApprover(front: HeadlessFront = 'exec'): Approver {
  return {
    canApprove: false,
    decide(req: ApprovalRequest): Promise<ApprovalAnswer> {
      return Promise.resolve({ decision: 'denied', note: headlessDenialNote(req.reasons ?? [], front, req.mcp_server) });
    },
  };
}

export interface ScriptedApprover extends Approver {
  /** Every request it was asked, in order. */
  readonly requests: ApprovalRequest[];
  /** Answers not yet given. */
  remaining(): number;
}

/**
 * Answers requests with `answers` in order (a bare decision or a full answer). When the script runs
 * out it denies, saying so, rather than blocking.
 */
export function scriptedApprover(answers: (ApprovalDecision | ApprovalAnswer)[]): ScriptedApprover {
  const queue = [...answers];
  const requests: ApprovalRequest[] = [];
  return {
    canApprove: true,
    requests,
    remaining: () => queue.length,
    decide(req: ApprovalRequest): Promise<ApprovalAnswer> {
      requests.push(req);
      const next = queue.shift();
      if (next === undefined) return Promise.resolve({ decision: 'denied', note: 'The scripted approver has no answers left.' });
      return Promise.resolve(typeof next === 'string' ? { decision: next } : { ...next });
    },
  };
}
