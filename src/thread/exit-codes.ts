// A turn's outcome as the run's status and exit code (the codes are protocol/exit-codes.ts).
import { EXIT } from '../protocol/exit-codes.ts';
import type { ThreadStatus } from '../protocol/events.ts';
import type { TurnOutcome } from '../agent/run-turn.ts';
import { ModelError } from '../model/types.ts';

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
