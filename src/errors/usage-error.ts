// Bad usage or input (exit 2): the message says what was wrong and what to do instead.
import { HewError } from './hew-error.ts';
import { EXIT } from '../protocol/exit-codes.ts';

export class UsageError extends HewError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}
