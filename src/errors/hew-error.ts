// An error that decides how hew exits. Each kind of failure that ends a command with a documented exit
// code (SPEC §2: bad input 2, no usable sandbox 6, …) extends HewError with that code, as Gemini CLI's
// FatalError does, so the code is decided once, where the error is made; every place that turns an
// error into an exit code (the top level of `hew`, a watch task's result) asks `exitCodeOf`.
// This folder imports nothing from src/ but the exit codes.
import { EXIT } from '../protocol/exit-codes.ts';

export class HewError extends Error {
  /** The exit code of a command that ends with this error. */
  readonly exitCode: number;

  constructor(message: string, exitCode: number) {
    super(message);
    this.name = 'HewError';
    this.exitCode = exitCode;
  }
}

/** The exit code for `err`: a HewError's own, anything else (an unexpected failure, a non-Error throw) 1. */
export function exitCodeOf(err: unknown): number {
  return err instanceof HewError ? err.exitCode : EXIT.failed;
}
