// Whether a run is kept when its thread closes, as a pure verdict (docs/runs.md "Runs that never
// reached the model"). A run is worth keeping once the model has answered it: before that no tool
// ran, nothing changed in the copy, and the copy is only a duplicate of the user's files. A resumed
// run is always kept: it already held the user's work.
import { ModelError } from '../model/types.ts';

/** Why a closing run's directory is removed. */
export type RemovedReason =
  /** Its working copy (or the sandbox around it) could not be made. */
  | 'copy_failed'
  /** Its model request failed before any response arrived whole (no key, 401, unknown model, server down). */
  | 'model_unanswered'
  /** It never got a prompt (the TUI opened and closed, `/new` at once). */
  | 'no_prompt';

export interface RunFacts {
  /** The thread continues an existing run (`hew resume`, `exec --resume`, `/resume`). */
  resumed: boolean;
  /** Making the working copy failed. */
  copyFailed: boolean;
  /** Prompts given to the thread (turns started). */
  prompts: number;
  /** Model responses that arrived whole (each agent step's answer). */
  responses: number;
  /** A turn failed on a model request (ModelError: refused key, unknown model, unreachable, retries out). */
  modelFailed: boolean;
}

/** The reason the run is removed, or null when it is kept. */
export function removalReason(facts: RunFacts): RemovedReason | null {
  if (facts.resumed) return null;
  if (facts.copyFailed) return 'copy_failed';
  if (facts.responses > 0) return null;
  if (facts.prompts === 0) return 'no_prompt';
  return facts.modelFailed ? 'model_unanswered' : null;
}

/** Whether a failed turn's error came from the model request (not setup, the copy or an interrupt). */
export function isModelFailure(error: Error): boolean {
  return error instanceof ModelError && error.kind !== 'aborted';
}

/** Why no run was kept, for a front's one line (`hew: no run was kept (…)`). */
export function removedText(reason: RemovedReason): string {
  switch (reason) {
    case 'copy_failed':
      return 'its working copy could not be made';
    case 'model_unanswered':
      return 'the model never answered, so nothing was done';
    case 'no_prompt':
      return 'it never got a prompt';
  }
}
