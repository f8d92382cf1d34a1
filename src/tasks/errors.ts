// A task file that cannot be used (exit 2): the message names the file and, where known, the line.
import { HewError } from '../errors/hew-error.ts';
import { EXIT } from '../protocol/exit-codes.ts';

export class TaskFileError extends HewError {
  constructor(source: string, line: number | null, message: string) {
    super(`${source}${line ? `:${line}` : ''}: ${message}`, EXIT.usage);
    this.name = 'TaskFileError';
  }
}
