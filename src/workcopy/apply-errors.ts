// The ways an apply stops without finishing, each with what it means for the user's tree.
import { quotePath } from './path-bytes.ts';

/** The user's tree changed between planning and writing; nothing was written (rolled back). */
export class ApplyRaceError extends Error {
  readonly path: string;
  constructor(rel: string) {
    super(`${quotePath(rel)} changed while applying`);
    this.name = 'ApplyRaceError';
    this.path = rel;
  }
}

/** An interrupt arrived before the commit phase: no file of the user's changed, nothing was left behind. */
export class ApplyInterruptedError extends Error {
  constructor() {
    super('apply interrupted before any file changed');
    this.name = 'ApplyInterruptedError';
  }
}

/** The commit failed and could not be fully undone: the journal stays for the next hew command. */
export class ApplyUndoError extends Error {
  constructor(cause: Error) {
    super(`${cause.message}; some files could not be put back yet — the next hew command in this repository finishes that`);
    this.name = 'ApplyUndoError';
  }
}
