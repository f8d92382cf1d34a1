// Bad usage or input (exit 2): the message says what was wrong and what to do instead.
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
