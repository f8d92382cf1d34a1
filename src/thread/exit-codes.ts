// Exit codes of SPEC §2, in one place.
import type { ThreadStatus } from '../agent/events.ts';
import type { TurnOutcome } from '../agent/run-turn.ts';
import { ModelError } from '../model/types.ts';

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  provider: 3,
  budget: 4,
  conflict: 5,
  /** The run cannot be done safely here: no usable sandbox and no `-s danger-full-access` (SPEC §9). */
  unsafe: 6,
  interrupted: 130,
} as const;

export function outcomeExit(outcome: TurnOutcome): { status: ThreadStatus; exitCode: number } {
  switch (outcome.status) {
    case 'completed':
      return { status: 'completed', exitCode: EXIT.ok };
    case 'budget_exceeded':
      return { status: 'budget_exceeded', exitCode: EXIT.budget };
    case 'interrupted':
      return { status: 'interrupted', exitCode: EXIT.interrupted };
    case 'failed': {
      const refused = outcome.error instanceof ModelError && (outcome.error.kind === 'auth' || outcome.error.kind === 'model_not_found');
      return { status: 'failed', exitCode: refused ? EXIT.provider : EXIT.failed };
    }
  }
}
