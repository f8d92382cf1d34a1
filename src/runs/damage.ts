// A damaged run: its meta.json is missing, truncated or of the wrong shape, or its events.jsonl is
// corrupted before its last line. Such a run is still listed (as damaged) and can be discarded; every
// command that needs what is damaged refuses it with this one error (bad input, exit 2) naming the
// problem and the way out, instead of guessing or crashing.
import { HewError } from '../errors/hew-error.ts';
import { EXIT } from '../protocol/exit-codes.ts';

export class DamagedRunError extends HewError {
  readonly runId: string;
  readonly damage: string;

  constructor(runId: string, damage: string, consequence = 'it cannot be used') {
    super(`run ${runId} is damaged: ${damage}; ${consequence} (remove it with \`hew discard ${runId}\`)`, EXIT.usage);
    this.name = 'DamagedRunError';
    this.runId = runId;
    this.damage = damage;
  }
}
