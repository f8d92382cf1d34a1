// The one error type of the patch engine. Its message goes back to the model verbatim,
// so every message says what was wrong and what to do about it.

export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}
